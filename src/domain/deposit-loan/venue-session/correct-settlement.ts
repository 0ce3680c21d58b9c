import { RuleViolation } from "../../../kernel/errors.js";
import { type Fen, formatFen } from "../../../kernel/money.js";
import type { Signature } from "../../shared/signature.js";
import type { DepositLoanEvent, LoanBalance } from "../events.js";
import { checkBalanced } from "../settle-deposit.js";
import type { DepositLoanState } from "../state.js";
import type { CorrectVenueSettlement } from "./commands.js";

/**
 * G1, D7: a settled venue bill corrected by the finance rules: the signer (a CS or duty manager,
 * checked by the command's roles) gives the right total and the reason; the difference is
 * refunded or collected the way the deposit came, the loan's amounts after it are checked to
 * balance, and the settlement stays as it was.
 *
 * @example
 * ```ts
 * correctSettlement(CorrectVenueSettlement({ loanId: "g-1", correctedFees: 21200, reason }), state, by);
 * // [VenueSettlementCorrected { feesBefore: 24200, feesAfter: 21200, refund: 3000, collect: 0, … }]
 * ```
 */
export function correctSettlement(
  command: CorrectVenueSettlement,
  state: DepositLoanState,
  by: Signature,
): DepositLoanEvent[] {
  const { loanId, correctedFees, reason } = command.data;
  const closing = state.closing;
  if (state.kind !== "venue" || !closing || closing.how !== "settled") {
    throw new RuleViolation(
      "G1",
      `loan ${loanId} is not a settled venue bill: before settlement a bill is put right by its charges, not corrected.`,
    );
  }
  const before = currentBalance(state);
  if (correctedFees === before.fees) {
    throw new RuleViolation(
      "G1",
      `loan ${loanId}: the settled bill is ${formatFen(before.fees)} already; there is nothing to correct.`,
    );
  }
  const change = correctedFees - before.fees;
  const refund = Math.max(0, -change) as Fen;
  const collect = Math.max(0, change) as Fen;
  const balance = {
    deposit: before.deposit,
    fees: correctedFees,
    refunded: before.refunded + refund,
    collected: before.collected + collect,
  } as LoanBalance;
  checkBalanced(balance);
  return [
    {
      type: "VenueSettlementCorrected",
      data: {
        loanId,
        correctedAt: by.at as string,
        reason,
        feesBefore: before.fees,
        feesAfter: correctedFees,
        refund,
        collect,
        balance,
        paymentMethod: state.paymentMethod as "cash" | "card" | "mobile",
        by,
      },
    },
  ];
}

/**
 * A loan's amounts as they stand: the closing, with every correction since applied (G1, D7).
 *
 * @example
 * ```ts
 * currentBalance(state).fees; // the settled bill, as last corrected
 * ```
 */
export function currentBalance(state: DepositLoanState): LoanBalance {
  const closing = state.closing;
  const last = state.corrections.at(-1);
  const base = {
    deposit: closing?.deposit ?? state.deposit,
    fees: closing?.fees ?? 0,
    refunded: closing?.refunded ?? 0,
    collected: closing?.collected ?? 0,
  } as LoanBalance;
  return last?.balance ?? base;
}
