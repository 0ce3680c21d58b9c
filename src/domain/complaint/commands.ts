import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { personal, type SubjectRef } from "../../kernel/personal-data.js";
import { id } from "../shared/people.js";
import { Signature } from "../shared/signature.js";

/** Where a complaint came in (C1). On-site cases are handled in the meeting room (C10). */
export const ComplaintChannel = z.enum(["onSite", "phone", "letter", "hotline", "regulator"]);
export type ComplaintChannel = z.infer<typeof ComplaintChannel>;

const text = z.string().trim().min(1, "must not be empty").max(2000);

/**
 * Whose the complaining customer's name and phone are: the member's (`member:<memberCard>`)
 * when the card is known, else the case's (`complaint:<caseId>`).
 */
const customer: [SubjectRef, SubjectRef] = [
  { kind: "member", path: "memberCard" },
  { kind: "complaint", path: "caseId" },
];

/** The customer who complains: a name, and a phone number or member card where known. */
export const ComplainingCustomer = z.strictObject({
  name: personal(text, ...customer),
  phone: personal(z.string(), ...customer)
    .trim()
    .min(5)
    .max(20)
    .optional(),
  memberCard: id.optional(),
});

/** C1: the complaint is lodged with its material and channel. */
export const LodgeComplaint = defineCommand(
  "LodgeComplaint",
  z.strictObject({
    caseId: id,
    channel: ComplaintChannel,
    customer: ComplainingCustomer,
    material: text,
    /** The department concerned, whose supervisor investigates (C2). */
    department: id,
    /** The staff member complained about, if any (C3, C5, C13). */
    staffConcerned: id.optional(),
    /** C12: a merchant's product or service caused it. */
    causedByMerchant: z.boolean().default(false),
  }),
  { roles: ["dutyManager", "callAgent", "complaintHandler"] },
);

/** C2: placated, the case goes to the supervisor of the department concerned. */
export const HandComplaintToSupervisor = defineCommand(
  "HandComplaintToSupervisor",
  z.strictObject({ caseId: id, supervisorId: id }),
  { roles: ["dutyManager"] },
);

/** C3: the duty manager records the outcome the customer wants. */
export const RecordRequestedOutcome = defineCommand(
  "RecordRequestedOutcome",
  z.strictObject({ caseId: id, outcome: text }),
  { roles: ["dutyManager"] },
);

/** C3: the supervisor investigates the staff member concerned. */
export const RecordInvestigation = defineCommand(
  "RecordInvestigation",
  z.strictObject({ caseId: id, findings: text, verified: z.boolean() }),
  { roles: ["deptSupervisor"] },
);

/** C4: supervisor and duty manager propose a resolution (the supervisor's signature is data). */
export const ProposeResolution = defineCommand(
  "ProposeResolution",
  z.strictObject({ caseId: id, resolution: text, supervisorSignature: Signature }),
  { roles: ["dutyManager"] },
);

/** C4: the customer accepts the proposal (resolved) or declines it. */
export const RecordCustomerDecision = defineCommand(
  "RecordCustomerDecision",
  z.strictObject({ caseId: id, accepted: z.boolean(), note: text.optional() }),
  { roles: ["dutyManager", "complaintHandler"] },
);

/** C8: the written report that goes up with an escalation; every field is required. */
export const EscalationReport = z.strictObject({
  material: text,
  verifiedFacts: text,
  partyConcerned: text,
  requestedOutcome: text,
  managersOpinion: text,
  recommendations: text,
});
export type EscalationReport = z.infer<typeof EscalationReport>;

/** C8, C14: beyond the duty manager's (or the complaint handler's) authority, up a level. */
export const EscalateComplaint = defineCommand(
  "EscalateComplaint",
  z.strictObject({ caseId: id, report: EscalationReport }),
  { roles: ["dutyManager", "complaintHandler"] },
);

/** C8: the store manager settles an escalated case. */
export const ResolveEscalatedComplaint = defineCommand(
  "ResolveEscalatedComplaint",
  z.strictObject({ caseId: id, resolution: text }),
  { roles: ["storeManager"] },
);

/** C14: a call agent who cannot resolve a phone complaint passes it to a complaint handler. */
export const PassComplaintToHandler = defineCommand(
  "PassComplaintToHandler",
  z.strictObject({ caseId: id, handlerId: id }),
  { roles: ["callAgent"] },
);

/** C14: the complaint handler records the responsible person, the content and the result. */
export const RecordHandlerFindings = defineCommand(
  "RecordHandlerFindings",
  z.strictObject({ caseId: id, responsiblePerson: text, content: text, result: text }),
  { roles: ["complaintHandler"] },
);

/** C5: the supervisor reports the disposition of the staff member concerned. */
export const ReportStaffDisposition = defineCommand(
  "ReportStaffDisposition",
  z.strictObject({ caseId: id, disposition: text }),
  { roles: ["deptSupervisor"] },
);

