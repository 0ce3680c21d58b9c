import type { RuleId } from "../../kernel/rule-ids.js";
import {
  INCIDENT_REPORT_FIELDS,
  type IncidentReportField,
  missingIncidentReportFields,
} from "./report.js";
import type { IncidentCase } from "./state.js";

/** A step an incident still needs before it may close. */
export type IncidentStep =
  | "firstAid"
  | "statement"
  | "statementSignature"
  | "hospitalEscort"
  | "responsibility"
  | "examination"
  | "csManagerCareCall"
  | "report";

/** A missing step, the rule that asks for it, and for the report the fields it lacks. */
export interface MissingIncidentStep {
  readonly step: IncidentStep;
  readonly rule: RuleId;
  /** For `report`: every field the written report lacks (all nine when none is written). */
  readonly fields?: readonly IncidentReportField[];
}

/**
 * What an open incident still needs before `CloseIncident`, in rule order: first aid (I2), the
 * statement and the member's signature on it (I3), for a serious case the hospital escort and
 * the responsibility assessment (I4) and the confirmed examination (I5), the CS manager's care
 * call (I6), and a complete written report (I7). Empty: it may close.
 *
 * @example
 * ```ts
 * missingIncidentSteps(state).map((m) => m.step); // ["statementSignature", "csManagerCareCall"]
 * ```
 */
export function missingIncidentSteps(incident: IncidentCase): MissingIncidentStep[] {
  const missing: MissingIncidentStep[] = [];
  if (!incident.firstAid) missing.push({ step: "firstAid", rule: "I2" });
  if (!incident.statement) missing.push({ step: "statement", rule: "I3" });
  if (!incident.statement?.memberSignature)
    missing.push({ step: "statementSignature", rule: "I3" });
  if (incident.severity === "serious") {
    if (!incident.escort) missing.push({ step: "hospitalEscort", rule: "I4" });
    if (!incident.responsibility) missing.push({ step: "responsibility", rule: "I4" });
    if (!incident.examination) missing.push({ step: "examination", rule: "I5" });
  }
  if (!incident.careCalls.some((call) => call.caller.role === "csManager")) {
    missing.push({ step: "csManagerCareCall", rule: "I6" });
  }
  const fields = missingIncidentReportFields(incident.report);
  if (fields.length > 0) missing.push({ step: "report", rule: "I7", fields });
  return missing;
}

const STEP_WORDS: Record<Exclude<IncidentStep, "report">, string> = {
  firstAid: "first aid recorded by the coach",
  statement: "the statement taken by the CS manager",
  statementSignature: "the member's signature on the statement",
  hospitalEscort: "a staff member sent to hospital with the member",
  responsibility: "the responsibility assessment",
  examination: "the member's signed confirmation of the examination outcome",
  csManagerCareCall: "the CS manager's care call",
};

/**
 * A missing step in words, with its rule; for the report, every missing field by name.
 *
 * @example
 * ```ts
 * describeMissingIncidentStep({ step: "report", rule: "I7", fields: ["age", "injuryDegree"] });
 * // "the written report's age, injury degree (I7)"
 * ```
 */
export function describeMissingIncidentStep(missing: MissingIncidentStep): string {
  if (missing.step !== "report") return `${STEP_WORDS[missing.step]} (${missing.rule})`;
  const labels = (missing.fields ?? []).map(
    (field) => INCIDENT_REPORT_FIELDS.find((f) => f.field === field)?.label ?? field,
  );
  return labels.length === INCIDENT_REPORT_FIELDS.length
    ? `a written report with ${labels.join(", ")} (${missing.rule})`
    : `the written report's ${labels.join(", ")} (${missing.rule})`;
}
