import { type Draft, produce } from "immer";
import type { IncidentEvent } from "./events.js";
import type { IncidentCase, IncidentState } from "./state.js";

type Open = Extract<IncidentState, { status: "open" | "closed" }>;

/**
 * Folds one incident event into the incident (with immer's `produce`: the state given is never
 * changed).
 *
 * @example
 * ```ts
 * evolveIncident(initialIncidentState, IncidentReported({ ... })).status; // "open"
 * ```
 */
export function evolveIncident(state: IncidentState, event: IncidentEvent): IncidentState {
  switch (event.type) {
    case "IncidentReported": {
      const { incidentId, member, whatHappened, place, severity, notified, reportedBy, at } =
        event.data;
      const reported: Open = {
        status: "open",
        incidentId,
        member: { ...member },
        whatHappened,
        place,
        severity,
        notified: notified.map((staff) => ({ ...staff })),
        reportedBy: { ...reportedBy },
        reportedAt: at,
        careCalls: [],
      };
      return produce(state, () => reported);
    }
    case "FirstAidRecorded":
      return onCase(state, (incident) => {
        const { measures, notes, coach, at } = event.data;
        incident.firstAid = { measures: [...measures], coach: { ...coach }, at };
        if (notes !== undefined) incident.firstAid.notes = notes;
      });
    case "IncidentStatementRecorded":
      return onCase(state, (incident) => {
        const { statement, recordedBy, at } = event.data;
        incident.statement = { text: statement, recordedBy: { ...recordedBy }, at };
      });
    case "IncidentStatementSigned":
      return onCase(state, (incident) => {
        if (!incident.statement) return;
        incident.statement.memberSignature = { ...event.data.memberSignature };
        incident.statement.signedAt = event.data.at;
      });
    case "HospitalEscortAssigned":
      return onCase(state, (incident) => {
        const { escort, hospital, assignedBy } = event.data;
        incident.escort = { staff: { ...escort }, assignedBy: { ...assignedBy } };
        if (hospital !== undefined) incident.escort.hospital = hospital;
      });
    case "ResponsibilityAssessed":
      return onCase(state, (incident) => {
        const { responsibility, notes, assessedBy } = event.data;
        incident.responsibility = { finding: responsibility, notes, assessedBy: { ...assessedBy } };
      });
    case "ExaminationOutcomeConfirmed":
      return onCase(state, (incident) => {
        const { outcome, examinationCosts, memberSignature, at } = event.data;
        incident.examination = {
          outcome,
          costs: examinationCosts,
          memberSignature: { ...memberSignature },
          at,
        };
      });
    case "CareCallRecorded":
      return onCase(state, (incident) => {
        const { caller, notes, homeVisit, compensationTerms, at } = event.data;
        incident.careCalls.push({
          caller: { ...caller },
          notes,
          homeVisit,
          ...(compensationTerms ? { compensationTerms: { ...compensationTerms } } : {}),
          at,
        });
      });
    case "IncidentReportWritten":
      return onCase(state, (incident) => {
        const { compensationRequest, ...fields } = event.data.report;
        incident.report = {
          ...fields,
          ...(compensationRequest ? { compensationRequest: { ...compensationRequest } } : {}),
        };
      });
    case "IncidentClosed":
      return onCase(state, (incident) => {
        incident.status = "closed";
        incident.closedAt = event.data.at;
      });
    default: {
      const unknown: never = event;
      throw new Error(`Unknown incident event ${JSON.stringify(unknown)}`);
    }
  }
}

/** Applies a change to a reported incident; an event on no incident changes nothing. */
function onCase(
  state: IncidentState,
  recipe: (incident: Draft<IncidentCase & { status: "open" | "closed" }>) => void,
): IncidentState {
  if (state.status === "none") return state;
  return produce(state, (draft) => {
    recipe(draft as Draft<IncidentCase & { status: "open" | "closed" }>);
  });
}
