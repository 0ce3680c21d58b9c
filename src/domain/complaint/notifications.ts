import type { NotificationContext, NotificationDraft } from "../../kernel/notification.js";
import type { RoleName } from "../../kernel/roles.js";
import type { ComplaintEvent } from "./events.js";

/**
 * C9 through the outbox: a `ComplaintCallbackDue` notifies whoever owes the customer the callback
 * (the case's handler, else its supervisor, else the duty manager), in the same append as the
 * event. The notification carries the case id and the instants, no personal data. Other
 * complaint events notify nobody.
 *
 * @example
 * ```ts
 * complaintNotifications(due, { siteId: "mall-1", streamId, now })[0]?.to; // { role: "complaintHandler", staffId: "h-1" }
 * ```
 */
export function complaintNotifications(
  event: ComplaintEvent,
  _context: NotificationContext,
): readonly NotificationDraft[] {
  if (event.type !== "ComplaintCallbackDue") return [];
  const { caseId, dueAt, at, owedBy } = event.data;
  return [
    {
      type: "ComplaintCallbackDue",
      rule: "C9",
      to: {
        role: owedBy.role as RoleName,
        ...(owedBy.staffId !== undefined ? { staffId: owedBy.staffId } : {}),
      },
      data: { caseId, dueAt, raisedAt: at },
    },
  ];
}
