import type { Draft } from "immer";
import type { Fen } from "../../../kernel/money.js";
import type { DepositLoanEvent } from "../events.js";
import type { DepositLoanState } from "../state.js";
import type { VenueBill } from "./events.js";
import { emptyVenueBill } from "./state.js";

/**
 * Folds an event into a loan's venue session (G1), inside the DepositLoan's `produce`: the
 * session's own events, and the bill by kind from the charges every venue use takes (a rental,
 * a damage, another charge). A loan that is not a session is left alone, save for corrections.
 *
 * @example
 * ```ts
 * produce(state, (draft) => evolveVenueSession(draft, event));
 * ```
 */
export function evolveVenueSession(draft: Draft<DepositLoanState>, event: DepositLoanEvent): void {
  if (event.type === "VenueSessionStarted") {
    const { startedAt, bookedEnd, remindAt, rate } = event.data;
    draft.session = {
      startedAt,
      bookedEnd,
      remindAt,
      rate,
      remindedAt: undefined,
      endedAt: undefined,
      breakdown: { ...emptyVenueBill },
      reconciledBill: undefined,
    };
    return;
  }
  if (event.type === "VenueSettlementCorrected") {
    const { correctedAt, reason, feesBefore, feesAfter, refund, collect, balance, by } = event.data;
    draft.corrections.push({
      correctedAt,
      reason,
      feesBefore,
      feesAfter,
      refund,
      collect,
      balance,
      by: { staffId: by.staffId, role: by.role },
    });
    return;
  }
  const session = draft.session;
  if (!session) return;
  const add = (kind: keyof VenueBill, amount: number) => {
    session.breakdown[kind] = (session.breakdown[kind] + amount) as Fen;
  };
  switch (event.type) {
    case "VenueSessionEndReminded":
      session.remindedAt = event.data.remindedAt;
      return;
    case "VenueSessionEnded":
      session.endedAt = event.data.endedAt;
      add("venueFee", event.data.venueFee);
      draft.bill = (draft.bill + event.data.venueFee) as Fen;
      return;
    case "VenueDrinksCharged":
      add("drinks", event.data.amount);
      draft.bill = (draft.bill + event.data.amount) as Fen;
      return;
    case "VenueDrinksCredited":
      add("drinks", -event.data.amount);
      draft.bill = (draft.bill - event.data.amount) as Fen;
      return;
    case "VenueBillReconciled":
      session.reconciledBill = event.data.bill;
      return;
    case "EquipmentRented":
      add("rentals", event.data.amount);
      return;
    case "EquipmentCheckedBack":
      add("damages", event.data.charge);
      return;
    case "VenueChargeAdded":
      add("other", event.data.amount);
      return;
    default:
      return;
  }
}
