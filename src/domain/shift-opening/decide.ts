import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation, Unauthorized } from "../../kernel/errors.js";
import { actorSignature, type Signature } from "../shared/signature.js";
import {
  type HoldPreShiftMeeting,
  MEETING_CHAIRS,
  OPENING_CHECKS,
  type RecordArrival,
  type ShiftOpeningCommand,
  type TakePost,
} from "./commands.js";
import type { ShiftOpeningEvent } from "./events.js";
import type { ShiftOpeningState } from "./state.js";

const MINUTE = 60_000;

/**
 * Decides an opening command (S6, S7) for the business day of `context.now`. A step out of
 * order is a RuleViolation naming the rule; a staff member who records another's arrival or
 * post without being the team lead or a manager is Unauthorized.
 *
 * @example
 * ```ts
 * decideShiftOpening(TakePost({ staffId: "s-1", post: "desk" }), state, ctx); // S6 without the meeting
 * ```
 */
export function decideShiftOpening(
  command: ShiftOpeningCommand,
  state: ShiftOpeningState,
  context: DecideContext,
): ShiftOpeningEvent[] {
  const businessDay = context.calendar.businessDayOf(context.now);
  const _at = context.now.toISOString();
  const by = actorSignature(context);
  switch (command.type) {
    case "RecordArrival":
      return arrive(command, state, context, businessDay, by);
    case "HoldPreShiftMeeting":
      return meet(command, state, businessDay, by);
    case "TakePost":
      return takePost(command, state, context, businessDay);
    case "CompleteOpeningChecks": {
      const fresh = command.data.checks.filter((check) => !state.checks.includes(check));
      if (fresh.length === 0) return [];
      return [{ type: "OpeningChecksCompleted", data: { businessDay, checks: fresh, by } }];
    }
    case "ReadMessageBook": {
      const bookOf = context.calendar.addDays(businessDay, -1);
      const { notes } = command.data;
      return [
        {
          type: "MessageBookRead",
          data:
            notes === undefined ? { businessDay, bookOf, by } : { businessDay, bookOf, notes, by },
        },
      ];
    }
    case "OpenBusinessDay": {
      if (state.opened)
        throw new RuleViolation("S7", `business day ${businessDay} is already open.`);
      const missing: string[] = [];
      const undone = OPENING_CHECKS.filter((check) => !state.checks.includes(check));
      if (undone.length > 0) missing.push(`opening checks not done: ${undone.join(", ")}`);
      if (!state.messageBookRead) missing.push("the previous day's message book is not read");
      if (missing.length > 0) {
        throw new RuleViolation(
          "S7",
          `business day ${businessDay} cannot open: ${missing.join("; ")}.`,
        );
      }
      const lateArrivals = Object.entries(state.arrived)
        .filter(([, arrival]) => arrival.late)
        .map(([staffId]) => staffId);
      return [{ type: "BusinessDayOpened", data: { businessDay, lateArrivals, by } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`Unknown opening command ${(unknown as { type: string }).type}`);
    }
  }
}

function arrive(
  command: RecordArrival,
  state: ShiftOpeningState,
  context: DecideContext,
  businessDay: string,
  by: Signature,
): ShiftOpeningEvent[] {
  const { staffId } = command.data;
  requireSelfOrChair(context, staffId, "record the arrival of");
  const hours = context.calendar.openingHoursOf(businessDay);
  if (!hours) throw new RuleViolation("S7", `the site does not open on ${businessDay}.`);
  if (state.arrived[staffId]) {
    throw new RuleViolation("S7", `${staffId} is already recorded on site on ${businessDay}.`);
  }
  const limit = new Date(hours.opens.getTime() - context.policy.arriveBeforeOpening);
  const over = context.now.getTime() - limit.getTime();
  const late = over > 0;
  return [
    {
      type: "StaffArrived",
      data: {
        businessDay,
        staffId,
        at: by.at as string,
        limit: limit.toISOString(),
        late,
        minutesLate: late ? Math.ceil(over / MINUTE) : 0,
        recordedBy: by,
      },
    },
  ];
}

function meet(
  command: HoldPreShiftMeeting,
  state: ShiftOpeningState,
  businessDay: string,
  by: Signature,
): ShiftOpeningEvent[] {
  const attendees = [...new Set(command.data.attendees)];
  const away = attendees.filter((staffId) => !state.arrived[staffId]);
  if (away.length > 0) {
    throw new RuleViolation("S7", `not recorded on site on ${businessDay}: ${away.join(", ")}.`);
  }
  const { topics } = command.data;
  return [
    {
      type: "PreShiftMeetingHeld",
      data:
        topics === undefined
          ? { businessDay, attendees, chairedBy: by }
          : { businessDay, attendees, topics, chairedBy: by },
    },
  ];
}

function takePost(
  command: TakePost,
  state: ShiftOpeningState,
  context: DecideContext,
  businessDay: string,
): ShiftOpeningEvent[] {
  const { staffId, post } = command.data;
  requireSelfOrChair(context, staffId, "put at a post");
  if (!state.arrived[staffId]) {
    throw new RuleViolation("S7", `${staffId} is not recorded on site on ${businessDay}.`);
  }
  if (!state.attended.includes(staffId)) {
    throw new RuleViolation(
      "S6",
      `${staffId} has not attended the pre-shift meeting of ${businessDay}: the meeting comes before the post.`,
    );
  }
  if (state.posts[staffId] === post) return [];
  return [
    { type: "PostTaken", data: { businessDay, staffId, post, at: context.now.toISOString() } },
  ];
}

function requireSelfOrChair(context: DecideContext, staffId: string, doing: string): void {
  if (staffId === context.actor.id) return;
  if ((MEETING_CHAIRS as readonly string[]).includes(context.actor.role)) return;
  throw new Unauthorized(
    `a ${context.actor.role} may not ${doing} ${staffId}; the team lead or a manager may.`,
  );
}
