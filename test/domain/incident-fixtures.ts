/**
 * Fixtures of the Incident specs: actors, event builders with sensible defaults (incident inc-1,
 * member M-1 Chen Jing), histories of a case ready to close, and the command inputs.
 */
import {
  type Actor,
  CareCallRecorded,
  ExaminationOutcomeConfirmed,
  FirstAidRecorded,
  HospitalEscortAssigned,
  type IncidentEvent,
  IncidentReported,
  IncidentReportWritten,
  IncidentStatementRecorded,
  IncidentStatementSigned,
  ResponsibilityAssessed,
} from "svcops";
import { SPEC_SITE } from "svcops/testing";
import { NOW, SITE } from "./fixtures.js";

type Input<F extends (data: never) => unknown> = Partial<Parameters<F>[0]>;

/** An actor of a role at the spec site (given/when specs) or at the façade site. */
export function specStaff(id: string, role: Actor["role"]): Actor {
  return { id, role, sites: [SPEC_SITE] };
}
export function staff(id: string, role: Actor["role"]): Actor {
  return { id, role, sites: [SITE] };
}

export const specCoach = specStaff("coach-1", "coach");
export const specCs = specStaff("cs-1", "csManager");
export const specConsultant = specStaff("c-1", "consultant");

/** The CS manager and the coach on duty, told first (I1). */
export const toldFirst = [
  { staffId: "cs-1", role: "csManager" as const },
  { staffId: "coach-1", role: "coach" as const },
];
/** The member's signature: card number and the role "member". */
export const memberSigns = { staffId: "M-1", role: "member" };

/** The data of a ReportIncident for inc-1 (a minor case). */
export const reportInput = {
  incidentId: "inc-1",
  member: { cardNumber: "M-1", name: "Chen Jing", gender: "female" as const, age: 34 },
  whatHappened: "slipped by the pool and cut her knee",
  place: "pool deck",
  severity: "minor" as const,
  notified: toldFirst,
};

const sig = (staffId: string, role: string) => ({ staffId, role });

export function reported(overrides: Input<typeof IncidentReported> = {}) {
  return IncidentReported({
    incidentId: "inc-1",
    member: { cardNumber: "M-1", name: "Chen Jing", gender: "female", age: 34 },
    whatHappened: "slipped by the pool and cut her knee",
    place: "pool deck",
    severity: "minor",
    notified: toldFirst,
    reportedBy: sig("desk-1", "frontDesk"),
    at: NOW,
    ...overrides,
  });
}
export function firstAidGiven(overrides: Input<typeof FirstAidRecorded> = {}) {
  return FirstAidRecorded({
    incidentId: "inc-1",
    measures: ["clean", "disinfect", "dress"],
    coach: sig("coach-1", "coach"),
    at: NOW,
    ...overrides,
  });
}
export function statementRecorded(overrides: Input<typeof IncidentStatementRecorded> = {}) {
  return IncidentStatementRecorded({
    incidentId: "inc-1",
    statement: "I ran on the wet tiles and fell on my right knee.",
    recordedBy: sig("cs-1", "csManager"),
    at: NOW,
    ...overrides,
  });
}
export function statementSigned(overrides: Input<typeof IncidentStatementSigned> = {}) {
  return IncidentStatementSigned({
    incidentId: "inc-1",
    memberSignature: memberSigns,
    at: NOW,
    ...overrides,
  });
}
export function escortAssigned(overrides: Input<typeof HospitalEscortAssigned> = {}) {
  return HospitalEscortAssigned({
    incidentId: "inc-1",
    escort: sig("desk-2", "frontDesk"),
    assignedBy: sig("cs-1", "csManager"),
    at: NOW,
    ...overrides,
  });
}
export function responsibilityAssessed(overrides: Input<typeof ResponsibilityAssessed> = {}) {
  return ResponsibilityAssessed({
    incidentId: "inc-1",
    responsibility: "shared",
    notes: "the floor was wet; the member was running",
    assessedBy: sig("cs-1", "csManager"),
    at: NOW,
    ...overrides,
  });
}
export function examinationConfirmed(overrides: Input<typeof ExaminationOutcomeConfirmed> = {}) {
  return ExaminationOutcomeConfirmed({
    incidentId: "inc-1",
    outcome: "no fracture; three stitches",
    examinationCosts: 48_000,
    memberSignature: memberSigns,
    recordedBy: sig("desk-2", "frontDesk"),
    at: NOW,
    ...overrides,
  });
}
export function careCalled(overrides: Input<typeof CareCallRecorded> = {}) {
  return CareCallRecorded({
    incidentId: "inc-1",
    caller: sig("cs-1", "csManager"),
    notes: "healing well",
    homeVisit: false,
    at: NOW,
    ...overrides,
  });
}

/** A complete report for the default case (examination costs ¥480.00). */
export const completeReport = {
  cardNumber: "M-1",
  name: "Chen Jing",
  gender: "female" as const,
  age: 34,
  whatHappened: "slipped by the pool and cut her knee",
  injuryDegree: "cut on the right knee, three stitches",
  examinationCosts: 48_000,
  handlingOpinion: "the site pays the examination; anti-slip mats by the pool",
  compensationRequest: { amount: 48_000, details: "the examination costs" },
};
export function reportWritten(overrides: Input<typeof IncidentReportWritten> = {}) {
  return IncidentReportWritten({
    incidentId: "inc-1",
    report: completeReport,
    writtenBy: sig("cs-1", "csManager"),
    at: NOW,
    ...overrides,
  });
}

/** A minor case with every step done but the report. */
export const minorStepsDone: IncidentEvent[] = [
  reported(),
  firstAidGiven(),
  statementRecorded(),
  statementSigned(),
  careCalled(),
];
/** A serious case with every step done but the report. */
export const seriousStepsDone: IncidentEvent[] = [
  reported({ severity: "serious" }),
  firstAidGiven(),
  statementRecorded(),
  statementSigned(),
  escortAssigned(),
  responsibilityAssessed(),
  examinationConfirmed(),
  careCalled(),
];
