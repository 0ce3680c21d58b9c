/**
 * Complaint: a case from the moment it is lodged with the duty manager to its close with a
 * complaint report (docs/rules.md C1–C15). Steps out of order are RuleViolations naming the
 * rule; a role that may not take a step is Unauthorized; both append nothing.
 */
import {
  CloseComplaint,
  ComplaintCallbackMade,
  ComplaintEscalated,
  ComplaintMarkedDifficult,
  ComplaintPassedToHandler,
  ComplaintReportedToStoreManager,
  ComplaintRoutedToOperations,
  complaintAggregate,
  complaintDecider,
  EscalateComplaint,
  HandComplaintToSupervisor,
  LodgeComplaint,
  MarkComplaintDifficult,
  PassComplaintToHandler,
  ProposeResolution,
  RecordComplaintCallback,
  RecordCustomerDecision,
  RecordHandlerFindings,
  RecordInvestigation,
  RecordRequestedOutcome,
  ReportComplaintToStoreManager,
  ReportStaffDisposition,
  ResolveEscalatedComplaint,
  RouteComplaintToOperations,
  StaffDispositionReported,
  Unauthorized,
  ValidationError,
  WriteComplaintReport,
} from "svcops";
import { given } from "svcops/testing";
import { describe, expect, it } from "vitest";
import {
  callAgent,
  csManager,
  dutyManager,
  escalationReport,
  frontDesk,
  handed,
  handler,
  investigated,
  lodged,
  otherSupervisor,
  outcome,
  proposed,
  reportWritten,
  resolvedEvent,
  storeManager,
  supervisor,
  teamLead,
} from "./complaint-fixtures.js";
import { DAY, NOW } from "./fixtures.js";

const lodge = (channel: "onSite" | "phone" | "letter" | "hotline" | "regulator" = "onSite") =>
  LodgeComplaint({
    caseId: "k-1",
    channel,
    customer: { name: "Wang Fang", phone: "13900000000" },
    material: "the coach was rude during the class",
    department: "fitness",
    staffConcerned: "coach-7",
  });
const resolvedCase = [lodged(), handed, outcome, investigated(), proposed, resolvedEvent];
const disposed = StaffDispositionReported({
  caseId: "k-1",
  staffId: "coach-7",
  disposition: "warning",
  verified: true,
  year: 2026,
  month: 11,
});

