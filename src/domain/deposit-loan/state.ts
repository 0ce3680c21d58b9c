import type { Fen } from "../../kernel/money.js";
import type { LoanCustomer, PaymentMethod } from "./commands.js";
import type { LoanBalance } from "./events.js";
import type { SettlementCorrection, VenueSessionState } from "./venue-session/state.js";

/** An umbrella (D1–D3) or a venue use with its equipment (D4, D6). */
export type DepositLoanKind = "umbrella" | "venue";

/**
 * Where a loan stands: `none` → `open` (lent, or venue use opened) → `closed` (returned, lost or
 * settled), exactly once (D7).
 */
export type DepositLoanStatus = "none" | "open" | "closed";

/** One rented item of a venue use: how many, at what price, and whether it was checked back. */
export interface RentedItem {
  readonly count: number;
  readonly unitPrice: Fen;
  readonly checkedBack: boolean;
}

/** One loan, folded from its events. */
export interface DepositLoanState {
  readonly status: DepositLoanStatus;
  readonly kind: DepositLoanKind | undefined;
  readonly loanId: string;
  readonly customer: LoanCustomer | undefined;
  /** The umbrella's number, or the venue's name. */
  readonly what: string;
  readonly openedAt: string;
  /** Umbrellas: when the first day's fee starts (D2). */
  readonly feeStartsAt: string | undefined;
  readonly deposit: Fen;
  readonly paymentMethod: PaymentMethod | undefined;
  /** The venue use's bill so far: charges, rentals, missing and damaged equipment. */
  readonly bill: Fen;
  readonly equipment: Readonly<Record<string, RentedItem>>;
  /** Set once, when the loan closes (D7). */
  readonly closing: (LoanBalance & { readonly how: "returned" | "lost" | "settled" }) | undefined;
  /** A venue session's booking, reminder, end, bill by kind and reconciliation (G1). */
  readonly session: VenueSessionState | undefined;
  /** Corrections of a settled venue bill, in order: the audit trail (G1); `closing` stays. */
  readonly corrections: readonly SettlementCorrection[];
}

/** A loan before it is opened. */
export const initialDepositLoanState: DepositLoanState = {
  status: "none",
  kind: undefined,
  loanId: "",
  customer: undefined,
  what: "",
  openedAt: "",
  feeStartsAt: undefined,
  deposit: 0 as Fen,
  paymentMethod: undefined,
  bill: 0 as Fen,
  equipment: {},
  closing: undefined,
  session: undefined,
  corrections: [],
};
