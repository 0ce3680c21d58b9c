/**
 * The Incident projections: `openIncidents` (open cases, their age and the steps they still
 * need) and `incidentReports` (the written report of each closed incident, I7).
 */
import {
  CloseIncident,
  createMemoryStore,
  createServiceOps,
  incidentReports,
  manualClock,
  openIncidents,
  openIncidentsByAge,
  RecordCareCall,
  RecordFirstAid,
  RecordIncidentStatement,
  ReportIncident,
  SignIncidentStatement,
  WriteIncidentReport,
} from "svcops";
import { describe, expect, it } from "vitest";
import { minutes, NOW, SITE } from "./fixtures.js";
import { completeReport, memberSigns, reportInput, staff } from "./incident-fixtures.js";

const desk = staff("desk-1", "frontDesk");
const coach = staff("coach-1", "coach");
const cs = staff("cs-1", "csManager");

async function site() {
  const clock = manualClock(NOW);
  const ops = createServiceOps({ site: { id: SITE }, store: createMemoryStore(), clock });
  return { ops, clock };
}

describe("Incident projections", () => {
  it("I7 openIncidents lists each open case with its age and the steps it still needs", async () => {
    const { ops, clock } = await site();
    await ops.execute(ReportIncident(reportInput), { actor: desk });
    clock.advance(minutes(30));
    await ops.execute(
      ReportIncident({ ...reportInput, incidentId: "inc-2", severity: "serious" }),
      { actor: desk },
    );
    await ops.execute(RecordFirstAid({ incidentId: "inc-1", measures: ["clean"] }), {
      actor: coach,
    });
    clock.advance(minutes(30));
    const view = await ops.read(openIncidents);
    expect(view.get("inc-1")?.missing.map((m) => m.step)).toEqual([
      "statement",
      "statementSignature",
      "csManagerCareCall",
      "report",
    ]);
    expect(view.get("inc-2")?.missing.map((m) => m.rule)).toEqual([
      "I2",
      "I3",
      "I3",
      "I4",
      "I4",
      "I5",
      "I6",
      "I7",
    ]);
    const byAge = openIncidentsByAge(view, clock.now());
    expect(byAge.map((o) => [o.incidentId, o.ageMs])).toEqual([
      ["inc-1", minutes(60)],
      ["inc-2", minutes(30)],
    ]);
  });

  it("I7 a closed incident leaves openIncidents and its written report goes to incidentReports", async () => {
    const { ops } = await site();
    const id = { incidentId: "inc-1" };
    await ops.execute(ReportIncident(reportInput), { actor: desk });
    await ops.execute(RecordFirstAid({ ...id, measures: ["clean", "dress"] }), { actor: coach });
    await ops.execute(RecordIncidentStatement({ ...id, statement: "fell" }), { actor: cs });
    await ops.execute(SignIncidentStatement({ ...id, memberSignature: memberSigns }), {
      actor: cs,
    });
    await ops.execute(RecordCareCall({ ...id, notes: "healing" }), { actor: cs });
    const {
      cardNumber: _c,
      name: _n,
      gender: _g,
      age: _a,
      whatHappened: _w,
      ...rest
    } = completeReport;
    await ops.execute(WriteIncidentReport({ ...id, ...rest }), { actor: cs });
    expect((await ops.read(openIncidents)).get("inc-1")?.missing).toEqual([]);
    expect((await ops.read(incidentReports)).size).toBe(0);
    await ops.execute(CloseIncident(id), { actor: cs });
    expect((await ops.read(openIncidents)).size).toBe(0);
    const closed = (await ops.read(incidentReports)).get("inc-1");
    expect(closed?.report).toEqual(completeReport);
    expect(closed?.closedBy).toEqual({ staffId: "cs-1", role: "csManager" });
    expect(closed?.streamId).toBe(`${SITE}/incident/inc-1`);
  });
});
