/**
 * An injury at the pool, from the report to the closed case: `npx tsx examples/injury-incident.ts`.
 *
 * Monday evening a member slips on the wet tiles by the pool and cuts her knee. This script
 * plays the case through svcops the way a front-desk app would, over a week, with the Incident
 * rules (I1–I7, see docs/incident.md) explained where each comes up:
 *
 * - I1: the desk reports it, naming the CS manager and the coach on duty, who are told first;
 * - I2: the coach cleans, disinfects and dresses the wound, and records it;
 * - I3: the CS manager takes the member's account, and she reads and signs the statement;
 * - I4: the cut needs stitches: a serious case. The CS manager sends a desk clerk to hospital
 *   with her, and assesses who is responsible;
 * - I5: after the examination she signs to confirm its outcome and its cost;
 * - I6: her consultant calls, then the CS manager, who visits her at home and agrees the terms;
 * - I7: the CS manager writes the report and closes the case. A first try at closing, before the
 *   report has every field, is refused with every missing field named.
 *
 * It prints each step, what `openIncidents` still asks for along the way, and the written
 * report from `incidentReports` at the end. Time comes from a manual clock, so every run prints
 * the same.
 */
import {
  type Actor,
  AssessResponsibility,
  AssignHospitalEscort,
  CloseIncident,
  ConfirmExaminationOutcome,
  createServiceOps,
  describeMissingIncidentStep,
  formatFen,
  incidentReports,
  manualClock,
  openIncidents,
  openIncidentsByAge,
  RecordCareCall,
  RecordFirstAid,
  RecordIncidentStatement,
  ReportIncident,
  type ShippedCommand,
  SignIncidentStatement,
  SvcOpsError,
  WriteIncidentReport,
} from "svcops";

// ─── The site, its clock and its people ─────────────────────────────────────────────────────────

const SITE = "riverside";
const clock = manualClock("2026-11-23T10:40:00Z"); // Monday 18:40 in Shanghai
const ops = createServiceOps({ site: { id: SITE, timeZone: "Asia/Shanghai" }, clock });
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const desk = person("desk-li", "frontDesk");
const coach = person("coach-wu", "coach");
const cs = person("cs-zhang", "csManager");
const consultant = person("c-lin", "consultant");

const incidentId = "inc-1123-01";
const id = { incidentId };
/** The member signs with her card number, in the one signature shape svcops uses. */
const memberSignature = { staffId: "M-20817", role: "member" };

