import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import type { RuleId } from "../../kernel/rule-ids.js";
import { actorSignature, type Signature } from "../shared/signature.js";
import type {
  CloseComplaint,
  ComplaintCommand,
  EscalateComplaint,
  HandComplaintToSupervisor,
  LodgeComplaint,
  ProposeResolution,
  RecordCustomerDecision,
  RecordHandlerFindings,
  RecordInvestigation,
  ReportStaffDisposition,
  WriteComplaintReport,
} from "./commands.js";
import type { ComplaintEvent } from "./events.js";
import { raiseCallbackDue } from "./raise-callback-due.js";
import { type ComplaintState, type ComplaintStatus, isUnresolved } from "./state.js";

/**
 * Decides a complaint command (C1–C6, C8–C12, C14, C15; C7, C13 and when C9 falls due are read
 * from the events by projections, and a due C9 callback is raised with RaiseComplaintCallbackDue). A step out of order is a RuleViolation naming the rule it would break.
 *
 * @example
 * ```ts
 * decideComplaint(HandComplaintToSupervisor({ caseId: "k-1", supervisorId: "sup-1" }), state, ctx);
 * ```
 */
export function decideComplaint(
  command: ComplaintCommand,
  state: ComplaintState,
  context: DecideContext,
): ComplaintEvent[] {
  const caseId = command.data.caseId;
  const at = context.now.toISOString();
  const by = actorSignature(context);
  switch (command.type) {
    case "LodgeComplaint":
      return lodge(command, state, context, by);
    case "HandComplaintToSupervisor":
      return handToSupervisor(command, state, by);
    case "RecordRequestedOutcome":
      requireStatus(
        state,
        ["withSupervisor", "proposed"],
        "C3",
        "record the outcome the customer wants",
      );
      return [
        { type: "ComplaintOutcomeRequested", data: { caseId, outcome: command.data.outcome } },
      ];
    case "RecordInvestigation":
      return investigate(command, state, by);
    case "ProposeResolution":
      return propose(command, state, by);
    case "RecordCustomerDecision":
      return customerDecision(command, state, at);
    case "EscalateComplaint":
      return escalate(command, state, by);
    case "ResolveEscalatedComplaint":
      requireStatus(state, ["escalated"], "C8", "resolve it as store manager");
      return [resolved(caseId, command.data.resolution, "escalation", at)];
    case "PassComplaintToHandler":
      requireStatus(state, ["lodged"], "C14", "pass it to a complaint handler");
      if (state.channel !== "phone" && state.channel !== "hotline") {
        throw new RuleViolation("C14", `case ${caseId} came in by ${state.channel}, not by phone.`);
      }
      return [
        {
          type: "ComplaintPassedToHandler",
          data: { caseId, handlerId: command.data.handlerId, placatedBy: by },
        },
      ];
    case "RecordHandlerFindings":
      return handlerFindings(command, state, by);
    case "ReportStaffDisposition":
      return disposition(command, state, context);
    case "WriteComplaintReport":
      return writeReport(command, state, by);
    case "ReportComplaintToStoreManager":
      if (!state.report) {
        throw new RuleViolation("C6", `case ${caseId} has no complaint report to send yet.`);
      }
      if (state.reportedToStoreManager) {
        throw new RuleViolation("C6", `case ${caseId} was already reported to the store manager.`);
      }
      return [{ type: "ComplaintReportedToStoreManager", data: { caseId, at } }];
    case "CloseComplaint":
      return close(command, state, at);
    case "RecordComplaintCallback":
      if (!isUnresolved(state)) {
        throw new RuleViolation("C9", `case ${caseId} is ${state.status}: no callback is owed.`);
      }
      return [
        {
          type: "ComplaintCallbackMade",
          data: { caseId, progress: command.data.progress, at, by },
        },
      ];
    case "RaiseComplaintCallbackDue":
      return raiseCallbackDue(state, context);
    case "RouteComplaintToOperations":
      if (state.status === "none" || !state.causedByMerchant) {
        throw new RuleViolation(
          "C12",
          `case ${caseId} was not caused by a merchant; only those go to operations for penalty.`,
        );
      }
      if (state.routedToOperations) {
        throw new RuleViolation("C12", `case ${caseId} is already with operations.`);
      }
      return [
        {
          type: "ComplaintRoutedToOperations",
          data: { caseId, supervisedBy: "customerService", by },
        },
      ];
    case "MarkComplaintDifficult":
      if (!isUnresolved(state)) {
        throw new RuleViolation(
          "C15",
          `case ${caseId} is ${state.status}: only open cases are reviewed.`,
        );
      }
      return [{ type: "ComplaintMarkedDifficult", data: { caseId, reason: command.data.reason } }];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown complaint command ${JSON.stringify(unknown)}`);
    }
  }
}

function requireStatus(
  state: ComplaintState,
  allowed: readonly ComplaintStatus[],
  rule: RuleId,
  step: string,
): void {
  if (allowed.includes(state.status)) return;
  const where = state.status === "none" ? "has not been lodged" : `is ${state.status}`;
  throw new RuleViolation(
    rule,
    `case ${state.caseId || "?"} ${where}; to ${step} it must be ${allowed.join(" or ")}.`,
  );
}

function resolved(
  caseId: string,
  resolution: string,
  how: "accepted" | "escalation",
  resolvedAt: string,
): ComplaintEvent {
  return { type: "ComplaintResolved", data: { caseId, resolution, how, resolvedAt } };
}

function lodge(
  command: LodgeComplaint,
  state: ComplaintState,
  context: DecideContext,
  by: Signature,
): ComplaintEvent[] {
  const { caseId, channel, staffConcerned, ...rest } = command.data;
  if (state.status !== "none") {
    throw new RuleViolation("C1", `case ${caseId} is already lodged.`);
  }
  if (context.actor.role === "callAgent" && channel !== "phone" && channel !== "hotline") {
    throw new RuleViolation(
      "C1",
      `a ${channel} complaint is lodged with the duty manager; a call agent takes phone complaints.`,
    );
  }
  return [
    {
      type: "ComplaintLodged",
      data: {
        caseId,
        channel,
        // C10: an on-site complaint is taken to the meeting room.
        place: channel === "onSite" ? "meetingRoom" : channel,
        ...rest,
        ...(staffConcerned ? { staffConcerned } : {}),
        lodgedAt: context.now.toISOString(),
        businessDay: context.calendar.businessDayOf(context.now),
        recordedBy: by,
      },
    },
  ];
}

function handToSupervisor(
  command: HandComplaintToSupervisor,
  state: ComplaintState,
  by: Signature,
): ComplaintEvent[] {
  requireStatus(state, ["lodged"], "C2", "hand it to the department's supervisor");
  const { caseId, supervisorId } = command.data;
  return [{ type: "ComplaintHandedToSupervisor", data: { caseId, supervisorId, placatedBy: by } }];
}

function investigate(
  command: RecordInvestigation,
  state: ComplaintState,
  by: Signature,
): ComplaintEvent[] {
  requireStatus(state, ["withSupervisor"], "C3", "record an investigation");
  if (by.staffId !== state.supervisorId) {
    throw new RuleViolation(
      "C3",
      `case ${state.caseId} is investigated by supervisor ${state.supervisorId}, not ${by.staffId}.`,
    );
  }
  const { caseId, findings, verified } = command.data;
  return [{ type: "ComplaintInvestigated", data: { caseId, findings, verified, by } }];
}

function propose(
  command: ProposeResolution,
  state: ComplaintState,
  by: Signature,
): ComplaintEvent[] {
  requireStatus(state, ["withSupervisor"], "C4", "propose a resolution");
  const { caseId, resolution, supervisorSignature } = command.data;
  if (!state.investigation || state.requestedOutcome === undefined) {
    throw new RuleViolation(
      "C4",
      `case ${caseId} needs the supervisor's investigation and the outcome the customer wants before a resolution is proposed.`,
    );
  }
  if (supervisorSignature.staffId !== state.supervisorId) {
    throw new RuleViolation(
      "C4",
      `a resolution of case ${caseId} is proposed with supervisor ${state.supervisorId}'s signature, not ${supervisorSignature.staffId}'s.`,
    );
  }
  return [
    {
      type: "ComplaintResolutionProposed",
      data: {
        caseId,
        resolution,
        dutyManager: by,
        supervisor: { ...supervisorSignature, at: supervisorSignature.at ?? by.at },
      },
    },
  ];
}

