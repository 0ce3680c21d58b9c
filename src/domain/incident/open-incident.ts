import { RuleViolation } from "../../kernel/errors.js";
import type { RuleId } from "../../kernel/rule-ids.js";
import type { Signature } from "../shared/signature.js";
import type { IncidentState } from "./state.js";

/** A reported incident (open or closed). */
export type ReportedIncident = Extract<IncidentState, { status: "open" | "closed" }>;

/** The open incident a step is about: reported (I1) and not closed (I7). */
export function openIncident(state: IncidentState, incidentId: string): ReportedIncident {
  if (state.status === "none") {
    throw new RuleViolation(
      "I1",
      `incident ${incidentId} has not been reported; report it first, naming the CS manager and the coach told.`,
    );
  }
  if (state.status === "closed") {
    throw new RuleViolation("I7", `incident ${incidentId} is closed; its report is final.`);
  }
  return state;
}

/** The member signs with their card number and the role "member" (I3, I5). */
export function checkMemberSignature(
  incident: ReportedIncident,
  signature: Signature,
  rule: RuleId,
  what: string,
): void {
  const card = incident.member.cardNumber;
  if (signature.role !== "member" || signature.staffId !== card) {
    throw new RuleViolation(
      rule,
      `${what} of incident ${incident.incidentId} is signed by the member (card ${card}, role member), not by ${signature.staffId} (${signature.role}).`,
    );
  }
}
