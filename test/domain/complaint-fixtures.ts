/**
 * Fixtures of the Complaint specs: the people of the procedure and the events of a case at
 * each step, with sensible defaults.
 */
import {
  type Actor,
  ComplaintHandedToSupervisor,
  ComplaintInvestigated,
  ComplaintLodged,
  ComplaintOutcomeRequested,
  ComplaintReportWritten,
  ComplaintResolutionProposed,
  ComplaintResolved,
} from "svcops";
import { SPEC_SITE } from "svcops/testing";
import { DAY, NOW } from "./fixtures.js";

const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SPEC_SITE] });
export const dutyManager = person("dm-1", "dutyManager");
export const supervisor = person("sup-1", "deptSupervisor");
export const otherSupervisor = person("sup-2", "deptSupervisor");
export const storeManager = person("sm-1", "storeManager");
export const callAgent = person("agent-1", "callAgent");
export const handler = person("handler-1", "complaintHandler");
export const csManager = person("cs-1", "csManager");
export const teamLead = person("lead-1", "teamLead");
export const frontDesk = person("desk-1", "frontDesk");

const sign = (actor: Actor) => ({ staffId: actor.id, role: actor.role, at: NOW });

export function lodged(overrides: Partial<Parameters<typeof ComplaintLodged>[0]> = {}) {
  return ComplaintLodged({
    caseId: "k-1",
    channel: "onSite",
    place: "meetingRoom",
    customer: { name: "Wang Fang", phone: "13900000000" },
    material: "the coach was rude during the class",
    department: "fitness",
    staffConcerned: "coach-7",
    causedByMerchant: false,
    lodgedAt: NOW,
    businessDay: DAY,
    recordedBy: sign(dutyManager),
    ...overrides,
  });
}
export const handed = ComplaintHandedToSupervisor({
  caseId: "k-1",
  supervisorId: "sup-1",
  placatedBy: sign(dutyManager),
});
export const outcome = ComplaintOutcomeRequested({ caseId: "k-1", outcome: "an apology" });
export const investigated = (verified = true) =>
  ComplaintInvestigated({
    caseId: "k-1",
    findings: "the coach raised his voice",
    verified,
    by: sign(supervisor),
  });
export const proposed = ComplaintResolutionProposed({
  caseId: "k-1",
  resolution: "written apology and a free class",
  dutyManager: sign(dutyManager),
  supervisor: sign(supervisor),
});
export const resolvedEvent = ComplaintResolved({
  caseId: "k-1",
  resolution: "written apology and a free class",
  how: "accepted",
  resolvedAt: NOW,
});
export const reportWritten = ComplaintReportWritten({
  caseId: "k-1",
  process: "met in the meeting room, investigated, apologised",
  result: "customer satisfied",
  attachments: ["statement.pdf"],
  by: sign(dutyManager),
});
export const escalationReport = {
  material: "the coach was rude",
  verifiedFacts: "confirmed by two members",
  partyConcerned: "coach-7",
  requestedOutcome: "refund of the month",
  managersOpinion: "beyond the duty manager's authority",
  recommendations: "refund half, retrain the coach",
};