function customerDecision(
  command: RecordCustomerDecision,
  state: ComplaintState,
  at: string,
): ComplaintEvent[] {
  const { caseId, accepted, note } = command.data;
  if (state.status === "withHandler") {
    // C14: the complaint handler settles a phone case with the caller, on the findings recorded.
    if (!state.handlerFindings) {
      throw new RuleViolation(
        "C14",
        `case ${caseId}: the complaint handler records responsible person, content and result first.`,
      );
    }
    if (!accepted)
      return [{ type: "ComplaintResolutionDeclined", data: { caseId, ...(note ? { note } : {}) } }];
    return [resolved(caseId, note ?? "settled by the complaint handler", "accepted", at)];
  }
  requireStatus(state, ["proposed"], "C4", "record the customer's answer to a proposal");
  if (!accepted) {
    return [{ type: "ComplaintResolutionDeclined", data: { caseId, ...(note ? { note } : {}) } }];
  }
  return [resolved(caseId, state.proposal ?? "", "accepted", at)];
}

function escalate(
  command: EscalateComplaint,
  state: ComplaintState,
  by: Signature,
): ComplaintEvent[] {
  const allowed: ComplaintStatus[] =
    by.role === "complaintHandler" ? ["withHandler"] : ["lodged", "withSupervisor", "proposed"];
  requireStatus(state, allowed, by.role === "complaintHandler" ? "C14" : "C8", "escalate it");
  const { caseId, report } = command.data;
  return [{ type: "ComplaintEscalated", data: { caseId, to: "storeManager", report, by } }];
}

