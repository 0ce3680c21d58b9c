import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { personal, type SubjectRef } from "../../kernel/personal-data.js";
import { Gender } from "../shared/people.js";
import { Signature } from "../shared/signature.js";
import { FirstAidMeasure, IncidentResponsibility, IncidentSeverity } from "./commands.js";
import { IncidentReport, IncidentReportDraft } from "./report.js";

/** Whose the member's particulars are: the member's, by card (`member:<cardNumber>`). */
const member: SubjectRef = { kind: "member", path: "cardNumber" };
/** Whose what happened is: the member's, by the card in the event. */
const reportedMember: SubjectRef = { kind: "member", path: "member.cardNumber" };
/**
 * Whose the notes on a case are (events that do not carry the card): the incident's
 * (`incident:<incidentId>`); erasing a member erases their incidents too.
 */
const incident: SubjectRef = { kind: "incident", path: "incidentId" };

/** The instant the step was decided (the command's `now`), ISO. Every incident event has one. */
const at = z.string();

/** I1: reported, with who was told first (a CS manager and a coach among them). */
export const IncidentReported = defineEvent(
  "IncidentReported",
  z.object({
    incidentId: z.string(),
    member: z.object({
      cardNumber: z.string(),
      name: personal(z.string(), member),
      gender: Gender,
      age: personal(z.number().int(), member).optional(),
    }),
    whatHappened: personal(z.string(), reportedMember),
    place: z.string(),
    severity: IncidentSeverity,
    notified: z.array(Signature),
    reportedBy: Signature,
    at,
  }),
);
/** I2: the coach's first aid. */
export const FirstAidRecorded = defineEvent(
  "FirstAidRecorded",
  z.object({
    incidentId: z.string(),
    measures: z.array(FirstAidMeasure),
    notes: personal(z.string(), incident).optional(),
    coach: Signature,
    at,
  }),
);
/** I3: the statement the CS manager took (a later one replaces it until the member signs). */
export const IncidentStatementRecorded = defineEvent(
  "IncidentStatementRecorded",
  z.object({
    incidentId: z.string(),
    statement: personal(z.string(), incident),
    recordedBy: Signature,
    at,
  }),
);
/** I3: the member read the statement and signed it. */
export const IncidentStatementSigned = defineEvent(
  "IncidentStatementSigned",
  z.object({ incidentId: z.string(), memberSignature: Signature, at }),
);
/** I4: the staff member who goes to hospital with the member. */
export const HospitalEscortAssigned = defineEvent(
  "HospitalEscortAssigned",
  z.object({
    incidentId: z.string(),
    escort: Signature,
    hospital: personal(z.string(), incident).optional(),
    assignedBy: Signature,
    at,
  }),
);
/** I4: who is responsible. */
export const ResponsibilityAssessed = defineEvent(
  "ResponsibilityAssessed",
  z.object({
    incidentId: z.string(),
    responsibility: IncidentResponsibility,
    notes: personal(z.string(), incident),
    assessedBy: Signature,
    at,
  }),
);
/** I5: the member confirmed the examination's outcome and costs by signing. */
export const ExaminationOutcomeConfirmed = defineEvent(
  "ExaminationOutcomeConfirmed",
  z.object({
    incidentId: z.string(),
    outcome: personal(z.string(), incident),
    examinationCosts: fenSchema,
    memberSignature: Signature,
    recordedBy: Signature,
    at,
  }),
);
/** I6: a care call, maybe with a home visit and agreed compensation terms. */
export const CareCallRecorded = defineEvent(
  "CareCallRecorded",
  z.object({
    incidentId: z.string(),
    caller: Signature,
    notes: personal(z.string(), incident),
    homeVisit: z.boolean(),
    compensationTerms: z
      .object({ amount: fenSchema, terms: personal(z.string(), incident) })
      .optional(),
    at,
  }),
);
/** I7: the report as written so far (every field it has; maybe not all yet). */
export const IncidentReportWritten = defineEvent(
  "IncidentReportWritten",
  z.object({ incidentId: z.string(), report: IncidentReportDraft, writtenBy: Signature, at }),
);
/** I7: closed, with its complete written report. */
export const IncidentClosed = defineEvent(
  "IncidentClosed",
  z.object({ incidentId: z.string(), report: IncidentReport, closedBy: Signature, at }),
);

export type IncidentReported = MessageOf<typeof IncidentReported>;
export type FirstAidRecorded = MessageOf<typeof FirstAidRecorded>;
export type IncidentStatementRecorded = MessageOf<typeof IncidentStatementRecorded>;
export type IncidentStatementSigned = MessageOf<typeof IncidentStatementSigned>;
export type HospitalEscortAssigned = MessageOf<typeof HospitalEscortAssigned>;
export type ResponsibilityAssessed = MessageOf<typeof ResponsibilityAssessed>;
export type ExaminationOutcomeConfirmed = MessageOf<typeof ExaminationOutcomeConfirmed>;
export type CareCallRecorded = MessageOf<typeof CareCallRecorded>;
export type IncidentReportWritten = MessageOf<typeof IncidentReportWritten>;
export type IncidentClosed = MessageOf<typeof IncidentClosed>;
export type IncidentEvent =
  | IncidentReported
  | FirstAidRecorded
  | IncidentStatementRecorded
  | IncidentStatementSigned
  | HospitalEscortAssigned
  | ResponsibilityAssessed
  | ExaminationOutcomeConfirmed
  | CareCallRecorded
  | IncidentReportWritten
  | IncidentClosed;

export const incidentEvents = [
  IncidentReported,
  FirstAidRecorded,
  IncidentStatementRecorded,
  IncidentStatementSigned,
  HospitalEscortAssigned,
  ResponsibilityAssessed,
  ExaminationOutcomeConfirmed,
  CareCallRecorded,
  IncidentReportWritten,
  IncidentClosed,
];
