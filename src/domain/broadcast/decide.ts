import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import { actorSignature } from "../shared/signature.js";
import type {
  ApproveBroadcastRequest,
  BroadcastCommand,
  PlanPlaylist,
  RecordBroadcast,
  RequestBroadcast,
  SignBroadcastRequest,
} from "./commands.js";
import type { BroadcastEvent } from "./events.js";
import { checkPlaylist } from "./playlist-check.js";
import { PlaylistViolations } from "./playlist-violations.js";
import type { BroadcastRequestState, BroadcastState } from "./state.js";

/**
 * Decides a broadcast command (B1): a request at least `broadcastLeadTime` ahead, the floor
 * manager's signature, then the CS manager's approval, then the recording; a playlist plan is
 * refused with every violation `checkPlaylist` finds.
 *
 * @example
 * ```ts
 * decideBroadcast(SignBroadcastRequest({ requestId: "b-1" }), state, ctx); // [BroadcastRequestSigned]
 * ```
 */
export function decideBroadcast(
  command: BroadcastCommand,
  state: BroadcastState,
  context: DecideContext,
): BroadcastEvent[] {
  switch (command.type) {
    case "RequestBroadcast":
      return request(command, state, context);
    case "SignBroadcastRequest":
      return sign(command, state, context);
    case "ApproveBroadcastRequest":
      return approve(command, state, context);
    case "RecordBroadcast":
      return record(command, state, context);
    case "PlanPlaylist":
      return plan(command, state, context);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown broadcast command ${JSON.stringify(unknown)}`);
    }
  }
}

const signer = actorSignature;

const HOUR = 3_600_000;
const span = (ms: number) =>
  ms % (24 * HOUR) === 0 ? `${ms / (24 * HOUR)} day(s)` : `${Math.round(ms / 60_000)} min`;

function request(
  command: RequestBroadcast,
  state: BroadcastState,
  context: DecideContext,
): BroadcastEvent[] {
  const { requestId, playFrom, playUntil, ...form } = command.data;
  if (Object.hasOwn(state.requests, requestId)) {
    throw new RuleViolation("B1", `broadcast request ${requestId} already exists.`);
  }
  const from = new Date(playFrom);
  const lead = context.policy.broadcastLeadTime;
  if (from.getTime() - context.now.getTime() < lead) {
    throw new RuleViolation(
      "B1",
      `an announcement is requested at least ${span(lead)} before it plays; request ${requestId} plays from ${from.toISOString()}, only ${span(Math.max(0, from.getTime() - context.now.getTime()))} after ${context.now.toISOString()}.`,
    );
  }
  const until = playUntil === undefined ? undefined : new Date(playUntil);
  const firstDay = context.calendar.businessDayOf(from);
  const lastDay = until ? context.calendar.businessDayOf(until) : firstDay;
  const end = until ?? context.calendar.dayBounds(firstDay).end;
  return [
    {
      type: "BroadcastRequested",
      data: {
        requestId,
        ...form,
        playFrom: from.toISOString(),
        playUntil: end.toISOString(),
        firstDay,
        lastDay,
        requestedBy: signer(context),
      },
    },
  ];
}

/** The request a step is about; an unknown one is refused. */
function known(state: BroadcastState, requestId: string): BroadcastRequestState {
  const found = Object.hasOwn(state.requests, requestId) ? state.requests[requestId] : undefined;
  if (!found) throw new RuleViolation("B1", `there is no broadcast request ${requestId}.`);
  return found;
}

function sign(
  command: SignBroadcastRequest,
  state: BroadcastState,
  context: DecideContext,
): BroadcastEvent[] {
  const { requestId } = command.data;
  const found = known(state, requestId);
  if (found.floorManager) {
    throw new RuleViolation(
      "B1",
      `broadcast request ${requestId} is already signed by floor manager ${found.floorManager.staffId}.`,
    );
  }
  return [{ type: "BroadcastRequestSigned", data: { requestId, floorManager: signer(context) } }];
}

function approve(
  command: ApproveBroadcastRequest,
  state: BroadcastState,
  context: DecideContext,
): BroadcastEvent[] {
  const { requestId } = command.data;
  const found = known(state, requestId);
  if (!found.floorManager) {
    throw new RuleViolation(
      "B1",
      `broadcast request ${requestId} is not signed by the floor manager; the CS manager approves only a signed request.`,
    );
  }
  if (found.csManager) {
    throw new RuleViolation(
      "B1",
      `broadcast request ${requestId} is already approved by ${found.csManager.staffId}.`,
    );
  }
  return [{ type: "BroadcastRequestApproved", data: { requestId, csManager: signer(context) } }];
}

function record(
  command: RecordBroadcast,
  state: BroadcastState,
  context: DecideContext,
): BroadcastEvent[] {
  const { requestId, recording } = command.data;
  const found = known(state, requestId);
  if (found.status === "recorded") {
    throw new RuleViolation("B1", `broadcast request ${requestId} is already recorded.`);
  }
  if (found.status !== "approved") {
    const missing = found.floorManager
      ? "the CS manager's approval"
      : "the floor manager's signature and the CS manager's approval";
    throw new RuleViolation(
      "B1",
      `broadcast request ${requestId} lacks ${missing}; an announcement is recorded only once approved.`,
    );
  }
  return [
    {
      type: "BroadcastRecorded",
      data: {
        requestId,
        ...(recording === undefined ? {} : { recording }),
        recordedBy: signer(context),
      },
    },
  ];
}

function plan(
  command: PlanPlaylist,
  state: BroadcastState,
  context: DecideContext,
): BroadcastEvent[] {
  const { planId, day, items, classes } = command.data;
  const violations = checkPlaylist({ day, items, classes }, state.requests);
  if (violations.length > 0) throw new PlaylistViolations(planId, violations);
  const revision =
    (Object.hasOwn(state.plans, planId) ? (state.plans[planId]?.revision ?? 0) : 0) + 1;
  return [
    {
      type: "PlaylistPlanned",
      data: { planId, day, revision, items, classes, plannedBy: signer(context) },
    },
  ];
}
