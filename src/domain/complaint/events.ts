import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { Signature } from "../shared/signature.js";
import { ComplainingCustomer, ComplaintChannel, EscalationReport } from "./commands.js";

/** Where a complaint is handled: the meeting room for on-site cases (C10), else its channel. */
export const ComplaintPlace = z.enum(["meetingRoom", "phone", "letter", "hotline", "regulator"]);
export type ComplaintPlace = z.infer<typeof ComplaintPlace>;

export const ComplaintLodged = defineEvent(
  "ComplaintLodged",
  z.object({
    caseId: z.string(),
    channel: ComplaintChannel,
    place: ComplaintPlace,
    customer: ComplainingCustomer,
    material: z.string(),
    department: z.string(),
    staffConcerned: z.string().optional(),
    causedByMerchant: z.boolean(),
    /** ISO instant, and the business day (site zone) it falls on (C7, C13). */
    lodgedAt: z.string(),
    businessDay: z.string(),
    recordedBy: Signature,
  }),
);
export const ComplaintHandedToSupervisor = defineEvent(
  "ComplaintHandedToSupervisor",
  z.object({ caseId: z.string(), supervisorId: z.string(), placatedBy: Signature }),
);
export const ComplaintOutcomeRequested = defineEvent(
  "ComplaintOutcomeRequested",
  z.object({ caseId: z.string(), outcome: z.string() }),
);
export const ComplaintInvestigated = defineEvent(
  "ComplaintInvestigated",
  z.object({ caseId: z.string(), findings: z.string(), verified: z.boolean(), by: Signature }),
);
export const ComplaintResolutionProposed = defineEvent(
  "ComplaintResolutionProposed",
  z.object({
    caseId: z.string(),
    resolution: z.string(),
    dutyManager: Signature,
    supervisor: Signature,
  }),
);
export const ComplaintResolutionDeclined = defineEvent(
  "ComplaintResolutionDeclined",
  z.object({ caseId: z.string(), note: z.string().optional() }),
);
export const ComplaintResolved = defineEvent(
  "ComplaintResolved",
  z.object({
    caseId: z.string(),
    resolution: z.string(),
    how: z.enum(["accepted", "escalation"]),
    resolvedAt: z.string(),
  }),
);
export const ComplaintEscalated = defineEvent(
  "ComplaintEscalated",
  z.object({
    caseId: z.string(),
    /** The level it goes up to: the store manager (C8) */
    to: z.literal("storeManager"),
    report: EscalationReport,
    by: Signature,
  }),
);
export const ComplaintPassedToHandler = defineEvent(
  "ComplaintPassedToHandler",
  z.object({ caseId: z.string(), handlerId: z.string(), placatedBy: Signature }),
);
export const ComplaintHandlerFindingsRecorded = defineEvent(
  "ComplaintHandlerFindingsRecorded",
  z.object({
    caseId: z.string(),
    responsiblePerson: z.string(),
    content: z.string(),
    result: z.string(),
    by: Signature,
  }),
);
export const StaffDispositionReported = defineEvent(
  "StaffDispositionReported",
  z.object({
    caseId: z.string(),
    staffId: z.string(),
    disposition: z.string(),
    /** C13: a verified complaint counts on the staff member's record for this calendar year. */
    verified: z.boolean(),
    /** The calendar year (site zone) the complaint was lodged in. */
    year: z.number().int(),
    /** The month (1–12, site zone) it was lodged in: the bonus a first complaint withholds. */
    month: z.number().int().min(1).max(12),
  }),
);
export const ComplaintReportWritten = defineEvent(
  "ComplaintReportWritten",
  z.object({
    caseId: z.string(),
    process: z.string(),
    result: z.string(),
    attachments: z.array(z.string()),
    by: Signature,
  }),
);
export const ComplaintReportedToStoreManager = defineEvent(
  "ComplaintReportedToStoreManager",
  z.object({ caseId: z.string(), at: z.string() }),
);
export const ComplaintClosed = defineEvent(
  "ComplaintClosed",
  z.object({ caseId: z.string(), closedAt: z.string() }),
);
export const ComplaintCallbackMade = defineEvent(
  "ComplaintCallbackMade",
  z.object({ caseId: z.string(), progress: z.string(), at: z.string(), by: Signature }),
);
/**
 * C9: a callback fell due at `dueAt` and was raised at `at`; `owedBy` is who is told to make it
 * (the case's handler, else its supervisor, else the duty manager on shift).
 */