function handlerFindings(
  command: RecordHandlerFindings,
  state: ComplaintState,
  by: Signature,
): ComplaintEvent[] {
  requireStatus(state, ["withHandler"], "C14", "record the handler's findings");
  if (by.staffId !== state.handlerId) {
    throw new RuleViolation(
      "C14",
      `case ${state.caseId} is with complaint handler ${state.handlerId}, not ${by.staffId}.`,
    );
  }
  const { caseId, responsiblePerson, content, result } = command.data;
  return [
    {
      type: "ComplaintHandlerFindingsRecorded",
      data: { caseId, responsiblePerson, content, result, by },
    },
  ];
}

function disposition(
  command: ReportStaffDisposition,
  state: ComplaintState,
  context: DecideContext,
): ComplaintEvent[] {
  const { caseId } = command.data;
  if (!state.staffConcerned) {
    throw new RuleViolation("C5", `case ${caseId} names no staff member to dispose of.`);
  }
  if (!state.investigation) {
    throw new RuleViolation(
      "C5",
      `case ${caseId}: the investigation comes before the disposition.`,
    );
  }
  if (context.actor.id !== state.supervisorId) {
    throw new RuleViolation(
      "C5",
      `the disposition of case ${caseId} is reported by supervisor ${state.supervisorId}.`,
    );
  }
  if (state.disposition !== undefined) {
    throw new RuleViolation("C5", `the disposition of case ${caseId} is already reported.`);
  }
  // C13: the calendar year and month of the site's zone the complaint was lodged in.
  const [year, month] = state.businessDay.split("-").map(Number) as [number, number];
  return [
    {
      type: "StaffDispositionReported",
      data: {
        caseId,
        staffId: state.staffConcerned,
        disposition: command.data.disposition,
        verified: state.investigation.verified,
        year,
        month,
      },
    },
  ];
}

function writeReport(
  command: WriteComplaintReport,
  state: ComplaintState,
  by: Signature,
): ComplaintEvent[] {
  requireStatus(state, ["resolved"], "C6", "write its complaint report");
  const { caseId, process, result, attachments } = command.data;
  if (state.staffConcerned && state.disposition === undefined) {
    throw new RuleViolation(
      "C5",
      `case ${caseId}: the report attaches the disposition of ${state.staffConcerned}, not reported yet.`,
    );
  }
  if (state.report) throw new RuleViolation("C11", `case ${caseId} already has its report.`);
  return [{ type: "ComplaintReportWritten", data: { caseId, process, result, attachments, by } }];
}

function close(command: CloseComplaint, state: ComplaintState, closedAt: string): ComplaintEvent[] {
  const { caseId } = command.data;
  requireStatus(state, ["resolved"], "C6", "close it");
  if (!state.report) {
    throw new RuleViolation("C11", `case ${caseId} cannot close without its complaint report.`);
  }
  if (!state.reportedToStoreManager) {
    throw new RuleViolation(
      "C6",
      `case ${caseId} is reported to the store manager before it closes.`,
    );
  }
  if (state.causedByMerchant && !state.routedToOperations) {
    throw new RuleViolation(
      "C12",
      `case ${caseId} was caused by a merchant: it goes to operations for penalty before it closes.`,
    );
  }
  return [{ type: "ComplaintClosed", data: { caseId, closedAt } }];
}
