import type { LoanBalance } from "../events.js";
import type { VenueRate } from "./commands.js";
import type { VenueBill } from "./events.js";

/** One correction of a settled venue bill (G1), as signed: the audit trail. */
export interface SettlementCorrection {
  readonly correctedAt: string;
  readonly reason: string;
  readonly feesBefore: number;
  readonly feesAfter: number;
  readonly refund: number;
  readonly collect: number;
  /** The loan's amounts after it: D7 holds on them. */
  readonly balance: LoanBalance;
  readonly by: { readonly staffId: string; readonly role: string };
}

/**
 * A venue session on a loan (G1): the booking, the reminder, the end, the bill by kind and the
 * reconciliation. Undefined on a loan that is not a session.
 */
export interface VenueSessionState {
  readonly startedAt: string;
  readonly bookedEnd: string;
  readonly remindAt: string;
  readonly rate: VenueRate;
  readonly remindedAt: string | undefined;
  readonly endedAt: string | undefined;
  /** The bill by kind; its sum is the loan's `bill`. */
  readonly breakdown: VenueBill;
  /** The bill as last reconciled; the cashier settles only while it is the bill (G1). */
  readonly reconciledBill: number | undefined;
}

/** Nothing charged yet. */
export const emptyVenueBill: VenueBill = {
  venueFee: 0,
  rentals: 0,
  drinks: 0,
  damages: 0,
  other: 0,
} as VenueBill;
