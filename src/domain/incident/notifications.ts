import type { NotificationContext, NotificationDraft } from "../../kernel/notification.js";
import type { RoleName } from "../../kernel/roles.js";
import type { IncidentEvent } from "./events.js";

/**
 * I1 through the outbox: an `IncidentReported` notifies each person it names as told first (a
 * CS manager and a coach among them, which `decide` checks), written in the same append as the
 * report. The notification carries the incident id, place, severity and when, and no personal
 * data of the member: the app's handler looks the case up by its id. Other incident events
 * notify nobody.
 *
 * @example
 * ```ts
 * incidentNotifications(reported, { siteId: "club-1", streamId, now }).map((n) => n.to.role);
 * // ["csManager", "coach"]
 * ```
 */
export function incidentNotifications(
  event: IncidentEvent,
  _context: NotificationContext,
): readonly NotificationDraft[] {
  if (event.type !== "IncidentReported") return [];
  const { incidentId, place, severity, at, reportedBy } = event.data;
  return event.data.notified.map((person) => ({
    type: "IncidentReported",
    rule: "I1",
    to: { role: person.role as RoleName, staffId: person.staffId },
    data: { incidentId, place, severity, reportedAt: at, reportedBy: reportedBy.staffId },
  }));
}
