import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { Gender, id } from "../shared/people.js";
import { Role } from "../shared/roles.js";
import { Signature } from "../shared/signature.js";

/**
 * Staff who report an incident and help with its steps (I1, I3, I5).
 *
 * @example
 * ```ts
 * INCIDENT_STAFF_ROLES.includes("coach"); // true
 * ```
 */
export const INCIDENT_STAFF_ROLES = [
  "frontDesk",
  "coach",
  "csManager",
  "dutyManager",
  "teamLead",
] as const satisfies readonly Role[];

/** Managers who assess, write the report and close (I4, I7). */
const INCIDENT_MANAGER_ROLES = ["csManager", "dutyManager"] as const satisfies readonly Role[];

/**
 * How serious the case is: a serious case goes to hospital (I4, I5).
 *
 * @example
 * ```ts
 * IncidentSeverity.parse("serious");
 * ```
 */
export const IncidentSeverity = z.enum(["minor", "serious"]);
export type IncidentSeverity = z.infer<typeof IncidentSeverity>;

/**
 * First-aid measures the coach takes (I2): clean, dress, disinfect the wound.
 *
 * @example
 * ```ts
 * RecordFirstAid({ incidentId: "inc-1", measures: FirstAidMeasure.options });
 * ```
 */
export const FirstAidMeasure = z.enum(["clean", "dress", "disinfect"]);
export type FirstAidMeasure = z.infer<typeof FirstAidMeasure>;

/**
 * Who is responsible for what happened (I4).
 *
 * @example
 * ```ts
 * IncidentResponsibility.parse("shared");
 * ```
 */
export const IncidentResponsibility = z.enum(["member", "site", "shared", "undetermined"]);
export type IncidentResponsibility = z.infer<typeof IncidentResponsibility>;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);
/** A staff member named in a command: notified (I1) or sent to hospital (I4). */
const staffRef = z.strictObject({ staffId: id, role: Role });
/** The member's signature: the one signature shape, `{ staffId: <card number>, role: "member" }`. */
const memberSignature = z.strictObject(Signature.shape);
const age = z.number().int("must be a whole number of years").min(0).max(150);
const compensationRequest = z.strictObject({ amount: fenSchema, details: text(1000) });

/**
 * I1: an incident is reported, with who was told first: `notified` must name a CS manager and a
 * coach. `member.age` may be left for the written report (I7).
 */
export const ReportIncident = defineCommand(
  "ReportIncident",
  z.strictObject({
    incidentId: id,
    member: z.strictObject({ cardNumber: id, name: text(64), gender: Gender, age: age.optional() }),
    whatHappened: text(4000),
    place: text(200),
    severity: IncidentSeverity,
    /** Who was told first; decide refuses a list without a CS manager and a coach (I1). */
    notified: z.array(staffRef).max(20),
  }),
  { roles: INCIDENT_STAFF_ROLES, startsStream: true },
);

/** I2: the coach gives first aid and records the measures taken. */
export const RecordFirstAid = defineCommand(
  "RecordFirstAid",
  z.strictObject({
    incidentId: id,
    measures: z
      .array(FirstAidMeasure)
      .min(1, "name at least one measure")
      .refine((m) => new Set(m).size === m.length, "must not repeat a measure"),
    notes: text(1000).optional(),
  }),
  { roles: ["coach"], authorityRule: "I2" },
);

/** I3: the CS manager hears what happened and records the statement (again, until signed). */
export const RecordIncidentStatement = defineCommand(
  "RecordIncidentStatement",
  z.strictObject({ incidentId: id, statement: text(8000) }),
  { roles: ["csManager"], authorityRule: "I3" },
);

/** I3: the member has read the statement and signs it. */
export const SignIncidentStatement = defineCommand(
  "SignIncidentStatement",
  z.strictObject({ incidentId: id, memberSignature }),
  { roles: INCIDENT_STAFF_ROLES },
);

