import type { NotificationContext, NotificationDraft } from "../../kernel/notification.js";
import { CATALOGUE_ROLES, type RoleName } from "../../kernel/roles.js";
import type { WorkOrderEvent } from "./events.js";

const catalogueRoles: ReadonlySet<string> = new Set(CATALOGUE_ROLES);

/**
 * W1 through the outbox: an `EmergencyRepairNotified` notifies each person it names, in the same
 * append as the emergency repair. The notification carries the order id, the message and when,
 * and no phone number: the app's handler (SMS, WeChat) finds the person's number by the staff id,
 * since a recipient's phone is personal data. A recipient whose role is one of the catalogue's is
 * addressed by role and id, anyone else by id alone. Other work-order events notify nobody.
 *
 * @example
 * ```ts
 * workOrderNotifications(notified, { siteId: "centre-1", streamId, now }).map((n) => n.to);
 * // [{ role: "deptSupervisor", staffId: "eng-duty" }, { staffId: "wang-gong" }]
 * ```
 */
export function workOrderNotifications(
  event: WorkOrderEvent,
  _context: NotificationContext,
): readonly NotificationDraft[] {
  if (event.type !== "EmergencyRepairNotified") return [];
  const { orderId, channel, message, at, notifiedBy } = event.data;
  return event.data.recipients.map((recipient) => ({
    type: "EmergencyRepairNotified",
    rule: "W1",
    to:
      recipient.role !== undefined && catalogueRoles.has(recipient.role)
        ? { role: recipient.role as RoleName, staffId: recipient.id }
        : { staffId: recipient.id },
    data: { orderId, channel, message, notifiedAt: at, notifiedBy: notifiedBy.staffId },
  }));
}
