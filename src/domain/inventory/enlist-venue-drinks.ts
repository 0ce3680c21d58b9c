import type { Enlistment } from "../../kernel/aggregate.js";
import { depositLoanAggregate } from "../deposit-loan/aggregate.js";
import { ChargeVenueDrinks } from "../deposit-loan/venue-session/commands.js";
import type { InventoryEvent } from "./events.js";

/**
 * G1: a water-bar sale on a venue session, or a correction that raises one, puts the drinks on
 * the session's bill through the loan's own `ChargeVenueDrinks`, in the same atomic append: the
 * stock falls, the receipt is numbered and the bill grows together, or not at all (a session
 * not open refuses the whole sale). Built as a plain message from an event already checked.
 *
 * @example
 * ```ts
 * enlistVenueDrinks(ItemsSold({ ..., payment: { venueSession: "g-1" }, total: 1200 }));
 * // [{ aggregate: depositLoanAggregate, command: ChargeVenueDrinks { loanId: "g-1", amount: 1200, … } }]
 * ```
 */
export function enlistVenueDrinks(event: InventoryEvent): readonly Enlistment[] {
  let amount: number;
  switch (event.type) {
    case "ItemsSold":
      amount = event.data.total;
      break;
    case "ReceiptCorrected":
      amount = event.data.total - event.data.previousTotal;
      break;
    default:
      return [];
  }
  const { payment, location, businessDay, receiptNumber } = event.data;
  if (!("venueSession" in payment) || amount <= 0) return [];
  return [
    {
      aggregate: depositLoanAggregate,
      command: {
        type: ChargeVenueDrinks.type,
        data: {
          loanId: payment.venueSession,
          amount,
          reference: `${location} ${businessDay} #${receiptNumber}`,
        },
      },
    },
  ];
}
