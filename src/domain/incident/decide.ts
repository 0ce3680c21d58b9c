import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import type { Signature } from "../shared/signature.js";
import type {
  AssessResponsibility,
  AssignHospitalEscort,
  CloseIncident,
  ConfirmExaminationOutcome,
  IncidentCommand,
  RecordCareCall,
  RecordFirstAid,
  RecordIncidentStatement,
  ReportIncident,
  SignIncidentStatement,
  WriteIncidentReport,
} from "./commands.js";
import type { IncidentEvent } from "./events.js";
import { describeMissingIncidentStep, missingIncidentSteps } from "./missing-steps.js";
import { checkMemberSignature, openIncident as open } from "./open-incident.js";
import { completeIncidentReport, fillIncidentReport } from "./report.js";
import type { IncidentState } from "./state.js";

/**
 * Decides an incident command (I1–I7). A step before the report is refused with I1, a step
 * after the close with I7, a step out of order with the rule it breaks.
 *
 * @example
 * ```ts
 * decideIncident(RecordFirstAid({ incidentId: "inc-1", measures: ["clean"] }), state, ctx); // [FirstAidRecorded]
 * ```
 */
export function decideIncident(
  command: IncidentCommand,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  switch (command.type) {
    case "ReportIncident":
      return report(command, state, context);
    case "RecordFirstAid":
      return firstAid(command, state, context);
    case "RecordIncidentStatement":
      return recordStatement(command, state, context);
    case "SignIncidentStatement":
      return signStatement(command, state, context);
    case "AssignHospitalEscort":
      return assignEscort(command, state, context);
    case "AssessResponsibility":
      return assess(command, state, context);
    case "ConfirmExaminationOutcome":
      return confirmExamination(command, state, context);
    case "RecordCareCall":
      return careCall(command, state, context);
    case "WriteIncidentReport":
      return writeReport(command, state, context);
    case "CloseIncident":
      return close(command, state, context);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown incident command ${JSON.stringify(unknown)}`);
    }
  }
}

const signer = (context: DecideContext): Signature => ({
  staffId: context.actor.id,
  role: context.actor.role,
});
const at = (context: DecideContext) => context.now.toISOString();

function report(
  command: ReportIncident,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  const { incidentId, member, notified, ...rest } = command.data;
  if (state.status !== "none") {
    throw new RuleViolation("I1", `incident ${incidentId} has already been reported.`);
  }
  const told = new Set(notified.map((staff) => staff.role));
  const untold = (["csManager", "coach"] as const).filter((role) => !told.has(role));
  if (untold.length > 0) {
    throw new RuleViolation(
      "I1",
      `the CS manager and the coach on duty are told first; incident ${incidentId} names no ${untold.join(" and no ")} among those notified.`,
    );
  }
  const { age, ...who } = member;
  return [
    {
      type: "IncidentReported",
      data: {
        incidentId,
        member: { ...who, ...(age === undefined ? {} : { age }) },
        ...rest,
        notified: notified.map(({ staffId, role }) => ({ staffId, role })),
        reportedBy: signer(context),
        at: at(context),
      },
    },
  ];
}

function firstAid(
  command: RecordFirstAid,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  const { incidentId, measures, notes } = command.data;
  const incident = open(state, incidentId);
  if (incident.firstAid) {
    throw new RuleViolation(
      "I2",
      `first aid for incident ${incidentId} was already recorded by ${incident.firstAid.coach.staffId}.`,
    );
  }
  return [
    {
      type: "FirstAidRecorded",
      data: {
        incidentId,
        measures: [...measures],
        ...(notes === undefined ? {} : { notes }),
        coach: signer(context),
        at: at(context),
      },
    },
  ];
}

function recordStatement(
  command: RecordIncidentStatement,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  const { incidentId, statement } = command.data;
  const incident = open(state, incidentId);
  if (incident.statement?.memberSignature) {
    throw new RuleViolation(
      "I3",
      `the statement of incident ${incidentId} is signed by the member; it is not rewritten.`,
    );
  }
  return [
    {
      type: "IncidentStatementRecorded",
      data: { incidentId, statement, recordedBy: signer(context), at: at(context) },
    },
  ];
}

function signStatement(
  command: SignIncidentStatement,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  const { incidentId, memberSignature } = command.data;
  const incident = open(state, incidentId);
  if (!incident.statement) {
    throw new RuleViolation(
      "I3",
      `incident ${incidentId} has no statement to sign; the CS manager records it first.`,
    );
  }
  if (incident.statement.memberSignature) {
    throw new RuleViolation("I3", `the statement of incident ${incidentId} is already signed.`);
  }
  checkMemberSignature(incident, memberSignature, "I3", "the statement");
  return [
    {
      type: "IncidentStatementSigned",
      data: {
        incidentId,
        memberSignature: { staffId: memberSignature.staffId, role: memberSignature.role },
        at: at(context),
      },
    },
  ];
}

function assignEscort(
  command: AssignHospitalEscort,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  const { incidentId, escort, hospital } = command.data;
  const incident = open(state, incidentId);
  if (incident.escort) {
    throw new RuleViolation(
      "I4",
      `${incident.escort.staff.staffId} already goes to hospital with the member of incident ${incidentId}.`,
    );
  }
  if (escort.role === "member" || escort.role === "visitor" || escort.role === "system") {
    throw new RuleViolation(
      "I4",
      `a staff member goes to hospital with the member of incident ${incidentId}, not a ${escort.role}.`,
    );
  }
  return [
    {
      type: "HospitalEscortAssigned",
      data: {
        incidentId,
        escort: { staffId: escort.staffId, role: escort.role },
        ...(hospital === undefined ? {} : { hospital }),
        assignedBy: signer(context),
        at: at(context),
      },
    },
  ];
}

function assess(
  command: AssessResponsibility,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  const { incidentId, responsibility, notes } = command.data;
  open(state, incidentId);
  return [
    {
      type: "ResponsibilityAssessed",
      data: { incidentId, responsibility, notes, assessedBy: signer(context), at: at(context) },
    },
  ];
}

function confirmExamination(
  command: ConfirmExaminationOutcome,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  const { incidentId, outcome, examinationCosts, memberSignature } = command.data;
  const incident = open(state, incidentId);
  if (incident.examination) {
    throw new RuleViolation(
      "I5",
      `the examination outcome of incident ${incidentId} is already confirmed.`,
    );
  }
  if (incident.severity === "serious" && !incident.escort) {
    throw new RuleViolation(
      "I5",
      `incident ${incidentId} is serious: the CS manager sends a staff member to hospital with the member (I4) before the examination is confirmed.`,
    );
  }
  checkMemberSignature(incident, memberSignature, "I5", "the examination outcome");
  return [
    {
      type: "ExaminationOutcomeConfirmed",
      data: {
        incidentId,
        outcome,
        examinationCosts,
        memberSignature: { staffId: memberSignature.staffId, role: memberSignature.role },
        recordedBy: signer(context),
        at: at(context),
      },
    },
  ];
}

function careCall(
  command: RecordCareCall,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  const { incidentId, notes, homeVisit, compensationTerms } = command.data;
  open(state, incidentId);
  if (compensationTerms && context.actor.role !== "csManager") {
    throw new RuleViolation(
      "I6",
      `compensation terms for incident ${incidentId} are agreed by the CS manager, not by a ${context.actor.role}.`,
    );
  }
  return [
    {
      type: "CareCallRecorded",
      data: {
        incidentId,
        caller: signer(context),
        notes,
        homeVisit,
        ...(compensationTerms
          ? {
              compensationTerms: {
                amount: compensationTerms.amount,
                terms: compensationTerms.terms,
              },
            }
          : {}),
        at: at(context),
      },
    },
  ];
}

function writeReport(
  command: WriteIncidentReport,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  const { incidentId, ...given } = command.data;
  const report = fillIncidentReport(open(state, incidentId), given);
  return [
    {
      type: "IncidentReportWritten",
      data: { incidentId, report, writtenBy: signer(context), at: at(context) },
    },
  ];
}

function close(
  command: CloseIncident,
  state: IncidentState,
  context: DecideContext,
): IncidentEvent[] {
  const { incidentId } = command.data;
  const incident = open(state, incidentId);
  const missing = missingIncidentSteps(incident);
  const first = missing[0];
  const complete = completeIncidentReport(incident.report);
  if (first || !complete) {
    throw new RuleViolation(
      first?.rule ?? "I7",
      `incident ${incidentId} cannot close; still missing: ${missing.map(describeMissingIncidentStep).join("; ")}.`,
    );
  }
  return [
    {
      type: "IncidentClosed",
      data: { incidentId, report: complete, closedBy: signer(context), at: at(context) },
    },
  ];
}
