import type { DepositLoanEvent, LoanBalance } from "../../domain/deposit-loan/events.js";
import type { SettlementCorrection } from "../../domain/deposit-loan/venue-session/state.js";
import { defineProjection } from "../../kernel/projection.js";

/** One closed loan in the deposit ledger: D7's `deposit + collected = fees + refunded` holds. */
export interface DepositLedgerRow extends LoanBalance {
  readonly loanId: string;
  readonly kind: "umbrella" | "venue";
  /** How it closed: returned (D3), declared lost (deposit kept), or settled at checkout (D4). */
  readonly how: "returned" | "lost" | "settled";
  readonly closedAt: string;
  /**
   * Corrections of a settled venue bill since it closed, in order (G1): the audit trail. The
   * amounts above are as corrected, so D7 holds on the row; the first correction's
   * `feesBefore` is the bill as settled.
   */
  readonly corrections?: readonly SettlementCorrection[];
}

/**
 * The deposit ledger: per closed loan, the deposit held, the fees, what was refunded and what
 * was collected on top, in the order the loans closed. A correction of a settled venue bill
 * (G1) brings its row to the corrected amounts and adds itself to the row's `corrections`: the
 * settlement and the corrections stay in the log, and each row balances (D7).
 *
 * @example
 * ```ts
 * const ledger = await ops.read(depositLedger);
 * ledger.every((r) => r.deposit + r.collected === r.fees + r.refunded); // true
 * ```
 */
export const depositLedger = defineProjection<readonly DepositLedgerRow[], DepositLoanEvent>({
  name: "deposit-ledger",
  initialView: [],
  eventTypes: [
    "UmbrellaReturned",
    "UmbrellaDeclaredLost",
    "VenueUseSettled",
    "VenueSettlementCorrected",
  ],
  fold(view, event) {
    if (event.type === "VenueSettlementCorrected") return corrected(view, event.data);
    const row = closedRow(event as DepositLoanEvent);
    return row ? [...view, row] : view;
  },
});

function corrected(
  view: readonly DepositLedgerRow[],
  data: Extract<DepositLoanEvent, { type: "VenueSettlementCorrected" }>["data"],
): readonly DepositLedgerRow[] {
  const at = view.findLastIndex((r) => r.loanId === data.loanId && r.kind === "venue");
  const before = view[at];
  if (!before) return view;
  const { correctedAt, reason, feesBefore, feesAfter, refund, collect, balance, by } = data;
  const correction = { correctedAt, reason, feesBefore, feesAfter, refund, collect, balance, by };
  const next = [...view];
  next[at] = {
    ...before,
    ...balance,
    corrections: [...(before.corrections ?? []), correction],
  };
  return next;
}

function closedRow(event: DepositLoanEvent): DepositLedgerRow | undefined {
  switch (event.type) {
    case "UmbrellaReturned":
      return row(event.data, "umbrella", "returned", event.data.returnedAt);
    case "UmbrellaDeclaredLost":
      return row(event.data, "umbrella", "lost", event.data.declaredAt);
    case "VenueUseSettled":
      return row(event.data, "venue", "settled", event.data.settledAt);
    default:
      return undefined;
  }
}

function row(
  data: LoanBalance & { readonly loanId: string },
  kind: DepositLedgerRow["kind"],
  how: DepositLedgerRow["how"],
  closedAt: string,
): DepositLedgerRow {
  const { loanId, deposit, fees, refunded, collected } = data;
  return { loanId, kind, how, closedAt, deposit, fees, refunded, collected };
}