export const ComplaintCallbackDue = defineEvent(
  "ComplaintCallbackDue",
  z.object({
    caseId: z.string(),
    dueAt: z.string(),
    at: z.string(),
    owedBy: z.object({ role: z.string(), staffId: z.string().optional() }),
  }),
);
export const ComplaintRoutedToOperations = defineEvent(
  "ComplaintRoutedToOperations",
  z.object({ caseId: z.string(), supervisedBy: z.literal("customerService"), by: Signature }),
);
export const ComplaintMarkedDifficult = defineEvent(
  "ComplaintMarkedDifficult",
  z.object({ caseId: z.string(), reason: z.string() }),
);

export type ComplaintLodged = MessageOf<typeof ComplaintLodged>;
export type ComplaintHandedToSupervisor = MessageOf<typeof ComplaintHandedToSupervisor>;
export type ComplaintOutcomeRequested = MessageOf<typeof ComplaintOutcomeRequested>;
export type ComplaintInvestigated = MessageOf<typeof ComplaintInvestigated>;
export type ComplaintResolutionProposed = MessageOf<typeof ComplaintResolutionProposed>;
export type ComplaintResolutionDeclined = MessageOf<typeof ComplaintResolutionDeclined>;
export type ComplaintResolved = MessageOf<typeof ComplaintResolved>;
export type ComplaintEscalated = MessageOf<typeof ComplaintEscalated>;
export type ComplaintPassedToHandler = MessageOf<typeof ComplaintPassedToHandler>;
export type ComplaintHandlerFindingsRecorded = MessageOf<typeof ComplaintHandlerFindingsRecorded>;
export type StaffDispositionReported = MessageOf<typeof StaffDispositionReported>;
export type ComplaintReportWritten = MessageOf<typeof ComplaintReportWritten>;
export type ComplaintReportedToStoreManager = MessageOf<typeof ComplaintReportedToStoreManager>;
export type ComplaintClosed = MessageOf<typeof ComplaintClosed>;
export type ComplaintCallbackMade = MessageOf<typeof ComplaintCallbackMade>;
export type ComplaintCallbackDue = MessageOf<typeof ComplaintCallbackDue>;
export type ComplaintRoutedToOperations = MessageOf<typeof ComplaintRoutedToOperations>;
export type ComplaintMarkedDifficult = MessageOf<typeof ComplaintMarkedDifficult>;

export type ComplaintEvent =
  | ComplaintLodged
  | ComplaintHandedToSupervisor
  | ComplaintOutcomeRequested
  | ComplaintInvestigated
  | ComplaintResolutionProposed
  | ComplaintResolutionDeclined
  | ComplaintResolved
  | ComplaintEscalated
  | ComplaintPassedToHandler
  | ComplaintHandlerFindingsRecorded
  | StaffDispositionReported
  | ComplaintReportWritten
  | ComplaintReportedToStoreManager
  | ComplaintClosed
  | ComplaintCallbackMade
  | ComplaintCallbackDue
  | ComplaintRoutedToOperations
  | ComplaintMarkedDifficult;

export const complaintEvents = [
  ComplaintLodged,
  ComplaintHandedToSupervisor,
  ComplaintOutcomeRequested,
  ComplaintInvestigated,
  ComplaintResolutionProposed,
  ComplaintResolutionDeclined,
  ComplaintResolved,
  ComplaintEscalated,
  ComplaintPassedToHandler,
  ComplaintHandlerFindingsRecorded,
  StaffDispositionReported,
  ComplaintReportWritten,
  ComplaintReportedToStoreManager,
  ComplaintClosed,
  ComplaintCallbackMade,
  ComplaintCallbackDue,
  ComplaintRoutedToOperations,
  ComplaintMarkedDifficult,
];
