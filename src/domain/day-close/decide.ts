import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation, Unauthorized } from "../../kernel/errors.js";
import { actorSignature, type Signature } from "../shared/signature.js";
import type { AnnotateDayCloseDiscrepancy, DayCloseCommand } from "./commands.js";
import type { DayCloseEvent } from "./events.js";
import { ANNOTATING_ROLES, type DayCloseState, missingForClose } from "./state.js";

/**
 * Decides a day-close command (S7, with V6 and N5 as the discrepancies it lists). A step out of
 * order is a RuleViolation naming S7; an annotation by a role not responsible for that kind of
 * discrepancy is Unauthorized naming S7.
 *
 * @example
 * ```ts
 * decideDayClose(CloseBusinessDay({ businessDay: "2026-12-06" }), state, ctx); // throws until ready
 * ```
 */
export function decideDayClose(
  command: DayCloseCommand,
  state: DayCloseState,
  context: DecideContext,
): DayCloseEvent[] {
  const businessDay = command.data.businessDay;
  const by = actorSignature(context);
  switch (command.type) {
    case "CheckFrontDeskOpen":
      if (state.phase !== "open") {
        throw new RuleViolation(
          "S7",
          `business day ${businessDay} is ${state.phase}: the desk takes no more ${command.data.command} for it.`,
        );
      }
      return [];
    case "BeginDayClose": {
      const today = context.calendar.businessDayOf(context.now);
      if (businessDay > today) {
        throw new RuleViolation(
          "S7",
          `business day ${businessDay} has not come yet (today is ${today}).`,
        );
      }
      requirePhase(state, businessDay, "open", "begin its close");
      return [{ type: "DayCloseBegun", data: { businessDay, by } }];
    }
    case "CountCashDrawer":
      requirePhase(state, businessDay, "closing", "count the drawer");
      requireUnlisted(state, businessDay, "count the drawer again");
      return [
        {
          type: "CashDrawerCounted",
          data: { businessDay, counted: command.data.counted, countedBy: by },
        },
      ];
    case "ListDayCloseDiscrepancies":
      requirePhase(state, businessDay, "closing", "list its discrepancies");
      if (state.cashCounted === undefined) {
        throw new RuleViolation(
          "S7",
          `count the cash drawer of ${businessDay} before the close lists its discrepancies.`,
        );
      }
      requireUnlisted(state, businessDay, "list them again");
      return [
        {
          type: "DayCloseDiscrepanciesListed",
          data: { businessDay, discrepancies: command.data.discrepancies, by },
        },
      ];
    case "AnnotateDayCloseDiscrepancy":
      return annotate(command, state, context, by);
    case "LockValuables":
      requirePhase(state, businessDay, "closing", "lock the valuables for it");
      if (state.valuablesLocked) return [];
      return [{ type: "ValuablesLocked", data: { businessDay, by } }];
    case "RecordHandoverWritten":
      if (state.phase === "closed") {
        throw new RuleViolation(
          "S7",
          `business day ${businessDay} is closed: its handover was due before.`,
        );
      }
      return [
        {
          type: "HandoverWrittenRecorded",
          data: { businessDay, handoverId: command.data.handoverId },
        },
      ];
    case "CloseBusinessDay": {
      requirePhase(state, businessDay, "closing", "close");
      const missing = missingForClose(state);
      if (missing.length > 0) {
        throw new RuleViolation(
          "S7",
          `business day ${businessDay} cannot close: ${missing.join("; ")}.`,
        );
      }
      return [
        {
          type: "BusinessDayClosed",
          data: { businessDay, discrepancies: state.discrepancies?.length ?? 0, by },
        },
      ];
    }
    case "WithdrawDayClose":
      requirePhase(state, businessDay, "closing", "withdraw its close");
      return [
        { type: "DayCloseWithdrawn", data: { businessDay, reason: command.data.reason, by } },
      ];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown day-close command ${(unknown as { type: string }).type}`);
    }
  }
}

function annotate(
  command: AnnotateDayCloseDiscrepancy,
  state: DayCloseState,
  context: DecideContext,
  by: Signature,
): DayCloseEvent[] {
  const { businessDay, discrepancyId, note } = command.data;
  requirePhase(state, businessDay, "closing", "annotate a discrepancy");
  const listed = state.discrepancies?.find((d) => d.id === discrepancyId);
  if (!listed) {
    throw new RuleViolation(
      "S7",
      `the close of ${businessDay} lists no discrepancy ${discrepancyId}.`,
    );
  }
  const roles = ANNOTATING_ROLES[listed.kind];
  if (!roles.includes(context.actor.role)) {
    throw new Unauthorized(
      `a ${listed.kind} discrepancy is annotated by ${roles.join(" or ")}, not ${context.actor.role}.`,
      "S7",
    );
  }
  if (listed.note !== undefined) {
    throw new RuleViolation(
      "S7",
      `${discrepancyId} is already annotated by ${listed.annotatedBy}.`,
    );
  }
  return [{ type: "DayCloseDiscrepancyAnnotated", data: { businessDay, discrepancyId, note, by } }];
}

function requirePhase(
  state: DayCloseState,
  businessDay: string,
  phase: DayCloseState["phase"],
  doing: string,
): void {
  if (state.phase === phase) return;
  const where =
    state.phase === "open"
      ? "its close has not begun"
      : state.phase === "closing"
        ? "its close has begun"
        : "it is closed";
  throw new RuleViolation("S7", `business day ${businessDay}: cannot ${doing}, ${where}.`);
}

function requireUnlisted(state: DayCloseState, businessDay: string, doing: string): void {
  if (state.discrepancies !== undefined) {
    throw new RuleViolation(
      "S7",
      `the discrepancies of ${businessDay} are listed: cannot ${doing} (withdraw the close to start over).`,
    );
  }
}
