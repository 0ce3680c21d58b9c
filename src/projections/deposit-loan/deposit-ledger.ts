import type { DepositLoanEvent, LoanBalance } from "../../domain/deposit-loan/events.js";
import { defineProjection } from "../../kernel/projection.js";

/** One closed loan in the deposit ledger: D7's `deposit + collected = fees + refunded` holds. */
export interface DepositLedgerRow extends LoanBalance {
  readonly loanId: string;
  readonly kind: "umbrella" | "venue";
  /** How it closed: returned (D3), declared lost (deposit kept), or settled at checkout (D4). */
  readonly how: "returned" | "lost" | "settled";
  readonly closedAt: string;
}

/**
 * The deposit ledger: per closed loan, the deposit held, the fees, what was refunded and what
 * was collected on top, in the order the loans closed. Each row balances (D7).
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
  eventTypes: ["UmbrellaReturned", "UmbrellaDeclaredLost", "VenueUseSettled"],
  fold(view, event) {
    const row = closedRow(event as DepositLoanEvent);
    return row ? [...view, row] : view;
  },
});

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
