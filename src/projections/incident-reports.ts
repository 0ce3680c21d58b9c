import type { IncidentEvent } from "../domain/incident/events.js";
import type { IncidentReport } from "../domain/incident/report.js";
import type { Signature } from "../domain/shared/signature.js";
import { defineProjection } from "../kernel/projection.js";

/** The written report of a closed incident (I7), as it was when the incident closed. */
export interface ClosedIncidentReport {
  readonly incidentId: string;
  readonly streamId: string;
  readonly report: IncidentReport;
  readonly closedBy: Signature;
  /** ISO instant of the close. */
  readonly closedAt: string;
}

/**
 * The written report of every closed incident (I7), keyed by incident id: what the CS manager
 * hands up once the case is settled.
 *
 * @example
 * ```ts
 * const reports = await ops.read(incidentReports);
 * reports.get("inc-1")?.report.examinationCosts; // 48000
 * ```
 */
export const incidentReports = defineProjection<
  ReadonlyMap<string, ClosedIncidentReport>,
  IncidentEvent
>({
  name: "incident-reports",
  initialView: new Map(),
  eventTypes: ["IncidentClosed"],
  fold(view, event) {
    if (event.type !== "IncidentClosed") return view;
    const { incidentId, report, closedBy, at } = event.data;
    const next = new Map(view);
    next.set(incidentId, {
      incidentId,
      streamId: event.streamId,
      report,
      closedBy,
      closedAt: at,
    });
    return next;
  },
});
