/**
 * Incident: injuries and emergencies at the site (docs/rules.md I1–I7, docs/incident.md). One
 * stream per incident: reported with who was told first, first aid, the signed statement, for a
 * serious case the hospital escort, the responsibility and the confirmed examination, care calls,
 * and a complete written report before it closes.
 */
import {
  type Actor,
  AssessResponsibility,
  AssignHospitalEscort,
  CareCallRecorded,
  CloseIncident,
  ConfirmExaminationOutcome,
  createMemoryStore,
  createServiceOps,
  IncidentClosed,
  type IncidentCommand,
  IncidentReportWritten,
  type IncidentState,
  incidentAggregate,
  incidentDecider,
  incidentStream,
  manualClock,
  missingIncidentSteps,
  RecordCareCall,
  RecordFirstAid,
  RecordIncidentStatement,
  ReportIncident,
  RuleViolation,
  replay,
  SignIncidentStatement,
  Unauthorized,
  ValidationError,
  WriteIncidentReport,
} from "svcops";
import { given, specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { NOW, SITE, specDesk } from "./fixtures.js";
import {
  careCalled,
  completeReport,
  escortAssigned,
  examinationConfirmed,
  firstAidGiven,
  memberSigns,
  minorStepsDone,
  reported,
  reportInput,
  reportWritten,
  responsibilityAssessed,
  seriousStepsDone,
  specCoach,
  specConsultant,
  specCs,
  specStaff,
  staff,
  statementRecorded,
  statementSigned,
} from "./incident-fixtures.js";

const id = { incidentId: "inc-1" };
const cs = { actor: specCs };
const coach = { actor: specCoach };
const close = CloseIncident(id);

type Event = Parameters<typeof incidentDecider.evolve>[1];

/** Decides `command` on the history (as the CS manager by default) and returns its events. */
function decideOn(history: readonly Event[], command: IncidentCommand, actor: Actor = specCs) {
  const state = replay(incidentDecider, history);
  return incidentDecider.decide(command, state, specContext({ actor }));
}

/** The RuleViolation deciding `command` on the history throws (fails when there is none). */
function refusal(history: readonly Event[], command: IncidentCommand, actor: Actor = specCs) {
  try {
    decideOn(history, command, actor);
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error(`expected ${command.type} to be refused`);
}
const refusedClose = (history: readonly Event[]) => refusal(history, close);

/** A façade over a memory store at NOW, and the actors of the site. */
function openSite() {
  const store = createMemoryStore();
  const clock = manualClock(NOW);
  const ops = createServiceOps({ site: { id: SITE }, store, clock });
  return { ops, store, clock };
}
const desk = staff("desk-1", "frontDesk");
const siteCoach = staff("coach-1", "coach");
const siteCs = staff("cs-1", "csManager");
const siteConsultant = staff("c-1", "consultant");

describe("Incident", () => {
  describe("I1 reporting, and who is told first", () => {
    it("I1 reports an incident naming the CS manager and the coach told first; the reporter signs", () => {
      given(incidentDecider, []).when(ReportIncident(reportInput)).then([reported()]);
    });

    it("I1 refuses a report that names no CS manager, or no coach, among those told", () => {
      const onlyCoach = [{ staffId: "coach-1", role: "coach" as const }];
      const onlyCs = [{ staffId: "cs-1", role: "csManager" as const }];
      given(incidentDecider, [])
        .when(ReportIncident({ ...reportInput, notified: onlyCoach }))
        .thenThrows("I1");
      given(incidentDecider, [])
        .when(ReportIncident({ ...reportInput, notified: onlyCs }))
        .thenThrows("I1");
    });

    it("I1 names every role missing from those told", () => {
      const error = refusal([], ReportIncident({ ...reportInput, notified: [] }), specDesk);
      expect(error.rule).toBe("I1");
      expect(error.message).toContain("no csManager and no coach");
    });

    it("I1 refuses reporting the same incident twice", () => {
      given(incidentDecider, [reported()]).when(ReportIncident(reportInput)).thenThrows("I1");
    });

    it("I1 no step may come before the report", () => {
      given(incidentDecider, [])
        .when(RecordFirstAid({ ...id, measures: ["clean"] }), coach)
        .thenThrows("I1");
      given(incidentDecider, [])
        .when(RecordIncidentStatement({ ...id, statement: "…" }), cs)
        .thenThrows("I1");
      given(incidentDecider, []).when(close, cs).thenThrows("I1");
    });

    it("I1 the age may be left for the written report", () => {
      const { age: _age, ...noAge } = reportInput.member;
      given(incidentDecider, [])
        .when(ReportIncident({ ...reportInput, member: noAge }))
        .thenState((state: IncidentState) => {
          expect(state.status).toBe("open");
          if (state.status !== "none") expect(state.member.age).toBeUndefined();
        });
    });

    it("I1 through the façade: a consultant may not report, and nothing is appended", async () => {
      const { ops, store } = openSite();
      const error = await ops
        .execute(ReportIncident(reportInput), { actor: siteConsultant })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Unauthorized);
      expect(store.size).toBe(0);
      const result = await ops.execute(ReportIncident(reportInput), { actor: desk });
      expect(result.events.map((e) => e.streamId)).toEqual([incidentStream(SITE, "inc-1")]);
    });
  });

  describe("I2 first aid", () => {
    it("I2 the coach records the first aid given; the coach signs", () => {
      given(incidentDecider, [reported()])
        .when(RecordFirstAid({ ...id, measures: ["clean", "disinfect", "dress"] }), coach)
        .then([firstAidGiven()]);
    });

    it("I2 records the notes that go with the measures", () => {
      given(incidentDecider, [reported()])
        .when(RecordFirstAid({ ...id, measures: ["clean"], notes: "ice pack" }), coach)
        .then([firstAidGiven({ measures: ["clean"], notes: "ice pack" })]);
    });

    it("I2 refuses recording first aid twice", () => {
      given(incidentDecider, [reported(), firstAidGiven()])
        .when(RecordFirstAid({ ...id, measures: ["dress"] }), coach)
        .thenThrows("I2");
    });

    it("I2 a first aid with no measure, or a measure twice, is a ValidationError", () => {
      expect(() => RecordFirstAid({ ...id, measures: [] })).toThrow(ValidationError);
      expect(() => RecordFirstAid({ ...id, measures: ["clean", "clean"] })).toThrow(
        ValidationError,
      );
    });

    it("I2 an incident does not close without first aid recorded", () => {
      const history = minorStepsDone.filter((e) => e.type !== "FirstAidRecorded");
      given(incidentDecider, [...history, reportWritten()])
        .when(close, cs)
        .thenThrows("I2");
    });

    it("I2 through the façade: only a coach records first aid (Unauthorized I2, nothing appended)", async () => {
      const { ops, store } = openSite();
      await ops.execute(ReportIncident(reportInput), { actor: desk });
      const before = store.size;
      const error = await ops
        .execute(RecordFirstAid({ ...id, measures: ["clean"] }), { actor: desk })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Unauthorized);
      expect((error as Unauthorized).rule).toBe("I2");
      expect(store.size).toBe(before);
      await ops.execute(RecordFirstAid({ ...id, measures: ["clean"] }), { actor: siteCoach });
      expect(store.size).toBe(before + 1);
    });
  });

  describe("I3 the statement", () => {
    it("I3 the CS manager records the statement", () => {
      given(incidentDecider, [reported()])
        .when(
          RecordIncidentStatement({
            ...id,
            statement: "I ran on the wet tiles and fell on my right knee.",
          }),
          cs,
        )
        .then([statementRecorded()]);
    });

    it("I3 the member signs the statement with the card number", () => {
      given(incidentDecider, [reported(), statementRecorded()])
        .when(SignIncidentStatement({ ...id, memberSignature: memberSigns }), cs)
        .then([statementSigned()]);
    });

    it("I3 refuses a signature before the statement is recorded", () => {
      given(incidentDecider, [reported()])
        .when(SignIncidentStatement({ ...id, memberSignature: memberSigns }), cs)
        .thenThrows("I3");
    });

    it("I3 refuses a signature that is not the member's", () => {
      const history = [reported(), statementRecorded()];
      for (const memberSignature of [
        { staffId: "cs-1", role: "csManager" },
        { staffId: "M-2", role: "member" },
      ]) {
        given(incidentDecider, history)
          .when(SignIncidentStatement({ ...id, memberSignature }), cs)
          .thenThrows("I3");
      }
    });

    it("I3 the statement may be rewritten until the member signs, and not after", () => {
      given(incidentDecider, [reported(), statementRecorded()])
        .when(RecordIncidentStatement({ ...id, statement: "corrected" }), cs)
        .thenState((state: IncidentState) => {
          if (state.status === "none") throw new Error("reported");
          expect(state.statement?.text).toBe("corrected");
        });
      given(incidentDecider, [reported(), statementRecorded(), statementSigned()])
        .when(RecordIncidentStatement({ ...id, statement: "corrected" }), cs)
        .thenThrows("I3");
      given(incidentDecider, [reported(), statementRecorded(), statementSigned()])
        .when(SignIncidentStatement({ ...id, memberSignature: memberSigns }), cs)
        .thenThrows("I3");
    });

    it("I3 an incident does not close with an unsigned statement", () => {
      const history = minorStepsDone.filter((e) => e.type !== "IncidentStatementSigned");
      const error = refusedClose([...history, reportWritten()]);
      expect(error.rule).toBe("I3");
      expect(error.message).toContain("the member's signature on the statement (I3)");
    });

    it("I3 through the façade: only the CS manager records the statement", async () => {
      const { ops, store } = openSite();
      await ops.execute(ReportIncident(reportInput), { actor: desk });
      const before = store.size;
      const error = await ops
        .execute(RecordIncidentStatement({ ...id, statement: "…" }), { actor: siteCoach })
        .catch((e: unknown) => e);
      expect((error as Unauthorized).rule).toBe("I3");
      expect(store.size).toBe(before);
    });
  });

  describe("I4 hospital escort and responsibility", () => {
    const serious = reported({ severity: "serious" });

    it("I4 the CS manager sends a staff member to hospital with the member", () => {
      given(incidentDecider, [serious])
        .when(AssignHospitalEscort({ ...id, escort: { staffId: "desk-2", role: "frontDesk" } }), cs)
        .then([escortAssigned()]);
    });

    it("I4 refuses a second escort, and an escort who is not staff", () => {
      given(incidentDecider, [serious, escortAssigned()])
        .when(AssignHospitalEscort({ ...id, escort: { staffId: "desk-3", role: "frontDesk" } }), cs)
        .thenThrows("I4");
      given(incidentDecider, [serious])
        .when(AssignHospitalEscort({ ...id, escort: { staffId: "M-9", role: "member" } }), cs)
        .thenThrows("I4");
    });

    it("I4 responsibility is assessed; a later assessment replaces the earlier one", () => {
      given(incidentDecider, [serious, responsibilityAssessed({ responsibility: "undetermined" })])
        .when(AssessResponsibility({ ...id, responsibility: "site", notes: "no mat" }), cs)
        .thenState((state: IncidentState) => {
          if (state.status === "none") throw new Error("reported");
          expect(state.responsibility?.finding).toBe("site");
        });
    });

    it("I4 a serious case does not close without its escort and its responsibility assessment", () => {
      const noEscort = seriousStepsDone.filter(
        (e) => e.type !== "HospitalEscortAssigned" && e.type !== "ResponsibilityAssessed",
      );
      const error = refusedClose([...noEscort, reportWritten()]);
      expect(error.rule).toBe("I4");
      expect(error.message).toContain("a staff member sent to hospital with the member (I4)");
      expect(error.message).toContain("the responsibility assessment (I4)");
    });

    it("I4 a minor case closes without escort or assessment", () => {
      given(incidentDecider, [...minorStepsDone, reportWritten()])
        .when(close, cs)
        .thenState((state: IncidentState) => expect(state.status).toBe("closed"));
    });

    it("I4 through the façade: only the CS manager assigns the escort", async () => {
      const { ops, store } = openSite();
      await ops.execute(ReportIncident({ ...reportInput, severity: "serious" }), { actor: desk });
      const before = store.size;
      const assign = AssignHospitalEscort({
        ...id,
        escort: { staffId: "desk-2", role: "frontDesk" },
      });
      const error = await ops
        .execute(assign, { actor: staff("duty-1", "dutyManager") })
        .catch((e: unknown) => e);
      expect((error as Unauthorized).rule).toBe("I4");
      expect(store.size).toBe(before);
    });
  });

  describe("I5 the examination outcome", () => {
    const confirm = ConfirmExaminationOutcome({
      ...id,
      outcome: "no fracture; three stitches",
      examinationCosts: 48_000,
      memberSignature: memberSigns,
    });
    const escort = { actor: specStaff("desk-2", "frontDesk") };

    it("I5 the member signs to confirm the examination's outcome and costs", () => {
      given(incidentDecider, [reported({ severity: "serious" }), escortAssigned()])
        .when(confirm, escort)
        .then([examinationConfirmed()]);
    });

    it("I5 a serious case's examination is confirmed only after the escort is assigned", () => {
      given(incidentDecider, [reported({ severity: "serious" })])
        .when(confirm, escort)
        .thenThrows("I5");
    });

    it("I5 a minor case may confirm an examination the member went to alone", () => {
      given(incidentDecider, [reported()]).when(confirm, escort).then([examinationConfirmed()]);
    });

    it("I5 refuses a confirmation not signed by the member, or a second one", () => {
      const history = [reported({ severity: "serious" }), escortAssigned()];
      given(incidentDecider, history)
        .when(
          ConfirmExaminationOutcome({
            ...confirm.data,
            memberSignature: { staffId: "desk-2", role: "frontDesk" },
          }),
          escort,
        )
        .thenThrows("I5");
      given(incidentDecider, [...history, examinationConfirmed()])
        .when(confirm, escort)
        .thenThrows("I5");
    });

    it("I5 a serious case does not close without the confirmed examination", () => {
      const history = seriousStepsDone.filter((e) => e.type !== "ExaminationOutcomeConfirmed");
      given(incidentDecider, [...history, reportWritten()])
        .when(close, cs)
        .thenThrows("I5");
    });
  });

  describe("I6 care calls", () => {
    it("I6 the consultant and the CS manager call; the caller signs", () => {
      given(incidentDecider, [reported()])
        .when(RecordCareCall({ ...id, notes: "healing well" }), cs)
        .then([careCalled()]);
      given(incidentDecider, [reported()])
        .when(RecordCareCall({ ...id, notes: "asked after her" }), { actor: specConsultant })
        .then([
          CareCallRecorded({
            ...id,
            caller: { staffId: "c-1", role: "consultant" },
            notes: "asked after her",
            homeVisit: false,
            at: NOW,
          }),
        ]);
    });

    it("I6 the CS manager records a home visit and the compensation terms agreed", () => {
      const call = RecordCareCall({
        ...id,
        notes: "visited at home",
        homeVisit: true,
        compensationTerms: { amount: 48_000, terms: "the examination costs, paid by the site" },
      });
      given(incidentDecider, [reported()])
        .when(call, cs)
        .thenState((state: IncidentState) => {
          if (state.status === "none") throw new Error("reported");
          expect(state.careCalls[0]?.compensationTerms?.amount).toBe(48_000);
          expect(state.careCalls[0]?.homeVisit).toBe(true);
        });
    });

    it("I6 refuses compensation terms agreed by a consultant", () => {
      given(incidentDecider, [reported()])
        .when(
          RecordCareCall({ ...id, notes: "…", compensationTerms: { amount: 100, terms: "…" } }),
          { actor: specConsultant },
        )
        .thenThrows("I6");
    });

    it("I6 an incident does not close without the CS manager's care call", () => {
      const history = minorStepsDone.filter((e) => e.type !== "CareCallRecorded");
      const consultantCall = careCalled({ caller: { staffId: "c-1", role: "consultant" } });
      given(incidentDecider, [...history, consultantCall, reportWritten()])
        .when(close, cs)
        .thenThrows("I6");
    });

    it("I6 through the façade: the desk may not record a care call", async () => {
      const { ops, store } = openSite();
      await ops.execute(ReportIncident(reportInput), { actor: desk });
      const before = store.size;
      const error = await ops
        .execute(RecordCareCall({ ...id, notes: "…" }), { actor: desk })
        .catch((e: unknown) => e);
      expect((error as Unauthorized).rule).toBe("I6");
      expect(store.size).toBe(before);
    });
  });

  describe("I7 the written report and the close", () => {
    it("I7 closes with the complete written report", () => {
      given(incidentDecider, [...seriousStepsDone, reportWritten()])
        .when(close, cs)
        .then([
          IncidentClosed({
            ...id,
            report: completeReport,
            closedBy: { staffId: "cs-1", role: "csManager" },
            at: NOW,
          }),
        ]);
    });

    it("I7 a close without a written report names all nine fields", () => {
      const error = refusedClose(minorStepsDone);
      expect(error.rule).toBe("I7");
      expect(error.message).toContain(
        "a written report with card number, name, gender, age, what happened, injury degree, examination costs, handling opinion, compensation request (I7)",
      );
    });

    it("I7 a close with an incomplete report names every missing field, not only the first", () => {
      const {
        injuryDegree: _i,
        handlingOpinion: _h,
        compensationRequest: _c,
        ...part
      } = completeReport;
      const error = refusedClose([...minorStepsDone, reportWritten({ report: part })]);
      expect(error.rule).toBe("I7");
      expect(error.message).toContain(
        "the written report's injury degree, handling opinion, compensation request (I7)",
      );
      expect(error.message).not.toContain("card number");
    });

    it("I7 the report is built from the case: member, what happened, confirmed examination costs", () => {
      given(incidentDecider, seriousStepsDone)
        .when(WriteIncidentReport({ ...id, injuryDegree: "cut, three stitches" }), cs)
        .then([
          IncidentReportWritten({
            ...id,
            report: {
              cardNumber: "M-1",
              name: "Chen Jing",
              gender: "female",
              age: 34,
              whatHappened: "slipped by the pool and cut her knee",
              examinationCosts: 48_000,
              injuryDegree: "cut, three stitches",
            },
            writtenBy: { staffId: "cs-1", role: "csManager" },
            at: NOW,
          }),
        ]);
    });

    it("I7 a rewrite keeps what was written and adds the fields given; the age left at report is asked for", () => {
      const { age: _age, ...noAge } = reportInput.member;
      const history = [
        reported({ member: noAge }),
        firstAidGiven(),
        statementRecorded(),
        statementSigned(),
        careCalled(),
      ];
      const first = WriteIncidentReport({ ...id, injuryDegree: "graze", handlingOpinion: "none" });
      const [written] = decideOn(history, first);
      if (!written) throw new Error("written");
      const withReport = [...history, written];
      const state = replay(incidentDecider, withReport);
      if (state.status === "none") throw new Error("reported");
      expect(missingIncidentSteps(state)).toEqual([
        { step: "report", rule: "I7", fields: ["age", "examinationCosts", "compensationRequest"] },
      ]);
      given(incidentDecider, withReport)
        .when(
          WriteIncidentReport({
            ...id,
            age: 34,
            examinationCosts: 0,
            compensationRequest: { amount: 0, details: "none" },
          }),
          cs,
        )
        .thenState((after: IncidentState) => {
          if (after.status === "none") throw new Error("reported");
          expect(missingIncidentSteps(after)).toEqual([]);
          expect(after.report?.injuryDegree).toBe("graze");
        });
    });

    it("I7 a close missing several steps names the first rule and lists every step missing", () => {
      const error = refusedClose([reported({ severity: "serious" })]);
      expect(error.rule).toBe("I2");
      for (const rule of ["(I2)", "(I3)", "(I4)", "(I5)", "(I6)", "(I7)"]) {
        expect(error.message).toContain(rule);
      }
    });

    it("I7 a closed incident takes no further step", () => {
      const closed = IncidentClosed({
        ...id,
        report: completeReport,
        closedBy: { staffId: "cs-1", role: "csManager" },
        at: NOW,
      });
      const history = [...minorStepsDone, reportWritten(), closed];
      given(incidentDecider, history).when(close, cs).thenThrows("I7");
      given(incidentDecider, history)
        .when(RecordCareCall({ ...id, notes: "…" }), cs)
        .thenThrows("I7");
      given(incidentDecider, history)
        .when(WriteIncidentReport({ ...id, injuryDegree: "…" }), cs)
        .thenThrows("I7");
    });

    it("I7 through the façade: a refused close appends nothing; the whole case closes", async () => {
      const { ops, store } = openSite();
      const send = (command: Parameters<typeof ops.execute>[0], actor = siteCs) =>
        ops.execute(command, { actor });
      await send(ReportIncident(reportInput), desk);
      await send(RecordFirstAid({ ...id, measures: ["clean", "dress"] }), siteCoach);
      await send(RecordIncidentStatement({ ...id, statement: "fell on the wet tiles" }));
      await send(SignIncidentStatement({ ...id, memberSignature: memberSigns }));
      await send(RecordCareCall({ ...id, notes: "asked after her" }), siteConsultant);
      await send(RecordCareCall({ ...id, notes: "healing well" }));
      const before = store.size;
      await expect(send(close)).rejects.toMatchObject({ code: "rule_violation", rule: "I7" });
      expect(store.size).toBe(before);
      await send(
        WriteIncidentReport({
          ...id,
          injuryDegree: "graze",
          examinationCosts: 0,
          handlingOpinion: "dry the tiles every hour",
          compensationRequest: { amount: 0, details: "none" },
        }),
      );
      const closed = await send(close);
      expect(closed.events.map((e) => e.type)).toEqual(["IncidentClosed"]);
      const { state } = await ops.state(incidentAggregate, incidentStream(SITE, "inc-1"));
      expect(state.status).toBe("closed");
    });
  });
});