/** C6, C11: the duty manager writes the complaint report: process, result, attachments. */
export const WriteComplaintReport = defineCommand(
  "WriteComplaintReport",
  z.strictObject({
    caseId: id,
    process: text,
    result: text,
    attachments: z.array(text).max(50).default([]),
  }),
  { roles: ["dutyManager", "complaintHandler"] },
);

/** C6: the case is reported to the store manager. */
export const ReportComplaintToStoreManager = defineCommand(
  "ReportComplaintToStoreManager",
  z.strictObject({ caseId: id }),
  { roles: ["dutyManager"] },
);

/** C6, C11: only a resolved, reported case with its report closes. */
export const CloseComplaint = defineCommand("CloseComplaint", z.strictObject({ caseId: id }), {
  roles: ["dutyManager"],
});

/** C9: a callback to the customer with the progress so far. */
export const RecordComplaintCallback = defineCommand(
  "RecordComplaintCallback",
  z.strictObject({ caseId: id, progress: text }),
  { roles: ["callAgent", "complaintHandler", "dutyManager"] },
);

/**
 * C9: a callback has fallen due and is raised (by the complaint-reminders workflow): the case's
 * handler, else its supervisor, else the duty manager is notified through the outbox. Refused
 * before it is due; raised once per due instant.
 */
export const RaiseComplaintCallbackDue = defineCommand(
  "RaiseComplaintCallbackDue",
  z.strictObject({ caseId: id }),
  { roles: ["dutyManager", "teamLead", "complaintHandler", "callAgent"] },
);

/** C12: a merchant-caused case goes to operations for penalty; customer service supervises. */
export const RouteComplaintToOperations = defineCommand(
  "RouteComplaintToOperations",
  z.strictObject({ caseId: id }),
  { roles: ["dutyManager", "csManager"] },
);

/** C15: a difficult case is listed for the weekly team-lead review until resolved. */
export const MarkComplaintDifficult = defineCommand(
  "MarkComplaintDifficult",
  z.strictObject({ caseId: id, reason: text }),
  { roles: ["dutyManager", "teamLead", "complaintHandler"] },
);

export type LodgeComplaint = MessageOf<typeof LodgeComplaint>;
export type HandComplaintToSupervisor = MessageOf<typeof HandComplaintToSupervisor>;
export type RecordRequestedOutcome = MessageOf<typeof RecordRequestedOutcome>;
export type RecordInvestigation = MessageOf<typeof RecordInvestigation>;
export type ProposeResolution = MessageOf<typeof ProposeResolution>;
export type RecordCustomerDecision = MessageOf<typeof RecordCustomerDecision>;
export type EscalateComplaint = MessageOf<typeof EscalateComplaint>;
export type ResolveEscalatedComplaint = MessageOf<typeof ResolveEscalatedComplaint>;
export type PassComplaintToHandler = MessageOf<typeof PassComplaintToHandler>;
export type RecordHandlerFindings = MessageOf<typeof RecordHandlerFindings>;
export type ReportStaffDisposition = MessageOf<typeof ReportStaffDisposition>;
export type WriteComplaintReport = MessageOf<typeof WriteComplaintReport>;
export type ReportComplaintToStoreManager = MessageOf<typeof ReportComplaintToStoreManager>;
export type CloseComplaint = MessageOf<typeof CloseComplaint>;
export type RecordComplaintCallback = MessageOf<typeof RecordComplaintCallback>;
export type RaiseComplaintCallbackDue = MessageOf<typeof RaiseComplaintCallbackDue>;
export type RouteComplaintToOperations = MessageOf<typeof RouteComplaintToOperations>;
export type MarkComplaintDifficult = MessageOf<typeof MarkComplaintDifficult>;

export type ComplaintCommand =
  | LodgeComplaint
  | HandComplaintToSupervisor
  | RecordRequestedOutcome
  | RecordInvestigation
  | ProposeResolution
  | RecordCustomerDecision
  | EscalateComplaint
  | ResolveEscalatedComplaint
  | PassComplaintToHandler
  | RecordHandlerFindings
  | ReportStaffDisposition
  | WriteComplaintReport
  | ReportComplaintToStoreManager
  | CloseComplaint
  | RecordComplaintCallback
  | RaiseComplaintCallbackDue
  | RouteComplaintToOperations
  | MarkComplaintDifficult;

export const complaintCommands = [
  LodgeComplaint,
  HandComplaintToSupervisor,
  RecordRequestedOutcome,
  RecordInvestigation,
  ProposeResolution,
  RecordCustomerDecision,
  EscalateComplaint,
  ResolveEscalatedComplaint,
  PassComplaintToHandler,
  RecordHandlerFindings,
  ReportStaffDisposition,
  WriteComplaintReport,
  ReportComplaintToStoreManager,
  CloseComplaint,
  RecordComplaintCallback,
  RaiseComplaintCallbackDue,
  RouteComplaintToOperations,
  MarkComplaintDifficult,
];
