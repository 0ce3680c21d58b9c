import type { NotificationContext, NotificationDraft } from "../../../kernel/notification.js";
import type { DepositLoanEvent } from "../events.js";

/**
 * G1 through the outbox: the reminder before a session's booked end (`VenueSessionEndReminded`,
 * recorded by the `venueSessionReminders` workflow) tells the venue staff, in the same append, so
 * that someone goes to the court; the notification carries the loan id and the booked end, and
 * no personal data of the guest. Other loan events notify nobody.
 *
 * @example
 * ```ts
 * venueSessionNotifications(reminded, { siteId: "centre-1", streamId, now }).map((n) => n.to);
 * // [{ role: "venueStaff" }]
 * ```
 */
export function venueSessionNotifications(
  event: DepositLoanEvent,
  _context: NotificationContext,
): readonly NotificationDraft[] {
  if (event.type !== "VenueSessionEndReminded") return [];
  const { loanId, bookedEnd, remindedAt } = event.data;
  return [
    {
      type: "VenueSessionEndReminded",
      rule: "G1",
      to: { role: "venueStaff" },
      data: { loanId, bookedEnd, remindedAt },
    },
  ];
}
