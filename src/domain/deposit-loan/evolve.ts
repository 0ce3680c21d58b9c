import { type Draft, produce } from "immer";
import type { Fen } from "../../kernel/money.js";
import type { DepositLoanEvent } from "./events.js";
import type { DepositLoanState } from "./state.js";
import { evolveVenueSession } from "./venue-session/evolve.js";

/**
 * Folds a deposit-loan event into the loan, with immer's `produce` (the equipment is a nested
 * record).
 *
 * @example
 * ```ts
 * const state = events.reduce(evolveDepositLoan, initialDepositLoanState);
 * ```
 */
export function evolveDepositLoan(
  state: DepositLoanState,
  event: DepositLoanEvent,
): DepositLoanState {
  return produce(state, (draft) => {
    apply(draft, event);
    evolveVenueSession(draft, event);
  });
}

function apply(draft: Draft<DepositLoanState>, event: DepositLoanEvent): void {
  switch (event.type) {
    case "UmbrellaLent": {
      const d = event.data;
      draft.status = "open";
      draft.kind = "umbrella";
      draft.loanId = d.loanId;
      draft.customer = d.customer;
      draft.what = d.umbrellaNumber;
      draft.openedAt = d.lentAt;
      draft.feeStartsAt = d.feeStartsAt;
      draft.deposit = d.deposit;
      draft.paymentMethod = d.paymentMethod;
      return;
    }
    case "VenueUseOpened": {
      const d = event.data;
      draft.status = "open";
      draft.kind = "venue";
      draft.loanId = d.loanId;
      draft.customer = d.customer;
      draft.what = d.venue;
      draft.openedAt = d.openedAt;
      draft.deposit = d.deposit;
      draft.paymentMethod = d.paymentMethod;
      return;
    }
    case "VenueChargeAdded":
      draft.bill = (draft.bill + event.data.amount) as Fen;
      return;
    case "EquipmentRented": {
      const { item, count, unitPrice, amount } = event.data;
      const before = draft.equipment[item];
      draft.equipment[item] = {
        count: (before?.checkedBack === false ? before.count : 0) + count,
        unitPrice,
        checkedBack: false,
      };
      draft.bill = (draft.bill + amount) as Fen;
      return;
    }
    case "EquipmentCheckedBack": {
      const item = draft.equipment[event.data.item];
      if (item) item.checkedBack = true;
      draft.bill = (draft.bill + event.data.charge) as Fen;
      return;
    }
    case "UmbrellaReturned":
    case "UmbrellaDeclaredLost":
    case "VenueUseSettled": {
      const { deposit, fees, refunded, collected } = event.data;
      const how =
        event.type === "UmbrellaReturned"
          ? "returned"
          : event.type === "UmbrellaDeclaredLost"
            ? "lost"
            : "settled";
      draft.status = "closed";
      draft.closing = { deposit, fees, refunded, collected, how };
      return;
    }
    case "VenueSessionStarted":
    case "VenueSessionEndReminded":
    case "VenueSessionEnded":
    case "VenueDrinksCharged":
    case "VenueDrinksCredited":
    case "VenueBillReconciled":
    case "VenueSettlementCorrected":
      return; // G1: evolveVenueSession
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${(unknown as { type: string }).type}`);
    }
  }
}