describe("Complaint", () => {
  it("C1 a complaint is lodged with the duty manager with its material and channel", () => {
    given(complaintDecider)
      .when(lodge("letter"), { actor: dutyManager })
      .then([lodged({ channel: "letter", place: "letter" })]);
  });

  it("C1 a call agent takes phone complaints only; an on-site one goes to the duty manager", () => {
    given(complaintDecider).when(lodge("onSite"), { actor: callAgent }).thenThrows("C1");
    given(complaintDecider)
      .when(lodge("phone"), { actor: callAgent })
      .then([
        lodged({
          channel: "phone",
          place: "phone",
          recordedBy: { staffId: "agent-1", role: "callAgent", at: NOW },
        }),
      ]);
  });

  it("C1 a case is lodged once", () => {
    given(complaintDecider, [lodged()]).when(lodge(), { actor: dutyManager }).thenThrows("C1");
  });

  it("C10 an on-site complaint is recorded as handled in the meeting room", () => {
    given(complaintDecider)
      .when(lodge("onSite"), { actor: dutyManager })
      .thenState((state) => expect(state.place).toBe("meetingRoom"));
  });

  it("C2 the duty manager placates the customer and hands the case to the department's supervisor", () => {
    given(complaintDecider, [lodged()])
      .when(HandComplaintToSupervisor({ caseId: "k-1", supervisorId: "sup-1" }), {
        actor: dutyManager,
      })
      .then([handed]);
    given(complaintDecider)
      .when(HandComplaintToSupervisor({ caseId: "k-1", supervisorId: "sup-1" }), {
        actor: dutyManager,
      })
      .thenThrows("C2");
  });

  it("C3 the supervisor investigates while the duty manager records the outcome the customer wants", () => {
    given(complaintDecider, [lodged(), handed])
      .when(RecordRequestedOutcome({ caseId: "k-1", outcome: "an apology" }), {
        actor: dutyManager,
      })
      .then([outcome]);
    given(complaintDecider, [lodged(), handed])
      .when(
        RecordInvestigation({
          caseId: "k-1",
          findings: "the coach raised his voice",
          verified: true,
        }),
        { actor: supervisor },
      )
      .then([investigated()]);
  });

  it("C3 only the supervisor the case was handed to investigates it, and only once handed", () => {
    const investigate = RecordInvestigation({ caseId: "k-1", findings: "x", verified: false });
    given(complaintDecider, [lodged(), handed])
      .when(investigate, { actor: otherSupervisor })
      .thenThrows("C3");
    given(complaintDecider, [lodged()]).when(investigate, { actor: supervisor }).thenThrows("C3");
  });

  it("C4 a resolution is proposed by both, with the supervisor's signature, after the investigation and the wanted outcome", () => {
    const propose = ProposeResolution({
      caseId: "k-1",
      resolution: "written apology and a free class",
      supervisorSignature: { staffId: "sup-1", role: "deptSupervisor" },
    });
    given(complaintDecider, [lodged(), handed, outcome, investigated()])
      .when(propose, { actor: dutyManager })
      .then([proposed]);
    given(complaintDecider, [lodged(), handed, investigated()])
      .when(propose, { actor: dutyManager })
      .thenThrows("C4");
    given(complaintDecider, [lodged(), handed, outcome, investigated()])
      .when(
        ProposeResolution({
          caseId: "k-1",
          resolution: "x",
          supervisorSignature: { staffId: "sup-2", role: "deptSupervisor" },
        }),
        { actor: dutyManager },
      )
      .thenThrows("C4");
  });

  it("C4 the case is resolved only when the customer accepts; a refusal sends it back", () => {
    const history = [lodged(), handed, outcome, investigated(), proposed];
    given(complaintDecider, history)
      .when(RecordCustomerDecision({ caseId: "k-1", accepted: true }), {
        actor: dutyManager,
        now: NOW,
      })
      .then([resolvedEvent]);
    given(complaintDecider, history)
      .when(RecordCustomerDecision({ caseId: "k-1", accepted: false }), { actor: dutyManager })
      .thenState((state) => expect(state.status).toBe("withSupervisor"));
    given(complaintDecider, [lodged(), handed])
      .when(RecordCustomerDecision({ caseId: "k-1", accepted: true }), { actor: dutyManager })
      .thenThrows("C4");
  });

  it("C5 the supervisor reports the disposition of the staff member, after the investigation", () => {
    const report = ReportStaffDisposition({ caseId: "k-1", disposition: "warning" });
    given(complaintDecider, [lodged(), handed, investigated()])
      .when(report, { actor: supervisor })
      .then([disposed]);
    given(complaintDecider, [lodged(), handed])
      .when(report, { actor: supervisor })
      .thenThrows("C5");
    given(complaintDecider, [lodged({ staffConcerned: undefined }), handed, investigated()])
      .when(report, { actor: supervisor })
      .thenThrows("C5");
  });

  it("C5 the report waits for the disposition of the staff member concerned", () => {
    given(complaintDecider, resolvedCase)
      .when(WriteComplaintReport({ caseId: "k-1", process: "p", result: "r" }), {
        actor: dutyManager,
      })
      .thenThrows("C5");
  });

  it("C6 the duty manager writes the report and reports to the store manager; only then does the case close", () => {
    const history = [...resolvedCase, disposed];
    given(complaintDecider, history)
      .when(
        WriteComplaintReport({
          caseId: "k-1",
          process: "met in the meeting room, investigated, apologised",
          result: "customer satisfied",
          attachments: ["statement.pdf"],
        }),
        { actor: dutyManager },
      )
      .then([reportWritten]);
    given(complaintDecider, [...history, reportWritten])
      .when(CloseComplaint({ caseId: "k-1" }), { actor: dutyManager })
      .thenThrows("C6");
    const reported = ComplaintReportedToStoreManager({ caseId: "k-1", at: NOW });
    given(complaintDecider, [...history, reportWritten])
      .when(ReportComplaintToStoreManager({ caseId: "k-1" }), { actor: dutyManager, now: NOW })
      .then([reported]);
    given(complaintDecider, [...history, reportWritten, reported])
      .when(CloseComplaint({ caseId: "k-1" }), { actor: dutyManager })
      .thenState((state) => expect(state.status).toBe("closed"));
  });

  it("C11 no case closes without its complaint report", () => {
    given(complaintDecider, [...resolvedCase, disposed])
      .when(CloseComplaint({ caseId: "k-1" }), { actor: dutyManager })
      .thenThrows("C11");
    given(complaintDecider, [...resolvedCase, disposed])
      .when(ReportComplaintToStoreManager({ caseId: "k-1" }), { actor: dutyManager })
      .thenThrows("C6");
  });

  it("C8 beyond the duty manager's authority a case goes to the store manager with the written report", () => {
    const escalated = ComplaintEscalated({
      caseId: "k-1",
      to: "storeManager",
      report: escalationReport,
      by: { staffId: "dm-1", role: "dutyManager", at: NOW },
    });
    given(complaintDecider, [lodged(), handed])
      .when(EscalateComplaint({ caseId: "k-1", report: escalationReport }), { actor: dutyManager })
      .then([escalated]);
    given(complaintDecider, [lodged(), handed, escalated])
      .when(ResolveEscalatedComplaint({ caseId: "k-1", resolution: "half refund" }), {
        actor: storeManager,
        now: NOW,
      })
      .thenState((state) =>
        expect([state.status, state.resolution]).toEqual(["resolved", "half refund"]),
      );
  });

  it("C8 an escalation report missing fields is refused naming every missing one", () => {
    const { verifiedFacts: _v, managersOpinion: _m, ...partial } = escalationReport;
    let error: unknown;
    try {
      EscalateComplaint({ caseId: "k-1", report: partial as typeof escalationReport });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path).sort()).toEqual([
      "data.report.managersOpinion",
      "data.report.verifiedFacts",
    ]);
  });

  it("C12 a merchant-caused case goes to operations for penalty, supervised by customer service, before it closes", () => {
    const merchant = lodged({ causedByMerchant: true, staffConcerned: undefined });
    const routed = ComplaintRoutedToOperations({
      caseId: "k-1",
      supervisedBy: "customerService",
      by: { staffId: "cs-1", role: "csManager", at: NOW },
    });
    given(complaintDecider, [merchant])
      .when(RouteComplaintToOperations({ caseId: "k-1" }), { actor: csManager })
      .then([routed]);
    given(complaintDecider, [lodged()])
      .when(RouteComplaintToOperations({ caseId: "k-1" }), { actor: csManager })
      .thenThrows("C12");
    const done = [
      merchant,
      handed,
      outcome,
      investigated(),
      proposed,
      resolvedEvent,
      reportWritten,
    ];
    const reported = ComplaintReportedToStoreManager({ caseId: "k-1", at: NOW });
    given(complaintDecider, [...done, reported])
      .when(CloseComplaint({ caseId: "k-1" }), { actor: dutyManager })
      .thenThrows("C12");
    given(complaintDecider, [...done, reported, routed])
      .when(CloseComplaint({ caseId: "k-1" }), { actor: dutyManager })
      .thenState((state) => expect(state.status).toBe("closed"));
  });

  it("C14 a call agent passes an unresolved phone complaint to a complaint handler, who records responsible person, content and result", () => {
    const phone = lodged({ channel: "phone", place: "phone" });
    const passed = ComplaintPassedToHandler({
      caseId: "k-1",
      handlerId: "handler-1",
      placatedBy: { staffId: "agent-1", role: "callAgent", at: NOW },
    });
    given(complaintDecider, [phone])
      .when(PassComplaintToHandler({ caseId: "k-1", handlerId: "handler-1" }), { actor: callAgent })
      .then([passed]);
    given(complaintDecider, [lodged()])
      .when(PassComplaintToHandler({ caseId: "k-1", handlerId: "handler-1" }), { actor: callAgent })
      .thenThrows("C14");
    const findings = RecordHandlerFindings({
      caseId: "k-1",
      responsiblePerson: "coach-7",
      content: "rude on the phone",
      result: "apologised, voucher",
    });
    given(complaintDecider, [phone, passed])
      .when(RecordCustomerDecision({ caseId: "k-1", accepted: true }), { actor: handler })
      .thenThrows("C14");
    given(complaintDecider, [phone, passed])
      .when(findings, { actor: handler })
      .thenState((state) => expect(state.handlerFindings).toBe(true));
  });

  it("C14 a case beyond the handler's authority goes up a level", () => {
    const phone = lodged({ channel: "phone", place: "phone" });
    const passed = ComplaintPassedToHandler({
      caseId: "k-1",
      handlerId: "handler-1",
      placatedBy: { staffId: "agent-1", role: "callAgent", at: NOW },
    });
    given(complaintDecider, [phone, passed])
      .when(EscalateComplaint({ caseId: "k-1", report: escalationReport }), { actor: handler })
      .thenState((state) => expect(state.status).toBe("escalated"));
    given(complaintDecider, [phone])
      .when(EscalateComplaint({ caseId: "k-1", report: escalationReport }), { actor: handler })
      .thenThrows("C14");
  });

  it("C9 a callback with progress is recorded while the case is open, and never after it is resolved", () => {
    const phone = lodged({ channel: "phone", place: "phone" });
    given(complaintDecider, [phone])
      .when(RecordComplaintCallback({ caseId: "k-1", progress: "checking the class log" }), {
        actor: callAgent,
        now: NOW,
      })
      .then([
        ComplaintCallbackMade({
          caseId: "k-1",
          progress: "checking the class log",
          at: NOW,
          by: { staffId: "agent-1", role: "callAgent", at: NOW },
        }),
      ]);
    given(complaintDecider, [phone, handed, outcome, investigated(), proposed, resolvedEvent])
      .when(RecordComplaintCallback({ caseId: "k-1", progress: "x" }), { actor: callAgent })
      .thenThrows("C9");
  });

  it("C15 an open case is marked difficult for the weekly review; a resolved one is not", () => {
    given(complaintDecider, [lodged()])
      .when(MarkComplaintDifficult({ caseId: "k-1", reason: "third visit, wants a refund" }), {
        actor: teamLead,
      })
      .then([ComplaintMarkedDifficult({ caseId: "k-1", reason: "third visit, wants a refund" })]);
    given(complaintDecider, resolvedCase)
      .when(MarkComplaintDifficult({ caseId: "k-1", reason: "third visit, wants a refund" }), {
        actor: teamLead,
      })
      .thenThrows("C15");
  });

  it("roles: a front-desk clerk may not lodge a complaint, and nothing is appended", async () => {
    const { createMemoryStore, createServiceOps, manualClock } = await import("svcops");
    const store = createMemoryStore();
    const ops = createServiceOps({ site: { id: "club-1" }, store, clock: manualClock(NOW) });
    await expect(
      ops.execute(lodge(), { actor: { ...frontDesk, sites: ["club-1"] } }),
    ).rejects.toBeInstanceOf(Unauthorized);
    expect(store.size).toBe(0);
    expect(complaintAggregate.name).toBe("complaint");
    expect(DAY).toBe("2026-11-22");
  });
});
