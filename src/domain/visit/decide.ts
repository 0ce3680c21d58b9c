import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation, ValidationError } from "../../kernel/errors.js";
import { addFen, type Fen, formatFen, MAX_FEN } from "../../kernel/money.js";
import type { RuleId } from "../../kernel/rule-ids.js";
import type {
  ChargeTab,
  CheckInMember,
  CheckOutMember,
  CreditTab,
  ReportKeyTagLost,
  SettleTab,
  VisitCommand,
} from "./commands.js";
import type { VisitEvent } from "./events.js";
import type { VisitState } from "./state.js";

type Inside = Extract<VisitState, { status: "inside" | "left" }>;

/**
 * Decides a visit command (V1, V3, V4, V7).
 *
 * @example
 * ```ts
 * decideVisit(CheckOutMember({ visitId: "v-1", keyTag: "17" }), state, ctx); // [MemberCheckedOut]
 * ```
 */
export function decideVisit(
  command: VisitCommand,
  state: VisitState,
  context: DecideContext,
): VisitEvent[] {
  switch (command.type) {
    case "CheckInMember":
      return checkIn(command, state, context);
    case "ChargeTab":
      return charge(command, state);
    case "CreditTab":
      return credit(command, state);
    case "SettleTab":
      return settle(command, state);
    case "ReportKeyTagLost":
      return reportLost(command, state, context);
    case "CheckOutMember":
      return checkOut(command, state, context);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown visit command ${JSON.stringify(unknown)}`);
    }
  }
}

function checkIn(command: CheckInMember, state: VisitState, context: DecideContext): VisitEvent[] {
  if (state.status !== "none") {
    throw new RuleViolation(
      "V1",
      `visit ${command.data.visitId} has already checked in; one visit, one key tag.`,
    );
  }
  const { visitId, memberCard, keyTag, category, gender } = command.data;
  const businessDay = context.calendar.businessDayOf(context.now);
  return [
    {
      type: "MemberCheckedIn",
      data: { visitId, memberCard, keyTag, category, gender, businessDay },
    },
  ];
}

function inside(state: VisitState, visitId: string, rule: RuleId): Inside {
  if (state.status === "none")
    throw new RuleViolation(rule, `visit ${visitId} has not checked in.`);
  if (state.status === "left")
    throw new RuleViolation(rule, `visit ${visitId} has already checked out.`);
  return state;
}

/** Refuses an amount that would take the tab past MAX_FEN, where sums stop being exact. */
function checkTabBound(visit: Inside, amount: Fen, command: string, field: string): void {
  if (addFen(visit.tab as Fen, amount) !== undefined) return;
  throw new ValidationError(command, [
    {
      path: field,
      message: `would bring the tab of visit ${visit.visitId} from ${formatFen(visit.tab)} past ${formatFen(MAX_FEN)}, the most svcops keeps exact`,
    },
  ]);
}

function charge(command: ChargeTab, state: VisitState): VisitEvent[] {
  const { visitId, amount, source, reference } = command.data;
  checkTabBound(inside(state, visitId, "V4"), amount, "ChargeTab", "data.amount");
  return [
    { type: "TabCharged", data: { visitId, amount, source, ...(reference ? { reference } : {}) } },
  ];
}

function credit(command: CreditTab, state: VisitState): VisitEvent[] {
  const { visitId, amount, source, reference } = command.data;
  const visit = inside(state, visitId, "V4");
  const creditable =
    visit.creditable?.find((charge) => charge.reference === reference)?.amount ?? 0;
  if (amount > creditable) {
    throw new RuleViolation(
      "V4",
      creditable === 0
        ? `nothing was charged to the tab of visit ${visitId} under ${reference}; a charge is credited back only on the visit it went on.`
        : `visit ${visitId} was charged ${formatFen(creditable)} under ${reference}, so no more than that comes back (asked ${formatFen(amount)}).`,
    );
  }
  if (amount > visit.tab) {
    throw new RuleViolation(
      "V4",
      `the tab of visit ${visitId} holds ${formatFen(visit.tab)}, the rest is paid; ${formatFen(amount)} cannot come off it: give the difference back at the counter.`,
    );
  }
  return [{ type: "TabCredited", data: { visitId, amount, source, reference } }];
}

function settle(command: SettleTab, state: VisitState): VisitEvent[] {
  const { visitId, amount, method } = command.data;
  const visit = inside(state, visitId, "V4");
  if (amount > visit.tab) {
    throw new RuleViolation(
      "V4",
      `the tab of visit ${visitId} is ${formatFen(visit.tab)}; ${formatFen(amount)} would overpay it.`,
    );
  }
  return [{ type: "TabSettled", data: { visitId, amount, method } }];
}

function reportLost(
  command: ReportKeyTagLost,
  state: VisitState,
  context: DecideContext,
): VisitEvent[] {
  const { visitId } = command.data;
  const visit = inside(state, visitId, "V7");
  if (visit.tagLost)
    throw new RuleViolation(
      "V7",
      `key tag ${visit.keyTag} of visit ${visitId} is already reported lost.`,
    );
  checkTabBound(
    visit,
    context.policy.keyTagReplacementFee,
    "ReportKeyTagLost",
    "policy.keyTagReplacementFee",
  );
  return [
    {
      type: "KeyTagReportedLost",
      data: {
        visitId,
        keyTag: visit.keyTag,
        replacementFee: context.policy.keyTagReplacementFee,
        businessDay: context.calendar.businessDayOf(context.now),
      },
    },
  ];
}

function checkOut(
  command: CheckOutMember,
  state: VisitState,
  context: DecideContext,
): VisitEvent[] {
  const { visitId, keyTag } = command.data;
  const visit = inside(state, visitId, "V3");
  if (visit.tagLost) {
    if (keyTag !== undefined && keyTag !== visit.keyTag) {
      throw new RuleViolation(
        "V3",
        `visit ${visitId} had key tag ${visit.keyTag} (reported lost), not ${keyTag}.`,
      );
    }
  } else if (keyTag !== visit.keyTag) {
    throw new RuleViolation(
      "V3",
      keyTag === undefined
        ? `visit ${visitId} must return key tag ${visit.keyTag}, or report it lost first.`
        : `visit ${visitId} was given key tag ${visit.keyTag}, not ${keyTag}; the card goes back only for the same tag.`,
    );
  }
  if (visit.tab > 0) {
    throw new RuleViolation(
      "V4",
      `visit ${visitId} has an unpaid tab of ${formatFen(visit.tab)}; settle it before check-out.`,
    );
  }
  return [
    {
      type: "MemberCheckedOut",
      data: {
        visitId,
        memberCard: visit.memberCard,
        keyTag: visit.tagLost ? null : visit.keyTag,
        businessDay: context.calendar.businessDayOf(context.now),
      },
    },
  ];
}
