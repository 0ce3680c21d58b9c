import { type Draft, produce } from "immer";
import type { ComplaintEvent } from "./events.js";
import type { ComplaintState } from "./state.js";

/**
 * Folds a complaint event into the case, with immer's `produce`: the state is nested (the
 * investigation, the escalation report, the callbacks), and a draft keeps each step a line.
 *
 * @example
 * ```ts
 * const state = complaintEvents.reduce(evolveComplaint, initialComplaintState);
 * ```
 */
export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  return produce(state, (draft) => apply(draft, event));
}

function apply(draft: Draft<ComplaintState>, event: ComplaintEvent): void {
  switch (event.type) {
    case "ComplaintLodged": {
      const d = event.data;
      draft.status = "lodged";
      draft.caseId = d.caseId;
      draft.channel = d.channel;
      draft.place = d.place;
      draft.department = d.department;
      draft.staffConcerned = d.staffConcerned;
      draft.causedByMerchant = d.causedByMerchant;
      draft.lodgedAt = d.lodgedAt;
      draft.businessDay = d.businessDay;
      return;
    }
    case "ComplaintHandedToSupervisor":
      draft.status = "withSupervisor";
      draft.supervisorId = event.data.supervisorId;
      return;
    case "ComplaintOutcomeRequested":
      draft.requestedOutcome = event.data.outcome;
      return;
    case "ComplaintInvestigated":
      draft.investigation = { findings: event.data.findings, verified: event.data.verified };
      return;
    case "ComplaintResolutionProposed":
      draft.status = "proposed";
      draft.proposal = event.data.resolution;
      return;
    case "ComplaintResolutionDeclined":
      draft.status = "withSupervisor";
      draft.proposal = undefined;
      return;
    case "ComplaintResolved":
      draft.status = "resolved";
      draft.resolution = event.data.resolution;
      return;
    case "ComplaintEscalated":
      draft.status = "escalated";
      draft.escalation = event.data.report;
      return;
    case "ComplaintPassedToHandler":
      draft.status = "withHandler";
      draft.handlerId = event.data.handlerId;
      return;
    case "ComplaintHandlerFindingsRecorded":
      draft.handlerFindings = true;
      return;
    case "StaffDispositionReported":
      draft.disposition = event.data.disposition;
      return;
    case "ComplaintReportWritten":
      draft.report = { process: event.data.process, result: event.data.result, by: event.data.by };
      return;
    case "ComplaintReportedToStoreManager":
      draft.reportedToStoreManager = true;
      return;
    case "ComplaintClosed":
      draft.status = "closed";
      return;
    case "ComplaintCallbackMade":
      draft.callbacks.push(event.data.at);
      return;
    case "ComplaintCallbackDue":
      draft.callbackDueRaised = event.data.dueAt;
      return;
    case "ComplaintRoutedToOperations":
      draft.routedToOperations = true;
      return;
    case "ComplaintMarkedDifficult":
      draft.difficult = true;
      return;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown complaint event ${JSON.stringify(unknown)}`);
    }
  }
}
