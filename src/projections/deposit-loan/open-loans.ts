import { depositLoanDecider } from "../../domain/deposit-loan/aggregate.js";
import type { LoanCustomer } from "../../domain/deposit-loan/commands.js";
import type { DepositLoanEvent } from "../../domain/deposit-loan/events.js";
import type { DepositLoanKind, DepositLoanState } from "../../domain/deposit-loan/state.js";
import type { Fen } from "../../kernel/money.js";
import { defineProjection } from "../../kernel/projection.js";

/** A loan not closed yet: the deposit the desk holds for it, and what it has cost so far. */
export interface OpenLoan {
  readonly loanId: string;
  readonly streamId: string;
  readonly kind: DepositLoanKind;
  readonly customer: LoanCustomer;
  /** The umbrella's number, or the venue's name. */
  readonly what: string;
  readonly openedAt: string;
  /** The deposit held (D1, D4). */
  readonly deposit: Fen;
  /** Umbrellas: when the first day's fee starts (D2); undefined for a venue use. */
  readonly feeStartsAt: string | undefined;
  /** Venue uses: the bill so far (D4, D6); 0 for an umbrella. */
  readonly bill: Fen;
  /** Venue uses: rented items not yet checked back (D6). */
  readonly equipmentOut: readonly string[];
  /** The loan as the decider folds it. */
  readonly state: DepositLoanState;
}

/**
 * The loans not closed, keyed by loan id, with the deposit held and, for umbrellas, when a fee
 * starts: the desk's list of umbrellas out and venues in use.
 *
 * @example
 * ```ts
 * const open = await ops.read(openLoans);
 * open.get("u-1")?.feeStartsAt; // "2026-11-23T02:00:00.000Z"
 * ```
 */
export const openLoans = defineProjection<ReadonlyMap<string, OpenLoan>, DepositLoanEvent>({
  name: "open-loans",
  initialView: new Map(),
  eventTypes: [
    "UmbrellaLent",
    "UmbrellaReturned",
    "UmbrellaDeclaredLost",
    "VenueUseOpened",
    "VenueChargeAdded",
    "EquipmentRented",
    "EquipmentCheckedBack",
    "VenueUseSettled",
    "VenueSessionStarted",
    "VenueSessionEndReminded",
    "VenueSessionEnded",
    "VenueDrinksCharged",
    "VenueDrinksCredited",
    "VenueBillReconciled",
  ],
  fold(view, event) {
    const { loanId } = event.data;
    const before = view.get(loanId)?.state ?? depositLoanDecider.initialState;
    const state = depositLoanDecider.evolve(before, {
      type: event.type,
      data: event.data,
    } as DepositLoanEvent);
    return withLoan(view, event.streamId, state);
  },
});

function withLoan(
  view: ReadonlyMap<string, OpenLoan>,
  streamId: string,
  state: DepositLoanState,
): ReadonlyMap<string, OpenLoan> {
  const loanId = state.loanId;
  const next = new Map(view);
  if (state.status !== "open" || !state.kind || !state.customer) {
    next.delete(loanId);
    return next;
  }
  const row: OpenLoan = {
    loanId,
    streamId,
    kind: state.kind,
    customer: state.customer,
    what: state.what,
    openedAt: state.openedAt,
    deposit: state.deposit,
    feeStartsAt: state.feeStartsAt,
    bill: state.bill,
    equipmentOut: Object.entries(state.equipment)
      .filter(([, item]) => !item.checkedBack)
      .map(([item]) => item),
    state,
  };
  next.set(loanId, row);
  return next;
}