const stamp = new Intl.DateTimeFormat("en-GB", {
  timeZone: ops.site.calendar.timeZone,
  weekday: "short",
  day: "2-digit",
  month: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const say = (text: string) => console.log(`${stamp.format(clock.now())}  ${text}`);
const note = (text: string) => console.log(`                   ${text}`);
const later = (minutes: number) => clock.advance(minutes * 60_000);

/** Sends a command; a refusal is printed (it appends nothing) and returned. */
async function send(command: ShippedCommand, actor: Actor): Promise<SvcOpsError | undefined> {
  try {
    await ops.execute(command, { actor });
    return undefined;
  } catch (error) {
    if (!(error instanceof SvcOpsError)) throw error;
    note(`refused: "${error.message}"`);
    return error;
  }
}

/** What the open case still needs before it may close (the openIncidents projection). */
async function stillMissing(): Promise<void> {
  const open = openIncidentsByAge(await ops.read(openIncidents), clock.now());
  for (const incident of open) {
    const hours = Math.floor(incident.ageMs / 3_600_000);
    const missing =
      incident.missing.map(describeMissingIncidentStep).join("; ") || "nothing: it may close";
    note(`open ${hours} h, still missing: ${missing}`);
  }
}

console.log("svcops example: an injury at the pool, Riverside Fitness");
console.log("─".repeat(100));

// ─── I1: the report, and who is told first ──────────────────────────────────────────────────────

say("desk-li reports: Chen Jing (card M-20817) slipped by the pool and cut her knee (I1)");
// A report that names no coach is refused: the CS manager and the coach on duty are told first.
const report = {
  ...id,
  member: { cardNumber: "M-20817", name: "Chen Jing", gender: "female" as const, age: 34 },
  whatHappened: "ran on the wet tiles by the pool, fell and cut her right knee",
  place: "pool deck",
  severity: "serious" as const,
};
await send(
  ReportIncident({ ...report, notified: [{ staffId: "cs-zhang", role: "csManager" }] }),
  desk,
);
await send(
  ReportIncident({
    ...report,
    notified: [
      { staffId: "cs-zhang", role: "csManager" },
      { staffId: "coach-wu", role: "coach" },
    ],
  }),
  desk,
);
note("reported as serious; cs-zhang and coach-wu told first");

// ─── I2: first aid by the coach ─────────────────────────────────────────────────────────────────

later(2);
say("coach-wu cleans, disinfects and dresses the cut (I2)");
// Only a coach records first aid: the desk is Unauthorized, and nothing is stored.
await send(RecordFirstAid({ ...id, measures: ["clean"] }), desk);
await send(
  RecordFirstAid({
    ...id,
    measures: ["clean", "disinfect", "dress"],
    notes: "deep cut, 3 cm; bleeding stopped",
  }),
  coach,
);

// ─── I3: the statement, read and signed ─────────────────────────────────────────────────────────

later(8);
say("cs-zhang hears what happened and has it written down (I3)");
await send(
  RecordIncidentStatement({
    ...id,
    statement:
      "I was late for the 19:00 class, ran along the pool and slipped where the floor was wet. I fell on my right knee on the edge of a step.",
  }),
  cs,
);
later(5);
say("Chen Jing reads the statement and signs it (I3)");
await send(SignIncidentStatement({ ...id, memberSignature }), cs);

// ─── I4: to hospital, and who is responsible ────────────────────────────────────────────────────

later(2);
say("the cut needs stitches: cs-zhang sends desk-li with her to hospital (I4)");
await send(
  AssignHospitalEscort({
    ...id,
    escort: { staffId: "desk-li", role: "frontDesk" },
    hospital: "Riverside District Hospital",
  }),
  cs,
);
await stillMissing();

later(150);
say("at the hospital: three stitches, no fracture; she signs the outcome (I5)");
await send(
  ConfirmExaminationOutcome({
    ...id,
    outcome: "cut on the right knee, three stitches; no fracture on the X-ray",
    examinationCosts: 48_600,
    memberSignature,
  }),
  desk,
);

later(30);
say("cs-zhang assesses responsibility (I4)");
await send(
  AssessResponsibility({
    ...id,
    responsibility: "shared",
    notes: "the floor by the pool was wet with no sign out; the member was running",
  }),
  cs,
);

// ─── I6: care calls while she recovers ──────────────────────────────────────────────────────────

later(15 * 60);
say("her consultant c-lin calls to ask after her (I6)");
await send(
  RecordCareCall({ ...id, notes: "the knee hurts less; she thanks the staff" }),
  consultant,
);
// Compensation terms are the CS manager's to agree, not the consultant's.
await send(
  RecordCareCall({
    ...id,
    notes: "she asks about the hospital bill",
    compensationTerms: { amount: 48_600, terms: "the site pays the examination" },
  }),
  consultant,
);
later(2 * 24 * 60);
say("cs-zhang visits her at home and agrees the compensation (I6)");
await send(
  RecordCareCall({
    ...id,
    notes: "visited at home with fruit; stitches out next week",
    homeVisit: true,
    compensationTerms: {
      amount: 48_600,
      terms: "the site pays the examination; two months added to her card",
    },
  }),
  cs,
);
await stillMissing();

// ─── I7: the written report, and the close ──────────────────────────────────────────────────────

later(24 * 60);
say(
  "cs-zhang starts the written report: the card, name, age, what happened and costs come from the case (I7)",
);
await send(
  WriteIncidentReport({ ...id, injuryDegree: "cut on the right knee, three stitches" }),
  cs,
);
say("cs-zhang tries to close the case (I7)");
await send(CloseIncident(id), cs);
later(20);
say("cs-zhang completes the report and closes the case (I7)");
await send(
  WriteIncidentReport({
    ...id,
    handlingOpinion:
      "shared responsibility; the site pays the examination and adds two months to her card; a non-slip mat and a wet-floor sign by the pool steps",
    compensationRequest: { amount: 48_600, details: "the hospital bill" },
  }),
  cs,
);
await send(CloseIncident(id), cs);
const open = await ops.read(openIncidents);
note(`open incidents now: ${open.size}`);

// ─── The written report ─────────────────────────────────────────────────────────────────────────

const closed = (await ops.read(incidentReports)).get(incidentId);
if (!closed) throw new Error(`${incidentId} should be closed`);
const r = closed.report;
console.log("─".repeat(100));
console.log(`Incident report ${incidentId} (closed by ${closed.closedBy.staffId})`);
const rows: [string, string][] = [
  ["card number", r.cardNumber],
  ["name", r.name],
  ["gender", r.gender],
  ["age", String(r.age)],
  ["what happened", r.whatHappened],
  ["injury degree", r.injuryDegree],
  ["examination costs", formatFen(r.examinationCosts)],
  ["handling opinion", r.handlingOpinion],
  [
    "compensation request",
    `${formatFen(r.compensationRequest.amount)}: ${r.compensationRequest.details}`,
  ],
];
for (const [field, value] of rows) console.log(`| ${field.padEnd(20)} | ${value}`);
