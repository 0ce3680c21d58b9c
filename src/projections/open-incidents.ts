import { incidentDecider } from "../domain/incident/aggregate.js";
import type { IncidentSeverity } from "../domain/incident/commands.js";
import type { IncidentEvent } from "../domain/incident/events.js";
import {
  type MissingIncidentStep,
  missingIncidentSteps,
} from "../domain/incident/missing-steps.js";
import type { IncidentState } from "../domain/incident/state.js";
import { defineProjection } from "../kernel/projection.js";

/** An incident not closed yet, with the steps it still needs (I2–I7). */
export interface OpenIncident {
  readonly incidentId: string;
  readonly streamId: string;
  readonly severity: IncidentSeverity;
  readonly memberCard: string;
  readonly memberName: string;
  /** ISO instant of the report: the case's age counts from it. */
  readonly reportedAt: string;
  /** What the incident still needs before it may close, in rule order (empty: it may close). */
  readonly missing: readonly MissingIncidentStep[];
  /** The incident as the decider folds it (the steps taken so far). */
  readonly state: IncidentState;
}

/**
 * The open incidents, keyed by incident id, each with the steps it still needs before it may
 * close. `openIncidentsByAge(view, now)` adds their age.
 *
 * @example
 * ```ts
 * const open = await ops.read(openIncidents);
 * open.get("inc-1")?.missing.map((m) => m.step); // ["statementSignature", "report"]
 * ```
 */
export const openIncidents = defineProjection<ReadonlyMap<string, OpenIncident>, IncidentEvent>({
  name: "open-incidents",
  initialView: new Map(),
  eventTypes: [
    "IncidentReported",
    "FirstAidRecorded",
    "IncidentStatementRecorded",
    "IncidentStatementSigned",
    "HospitalEscortAssigned",
    "ResponsibilityAssessed",
    "ExaminationOutcomeConfirmed",
    "CareCallRecorded",
    "IncidentReportWritten",
    "IncidentClosed",
  ],
  fold(view, event) {
    const { incidentId } = event.data;
    const before = view.get(incidentId)?.state ?? incidentDecider.initialState;
    const state = incidentDecider.evolve(before, {
      type: event.type,
      data: event.data,
    } as IncidentEvent);
    const next = new Map(view);
    if (state.status !== "open") {
      next.delete(incidentId);
      return next;
    }
    next.set(incidentId, {
      incidentId,
      streamId: event.streamId,
      severity: state.severity,
      memberCard: state.member.cardNumber,
      memberName: state.member.name,
      reportedAt: state.reportedAt,
      missing: missingIncidentSteps(state),
      state,
    });
    return next;
  },
});

/**
 * The open incidents with their age at `now` (milliseconds since the report), oldest first.
 *
 * @example
 * ```ts
 * for (const open of openIncidentsByAge(await ops.read(openIncidents), clock.now())) {
 *   console.log(open.incidentId, Math.floor(open.ageMs / 3_600_000), "h");
 * }
 * ```
 */
export function openIncidentsByAge(
  view: ReadonlyMap<string, OpenIncident>,
  now: Date,
): (OpenIncident & { readonly ageMs: number })[] {
  const t = now.getTime();
  return [...view.values()]
    .map((open) => ({ ...open, ageMs: Math.max(0, t - Date.parse(open.reportedAt)) }))
    .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
}
