import type { DecideContext } from "../../../kernel/decider.js";
import { RuleViolation, ValidationError } from "../../../kernel/errors.js";
import { actorSignature, type Signature } from "../../shared/signature.js";
import { ShiftRulesViolated } from "../shift-rules-violated.js";
import { applyRosterChanges } from "./apply-roster-changes.js";
import { breakSpans, checkBreakPlan } from "./check-break-plan.js";
import {
  checkRoster,
  holidayShifts,
  type Roster,
  rosterHours,
  rosterIssues,
} from "./check-roster.js";
import type { AdjustRoster, PlanBreaks, RosterCommand, ScheduleRoster } from "./commands.js";
import type { RosterEvent, RosterPublished } from "./events.js";
import type { RosterState } from "./state.js";

/**
 * Decides a roster command (S1–S4). Publishing checks the whole roster with `checkRoster` and
 * refuses it with a `ShiftRulesViolated` listing every violation; planning a day's breaks checks
 * them with `checkBreakPlan` the same way.
 *
 * @example
 * ```ts
 * decideRoster(PublishRoster({ month: "2026-11" }), state, ctx); // [RosterPublished]
 * ```
 */
export function decideRoster(
  command: RosterCommand,
  state: RosterState,
  context: DecideContext,
): RosterEvent[] {
  const by = actorSignature(context);
  switch (command.type) {
    case "ScheduleRoster":
      return schedule(command, state, by);
    case "AdjustRoster":
      return adjust(command, state, context, by);
    case "PublishRoster": {
      requireScheduled(state, command.data.month);
      return [published(state, context, by)];
    }
    case "PlanBreaks":
      return planBreaks(command, state, context, by);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

function schedule(command: ScheduleRoster, state: RosterState, by: Signature): RosterEvent[] {
  const { month, points, staff, shifts } = command.data;
  if (state.status === "published") {
    throw new RuleViolation(
      "S2",
      `the roster of ${month} is published; the CS manager changes it with AdjustRoster.`,
    );
  }
  const issues = rosterIssues(command.data);
  if (issues.length > 0) {
    throw new ValidationError(
      command.type,
      issues.map((issue) => ({ ...issue, path: `data.${issue.path}` })),
    );
  }
  return [{ type: "RosterScheduled", data: { month, points, staff, shifts, by } }];
}

function adjust(
  command: AdjustRoster,
  state: RosterState,
  context: DecideContext,
  by: Signature,
): RosterEvent[] {
  const { month, changes, reason } = command.data;
  requireScheduled(state, month);
  const shifts = applyRosterChanges(state.shifts, state.staff, changes);
  const issues = rosterIssues({ ...state, shifts });
  if (issues.length > 0) {
    throw new ValidationError(
      command.type,
      issues.map((issue) => ({ ...issue, path: `data.changes (${issue.path})` })),
    );
  }
  const adjusted: RosterEvent = {
    type: "RosterAdjusted",
    data: { month, changes, reason, shifts, by },
  };
  // A published roster stays published only as a roster that passes every check.
  if (state.status !== "published") return [adjusted];
  return [adjusted, published({ ...state, shifts }, context, by)];
}

/** The roster checked (S1–S3) and published with its hours (S2) and holiday shifts (S4). */
function published(roster: Roster, context: DecideContext, by: Signature): RosterPublished {
  const { policy, calendar } = context;
  const violations = checkRoster(roster, policy, calendar);
  if (violations.length > 0) {
    throw new ShiftRulesViolated(`the roster of ${roster.month}`, violations);
  }
  const { month, points, staff, shifts } = roster;
  return {
    type: "RosterPublished",
    data: {
      month,
      points: [...points],
      staff: [...staff],
      shifts: [...shifts],
      hours: rosterHours(roster, policy),
      holidayShifts: holidayShifts(roster, calendar),
      by,
    },
  };
}

function planBreaks(
  command: PlanBreaks,
  state: RosterState,
  context: DecideContext,
  by: Signature,
): RosterEvent[] {
  const plan = command.data;
  if (state.status !== "published") {
    throw new RuleViolation(
      "S3",
      `breaks are planned on the published roster, and the roster of ${plan.day.slice(0, 7)} is not published.`,
    );
  }
  const violations = checkBreakPlan(plan, state, context.policy);
  if (violations.length > 0) {
    throw new ShiftRulesViolated(`the break plan of ${plan.day}`, violations);
  }
  return [
    {
      type: "BreaksPlanned",
      data: { day: plan.day, breaks: breakSpans(plan, state, context.policy), by },
    },
  ];
}

function requireScheduled(state: RosterState, month: string): void {
  if (state.status === "none") {
    throw new RuleViolation("S2", `the CS manager has not drawn up a roster for ${month}.`);
  }
}
