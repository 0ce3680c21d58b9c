import type { Enlistment } from "../../kernel/aggregate.js";
import { depositLoanAggregate } from "../deposit-loan/aggregate.js";
import { ChargeVenueDrinks, CreditVenueDrinks } from "../deposit-loan/venue-session/commands.js";
import type { InventoryEvent } from "./events.js";

/**
 * G1: a water-bar sale on a venue session, or a correction that raises one, puts the drinks on
 * the session's bill through the loan's own `ChargeVenueDrinks`, in the same atomic append: the
 * stock falls, the receipt is numbered and the bill grows together, or not at all (a session
 * not open refuses the whole sale). A correction that lowers such a receipt, or its void, enlists
 * `CreditVenueDrinks`, which takes the difference back off the bill while the session is open;
 * once it is settled, the bill is corrected by a CS or duty manager instead (G1), and the bar's
 * correction is refused with it. Built as a plain message from an event already checked.
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
    case "ReceiptVoided":
      amount = -event.data.total;
      break;
    default:
      return [];
  }
  const { payment, location, businessDay, receiptNumber } = event.data;
  if (payment === undefined || !("venueSession" in payment) || amount === 0) return [];
  return [
    {
      aggregate: depositLoanAggregate,
      command: {
        type: amount > 0 ? ChargeVenueDrinks.type : CreditVenueDrinks.type,
        data: {
          loanId: payment.venueSession,
          amount: Math.abs(amount),
          reference: `${location} ${businessDay} #${receiptNumber}`,
        },
      },
    },
  ];
}