/** I4: the CS manager sends a staff member to hospital with the member. */
export const AssignHospitalEscort = defineCommand(
  "AssignHospitalEscort",
  z.strictObject({ incidentId: id, escort: staffRef, hospital: text(200).optional() }),
  { roles: ["csManager"], authorityRule: "I4" },
);

/** I4: who is responsible; a later assessment replaces an earlier one. */
export const AssessResponsibility = defineCommand(
  "AssessResponsibility",
  z.strictObject({ incidentId: id, responsibility: IncidentResponsibility, notes: text(2000) }),
  { roles: INCIDENT_MANAGER_ROLES },
);

/** I5: after the examination, the member signs to confirm its outcome and costs. */
export const ConfirmExaminationOutcome = defineCommand(
  "ConfirmExaminationOutcome",
  z.strictObject({
    incidentId: id,
    outcome: text(2000),
    examinationCosts: fenSchema,
    memberSignature,
  }),
  { roles: INCIDENT_STAFF_ROLES },
);

/**
 * I6: a care call by the member's consultant or the CS manager; the CS manager's may record a
 * home visit and the compensation terms agreed.
 */
export const RecordCareCall = defineCommand(
  "RecordCareCall",
  z.strictObject({
    incidentId: id,
    notes: text(2000),
    homeVisit: z.boolean().default(false),
    compensationTerms: z.strictObject({ amount: fenSchema, terms: text(1000) }).optional(),
  }),
  { roles: ["consultant", "csManager"], authorityRule: "I6" },
);

/**
 * I7: writes (or rewrites) the report. Each field is the command's, else the last written
 * report's, else the case's (member, what happened, the confirmed examination costs).
 */
export const WriteIncidentReport = defineCommand(
  "WriteIncidentReport",
  z.strictObject({
    incidentId: id,
    cardNumber: id.optional(),
    name: text(64).optional(),
    gender: Gender.optional(),
    age: age.optional(),
    whatHappened: text(4000).optional(),
    injuryDegree: text(1000).optional(),
    examinationCosts: fenSchema.optional(),
    handlingOpinion: text(2000).optional(),
    compensationRequest: compensationRequest.optional(),
  }),
  { roles: INCIDENT_MANAGER_ROLES },
);

/** I7 (and I2–I6 before it): closes the incident with its complete written report. */
export const CloseIncident = defineCommand("CloseIncident", z.strictObject({ incidentId: id }), {
  roles: INCIDENT_MANAGER_ROLES,
});

export type ReportIncident = MessageOf<typeof ReportIncident>;
export type RecordFirstAid = MessageOf<typeof RecordFirstAid>;
export type RecordIncidentStatement = MessageOf<typeof RecordIncidentStatement>;
export type SignIncidentStatement = MessageOf<typeof SignIncidentStatement>;
export type AssignHospitalEscort = MessageOf<typeof AssignHospitalEscort>;
export type AssessResponsibility = MessageOf<typeof AssessResponsibility>;
export type ConfirmExaminationOutcome = MessageOf<typeof ConfirmExaminationOutcome>;
export type RecordCareCall = MessageOf<typeof RecordCareCall>;
export type WriteIncidentReport = MessageOf<typeof WriteIncidentReport>;
export type CloseIncident = MessageOf<typeof CloseIncident>;
export type IncidentCommand =
  | ReportIncident
  | RecordFirstAid
  | RecordIncidentStatement
  | SignIncidentStatement
  | AssignHospitalEscort
  | AssessResponsibility
  | ConfirmExaminationOutcome
  | RecordCareCall
  | WriteIncidentReport
  | CloseIncident;

export const incidentCommands = [
  ReportIncident,
  RecordFirstAid,
  RecordIncidentStatement,
  SignIncidentStatement,
  AssignHospitalEscort,
  AssessResponsibility,
  ConfirmExaminationOutcome,
  RecordCareCall,
  WriteIncidentReport,
  CloseIncident,
];
