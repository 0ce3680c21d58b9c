import { z } from "zod";
import { fenSchema } from "../../kernel/money.js";
import { personal, type SubjectRef } from "../../kernel/personal-data.js";
import { Gender } from "../shared/people.js";
import type { IncidentCase } from "./state.js";

/**
 * Whose the report's particulars are: the member's, by the report's card number
 * (`member:<cardNumber>`), else the incident's (`incident:<incidentId>`).
 */
const reportSubject: [SubjectRef, SubjectRef] = [
  { kind: "member", path: "cardNumber" },
  { kind: "incident", path: "incidentId" },
];

/**
 * What the member asks for in compensation (I7): an amount in fen (0 when nothing) and the
 * request in words.
 *
 * @example
 * ```ts
 * CompensationRequest.parse({ amount: 80_000, details: "the examination and two days' pay" });
 * ```
 */
export const CompensationRequest = z.object({
  amount: fenSchema,
  details: personal(z.string(), ...reportSubject)
    .trim()
    .min(1)
    .max(1000),
});
export type CompensationRequest = z.infer<typeof CompensationRequest>;

/**
 * The written report that closes an incident (I7): every field is required.
 *
 * @example
 * ```ts
 * IncidentReport.parse({ cardNumber: "M-1", name: "Chen Jing", gender: "female", age: 34, … });
 * ```
 */
export const IncidentReport = z.object({
  cardNumber: z.string().min(1),
  name: personal(z.string(), ...reportSubject).min(1),
  gender: Gender,
  age: personal(z.number(), ...reportSubject)
    .int()
    .min(0)
    .max(150),
  whatHappened: personal(z.string(), ...reportSubject).min(1),
  injuryDegree: personal(z.string(), ...reportSubject).min(1),
  examinationCosts: fenSchema,
  handlingOpinion: personal(z.string(), ...reportSubject).min(1),
  compensationRequest: CompensationRequest,
});
export type IncidentReport = z.infer<typeof IncidentReport>;

/**
 * A report as written so far (`IncidentReportWritten`): any field may still be missing.
 *
 * @example
 * ```ts
 * IncidentReportDraft.parse({ cardNumber: "M-1", name: "Chen Jing" });
 * ```
 */
export const IncidentReportDraft = IncidentReport.partial();
export type IncidentReportDraft = z.infer<typeof IncidentReportDraft>;

/** A field of the written report (I7). */
export type IncidentReportField = keyof IncidentReport;

/**
 * The fields of the written report (I7), in the order the manual lists them, with the words a
 * refusal uses for each.
 *
 * @example
 * ```ts
 * INCIDENT_REPORT_FIELDS.map((f) => f.label); // ["card number", "name", …]
 * ```
 */
export const INCIDENT_REPORT_FIELDS: readonly {
  readonly field: IncidentReportField;
  readonly label: string;
}[] = [
  { field: "cardNumber", label: "card number" },
  { field: "name", label: "name" },
  { field: "gender", label: "gender" },
  { field: "age", label: "age" },
  { field: "whatHappened", label: "what happened" },
  { field: "injuryDegree", label: "injury degree" },
  { field: "examinationCosts", label: "examination costs" },
  { field: "handlingOpinion", label: "handling opinion" },
  { field: "compensationRequest", label: "compensation request" },
];

/**
 * The fields a written report still lacks (I7), every one of them, in the manual's order; all
 * nine when no report was written.
 *
 * @example
 * ```ts
 * missingIncidentReportFields({ cardNumber: "M-1", name: "Chen Jing", gender: "female" });
 * // ["age", "whatHappened", "injuryDegree", "examinationCosts", "handlingOpinion", "compensationRequest"]
 * ```
 */
export function missingIncidentReportFields(
  report: IncidentReportDraft | undefined,
): IncidentReportField[] {
  return INCIDENT_REPORT_FIELDS.filter(({ field }) => report?.[field] === undefined).map(
    ({ field }) => field,
  );
}

/**
 * The report as a complete `IncidentReport`, or undefined while a field is missing.
 *
 * @example
 * ```ts
 * const report = completeIncidentReport(state.report);
 * if (report) console.log(report.examinationCosts);
 * ```
 */
export function completeIncidentReport(
  report: IncidentReportDraft | undefined,
): IncidentReport | undefined {
  if (report === undefined || missingIncidentReportFields(report).length > 0) return undefined;
  return report as IncidentReport;
}

/**
 * The report `WriteIncidentReport` writes. Each field is the one given; else, for the examination
 * costs, those the member confirmed (I5); else the last written report's; else the case's (the
 * member and what happened, from the report of the incident). Fields with no value are left out.
 *
 * @example
 * ```ts
 * fillIncidentReport(incident, { injuryDegree: "graze" }); // { cardNumber: "M-1", …, injuryDegree: "graze" }
 * ```
 */
export function fillIncidentReport(
  incident: IncidentCase,
  given: IncidentReportDraft,
): IncidentReportDraft {
  const fromCase: IncidentReportDraft = {
    cardNumber: incident.member.cardNumber,
    name: incident.member.name,
    gender: incident.member.gender,
    age: incident.member.age,
    whatHappened: incident.whatHappened,
  };
  const confirmed = incident.examination ? { examinationCosts: incident.examination.costs } : {};
  return {
    ...defined(fromCase),
    ...defined(incident.report ?? {}),
    ...confirmed,
    ...defined(given),
  };
}

/** The fields of a draft that have a value (an event keeps no `undefined`). */
function defined(draft: IncidentReportDraft): IncidentReportDraft {
  return Object.fromEntries(
    Object.entries(draft).filter(([, value]) => value !== undefined),
  ) as IncidentReportDraft;
}
