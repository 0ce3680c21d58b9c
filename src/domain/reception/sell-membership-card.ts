import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import type { SellMembershipCard } from "./commands.js";
import type { ReceptionEvent } from "./events.js";
import type { ReceptionState } from "./state.js";

/**
 * S5 (with V8, V14): a consultant records a membership card sold. A sale to a visitor needs the
 * visitor registered today and with this consultant (received by them, or their price request
 * routed to them).
 *
 * @example
 * ```ts
 * sellMembershipCard(SellMembershipCard({ cardType: "annual", price: 388000 }), state, ctx); // [MembershipCardSold]
 * ```
 */
export function sellMembershipCard(
  command: SellMembershipCard,
  state: ReceptionState,
  context: DecideContext,
): ReceptionEvent[] {
  const { cardType, price, visitorId } = command.data;
  const consultantId = context.actor.id;
  if (visitorId !== undefined) {
    const guest = state.visitors.get(visitorId);
    if (!guest) {
      throw new RuleViolation(
        "V8",
        `visitor ${visitorId} has not registered today; register first.`,
      );
    }
    const theirs =
      (guest.status === "received" && guest.consultantId === consultantId) ||
      guest.priceConsultantId === consultantId;
    if (!theirs) {
      throw new RuleViolation(
        "V14",
        `visitor ${visitorId} is with ${guest.priceConsultantId ?? guest.consultantId ?? "no consultant yet"}, not ${consultantId}.`,
      );
    }
  }
  return [
    {
      type: "MembershipCardSold",
      data: {
        cardType,
        price,
        ...(visitorId !== undefined ? { visitorId } : {}),
        businessDay: context.calendar.businessDayOf(context.now),
        by: { staffId: consultantId, role: context.actor.role, at: context.now.toISOString() },
      },
    },
  ];
}
