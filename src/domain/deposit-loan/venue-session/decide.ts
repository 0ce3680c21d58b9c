import type { DecideContext } from "../../../kernel/decider.js";
import { RuleViolation, ValidationError } from "../../../kernel/errors.js";
import { addFen, type Fen, formatFen, MAX_FEN } from "../../../kernel/money.js";
import type { Signature } from "../../shared/signature.js";
import type { DepositLoanEvent } from "../events.js";
import type { DepositLoanState } from "../state.js";
import type {
  ChargeVenueDrinks,
  ReconcileVenueBill,
  StartVenueSession,
  VenueSessionCommand,
} from "./commands.js";
import { correctSettlement } from "./correct-settlement.js";
import type { VenueSessionState } from "./state.js";
import { venueFee } from "./venue-fee.js";

/**
 * Decides a venue-session command on the loan's state (G1, with D4, D6, D7): the DepositLoan
 * decider hands these over, with the signature it builds from the context.
 *
 * @example
 * ```ts
 * decideVenueSession(EndVenueSession({ loanId: "g-1" }), state, ctx, by);
 * ```
 */
export function decideVenueSession(
  command: VenueSessionCommand,
  state: DepositLoanState,
  context: DecideContext,
  by: Signature,
): DepositLoanEvent[] {
  const loanId = command.data.loanId;
  const at = by.at as string;
  switch (command.type) {
    case "StartVenueSession":
      return start(command, state, context, by);
    case "RemindVenueSessionEnd": {
      const session = openSession(state, loanId, "remind the guest");
      if (session.endedAt) {
        throw new RuleViolation("G1", `session ${loanId} ended at ${session.endedAt}.`);
      }
      if (session.remindedAt) {
        throw new RuleViolation(
          "G1",
          `session ${loanId}: the guest was reminded at ${session.remindedAt} already.`,
        );
      }
      if (context.now.getTime() < Date.parse(session.remindAt)) {
        throw new RuleViolation(
          "G1",
          `session ${loanId}: the reminder is due at ${session.remindAt}, ${context.policy.endReminder / 60_000} min before the booked end, not before.`,
        );
      }
      const { bookedEnd } = session;
      return [{ type: "VenueSessionEndReminded", data: { loanId, bookedEnd, remindedAt: at, by } }];
    }
    case "EndVenueSession": {
      const session = openSession(state, loanId, "end it");
      if (session.endedAt) {
        throw new RuleViolation(
          "G1",
          `session ${loanId} ended at ${session.endedAt}; its end is written down once.`,
        );
      }
      const { rate, startedAt } = session;
      const { periods, fee } = venueFee(new Date(startedAt), context.now, rate, context.calendar);
      checkBill(state, fee, command.type, "data.loanId");
      const venueFeeFen = fee as Fen;
      return [
        {
          type: "VenueSessionEnded",
          data: { loanId, startedAt, endedAt: at, periods, rate, venueFee: venueFeeFen, by },
        },
      ];
    }
    case "ChargeVenueDrinks":
      return drinks(command, state, by);
    case "CreditVenueDrinks": {
      const { reference, amount } = command.data;
      if (state.status === "closed" && state.session) {
        throw new RuleViolation(
          "G1",
          `session ${loanId} is settled; its bill is corrected by a CS or duty manager (CorrectVenueSettlement), not at the bar.`,
        );
      }
      const session = openSession(state, loanId, "credit drinks");
      if (amount > session.breakdown.drinks) {
        throw new RuleViolation(
          "G1",
          `session ${loanId} holds ${formatFen(session.breakdown.drinks)} of drinks; ${formatFen(amount)} cannot come off it.`,
        );
      }
      return [{ type: "VenueDrinksCredited", data: { loanId, reference, amount, by } }];
    }
    case "ReconcileVenueBill":
      return reconcile(command, state, by);
    case "CorrectVenueSettlement":
      return correctSettlement(command, state, by);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

/**
 * G1: the cashier settles a session's bill only as reconciled: a session never reconciled, or
 * charged since, is refused naming G1. A venue use that is not a session passes.
 *
 * @example
 * ```ts
 * requireReconciled(state); // throws RuleViolation("G1", …) on an unreconciled session
 * ```
 */
export function requireReconciled(state: DepositLoanState): void {
  const session = state.session;
  if (!session || session.reconciledBill === state.bill) return;
  throw new RuleViolation(
    "G1",
    session.reconciledBill === undefined
      ? `session ${state.loanId}: the desk reconciles the bill with the rental records before the guest goes to the cashier.`
      : `session ${state.loanId}: the bill changed from ${formatFen(session.reconciledBill)} to ${formatFen(state.bill)} since it was reconciled; the desk reconciles it again.`,
  );
}

function start(
  command: StartVenueSession,
  state: DepositLoanState,
  context: DecideContext,
  by: Signature,
): DepositLoanEvent[] {
  const { loanId, customer, venue, deposit, paymentMethod, bookedMinutes, rate } = command.data;
  if (state.status !== "none") {
    throw new RuleViolation(
      "D4",
      `venue use ${loanId} is already open; its deposit is taken once.`,
    );
  }
  const startedAt = context.now.getTime();
  const bookedEnd = startedAt + bookedMinutes * 60_000;
  const remindAt = Math.max(startedAt, bookedEnd - context.policy.endReminder);
  const at = by.at as string;
  return [
    {
      type: "VenueUseOpened",
      data: { loanId, customer, venue, deposit, paymentMethod, openedAt: at, by },
    },
    {
      type: "VenueSessionStarted",
      data: {
        loanId,
        startedAt: at,
        bookedEnd: new Date(bookedEnd).toISOString(),
        remindAt: new Date(remindAt).toISOString(),
        rate,
        by,
      },
    },
  ];
}

function drinks(command: ChargeVenueDrinks, state: DepositLoanState, by: Signature) {
  const { loanId, reference, amount } = command.data;
  openSession(state, loanId, "charge drinks");
  checkBill(state, amount, command.type, "data.amount");
  return [
    { type: "VenueDrinksCharged", data: { loanId, reference, amount, by } },
  ] satisfies DepositLoanEvent[];
}

function reconcile(
  command: ReconcileVenueBill,
  state: DepositLoanState,
  by: Signature,
): DepositLoanEvent[] {
  const { loanId, slipTotal, rentals } = command.data;
  const session = openSession(state, loanId, "reconcile the bill");
  if (!session.endedAt) {
    throw new RuleViolation(
      "G1",
      `session ${loanId}: the desk writes down the end time (EndVenueSession) before it reconciles the bill.`,
    );
  }
  const out = Object.entries(state.equipment).filter(([, item]) => !item.checkedBack);
  if (out.length > 0) {
    throw new RuleViolation(
      "G1",
      `session ${loanId}: venue staff check back ${out.map(([name]) => name).join(", ")} (D6) before the bill is reconciled.`,
    );
  }
  const counted = new Map<string, number>();
  for (const line of rentals) counted.set(line.item, (counted.get(line.item) ?? 0) + line.count);
  const items = new Set([...counted.keys(), ...Object.keys(state.equipment)]);
  const gaps = [...items]
    .filter((item) => (counted.get(item) ?? 0) !== (state.equipment[item]?.count ?? 0))
    .map(
      (item) =>
        `${item}: ${counted.get(item) ?? 0} counted, ${state.equipment[item]?.count ?? 0} on record`,
    );
  if (gaps.length > 0) {
    throw new RuleViolation(
      "G1",
      `session ${loanId}: the rental count does not match the rental records (${gaps.join("; ")}).`,
    );
  }
  if (slipTotal !== state.bill) {
    throw new RuleViolation(
      "G1",
      `session ${loanId}: the slips total ${formatFen(slipTotal)} but the bill on record is ${formatFen(state.bill)}; find the gap before the guest goes to the cashier.`,
    );
  }
  return [
    {
      type: "VenueBillReconciled",
      data: {
        loanId,
        reconciledAt: by.at as string,
        bill: state.bill,
        breakdown: session.breakdown,
        by,
      },
    },
  ];
}

/** The session of an open venue loan: else the rule (closed twice is D7, no session is G1). */
function openSession(state: DepositLoanState, loanId: string, step: string): VenueSessionState {
  if (state.status === "closed" && state.session) {
    throw new RuleViolation("D7", `loan ${loanId} is closed already; a loan closes once.`);
  }
  if (state.status !== "open" || !state.session) {
    const found = state.status === "none" ? "no such loan" : `a ${state.kind} loan, not a session`;
    throw new RuleViolation("G1", `cannot ${step}: ${loanId} is ${found}.`);
  }
  return state.session;
}

/** Refuses an amount that would take the bill past MAX_FEN, where sums stop being exact. */
function checkBill(state: DepositLoanState, amount: number, command: string, field: string) {
  if (amount <= MAX_FEN && addFen(state.bill, amount as Fen) !== undefined) return;
  throw new ValidationError(command, [
    {
      path: field,
      message: `would bring the bill of ${state.loanId} from ${formatFen(state.bill)} past ${formatFen(MAX_FEN)}, the most svcops keeps exact`,
    },
  ]);
}
