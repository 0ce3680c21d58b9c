/**
 * The clocks of complaints are pure folds of the cases' events and the site calendar: what is
 * due at an instant (C9 callbacks, C7 follow-ups), the penalty ladder (C13) and the weekly
 * review (C15), read through the façade as an app reads them.
 */
import {
  type Actor,
  complaintCases,
  complaintsDue,
  createServiceOps,
  HandComplaintToSupervisor,
  LodgeComplaint,
  type ManualClock,
  MarkComplaintDifficult,
  manualClock,
  openComplaints,
  ProposeResolution,
  penaltyLedger,
  RecordComplaintCallback,
  RecordCustomerDecision,
  RecordInvestigation,
  RecordRequestedOutcome,
  ReportStaffDisposition,
  type ServiceOps,
  weeklyComplaintReview,
} from "svcops";
import { describe, expect, it } from "vitest";

const SITE = "club-1";
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const dutyManager = person("dm-1", "dutyManager");
const agent = person("agent-1", "callAgent");
const supervisor = person("sup-1", "deptSupervisor");
const lead = person("lead-1", "teamLead");

function site(start: string, policy = {}): { ops: ServiceOps; clock: ManualClock } {
  const clock = manualClock(start);
  // Shanghai, open 09:00–22:00 every day.
  const ops = createServiceOps({ site: { id: SITE, policy }, clock });
  return { ops, clock };
}

const phoneComplaint = (caseId: string, staffConcerned?: string) =>
  LodgeComplaint({
    caseId,
    channel: "phone",
    customer: { name: "Chen Jing", phone: "13700000000" },
    material: "charged twice for one class",
    department: "fitness",
    ...(staffConcerned ? { staffConcerned } : {}),
  });

async function due(ops: ServiceOps, at: Date) {
  return complaintsDue(await ops.read(complaintCases), ops.site, at).map((d) => [
    d.caseId,
    d.rule,
    d.dueAt,
    Math.round(d.lateByMs / 60_000),
  ]);
}

describe("Complaint clocks", () => {
  it("C9 a phone complaint unresolved after 2 opening hours owes a callback, and again 2 h after each callback", async () => {
    const { ops, clock } = site("2026-11-23T02:00:00Z"); // 10:00 local
    await ops.execute(phoneComplaint("k-1"), { actor: agent });
    expect(await due(ops, new Date("2026-11-23T03:59:00Z"))).toEqual([]);
    expect(await due(ops, new Date("2026-11-23T04:30:00Z"))).toEqual([
      ["k-1", "C9", "2026-11-23T04:00:00.000Z", 30],
    ]);
    clock.set("2026-11-23T04:30:00Z");
    await ops.execute(RecordComplaintCallback({ caseId: "k-1", progress: "refund requested" }), {
      actor: agent,
    });
    expect(await due(ops, new Date("2026-11-23T06:00:00Z"))).toEqual([]);
    expect(await due(ops, new Date("2026-11-23T06:45:00Z"))).toEqual([
      ["k-1", "C9", "2026-11-23T06:30:00.000Z", 15],
    ]);
  });

  it("C9 by default the 2 h count opening hours only: lodged at 21:30, the callback is due at 10:30 the next morning", async () => {
    const { ops } = site("2026-11-23T13:30:00Z"); // 21:30 local, closes at 22:00
    await ops.execute(phoneComplaint("k-late"), { actor: agent });
    expect(await due(ops, new Date("2026-11-23T15:30:00Z"))).toEqual([]); // 23:30: closed
    expect(await due(ops, new Date("2026-11-24T02:31:00Z"))).toEqual(
      [
        ["k-late", "C9", "2026-11-24T02:30:00.000Z", 1],
        ["k-late", "C7", "2026-11-23T16:00:00.000Z", 631],
      ].sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
    );
  });

  it("C9 with the elapsed policy the same complaint is due at 23:30", async () => {
    const { ops } = site("2026-11-23T13:30:00Z", { complaintCallbackCounting: "elapsed" });
    await ops.execute(phoneComplaint("k-late"), { actor: agent });
    expect(await due(ops, new Date("2026-11-23T15:40:00Z"))).toEqual([
      ["k-late", "C9", "2026-11-23T15:30:00.000Z", 10],
    ]);
  });

  it("C7 a case not resolved on the business day it was lodged is on the follow-up list from that day's end until resolved", async () => {
    const { ops } = site("2026-11-23T06:00:00Z"); // 14:00 local
    await ops.execute(
      LodgeComplaint({
        caseId: "k-letter",
        channel: "letter",
        customer: { name: "Zhao Lei" },
        material: "the showers were cold",
        department: "facilities",
      }),
      { actor: dutyManager },
    );
    expect(await due(ops, new Date("2026-11-23T15:59:00Z"))).toEqual([]);
    expect(await due(ops, new Date("2026-11-24T02:00:00Z"))).toEqual([
      ["k-letter", "C7", "2026-11-23T16:00:00.000Z", 600],
    ]);
  });

  it("C13 verified complaints count per calendar year of the site's zone: 1st month's bonus, 2nd year's bonus, 3rd dismissal, never skipped or repeated", async () => {
    // 23:30 local on 31 December 2026 is 15:30 UTC: the complaint belongs to 2026.
    const { ops, clock } = site("2026-12-31T15:30:00Z");
    const verifiedAgainst = async (caseId: string) => {
      await ops.execute(phoneComplaint(caseId, "coach-7"), { actor: agent });
      await ops.execute(HandComplaintToSupervisor({ caseId, supervisorId: "sup-1" }), {
        actor: dutyManager,
      });
      await ops.execute(RecordInvestigation({ caseId, findings: "confirmed", verified: true }), {
        actor: supervisor,
      });
      await ops.execute(ReportStaffDisposition({ caseId, disposition: "per C13" }), {
        actor: supervisor,
      });
    };
    await verifiedAgainst("k-2026");
    clock.set("2027-01-05T02:00:00Z");
    for (const caseId of ["k-a", "k-b", "k-c", "k-d"]) await verifiedAgainst(caseId);
    const ledger = await ops.read(penaltyLedger);
    expect(ledger.get("coach-7#2026")?.map((e) => [e.caseId, e.step, e.month])).toEqual([
      ["k-2026", "monthBonusWithheld", 12],
    ]);
    expect(ledger.get("coach-7#2027")?.map((e) => e.step)).toEqual([
      "monthBonusWithheld",
      "yearBonusWithheld",
      "dismissal",
      undefined,
    ]);
  });

  it("C13 a complaint the investigation did not verify takes no step", async () => {
    const { ops } = site("2026-11-23T02:00:00Z");
    await ops.execute(phoneComplaint("k-1", "coach-7"), { actor: agent });
    await ops.execute(HandComplaintToSupervisor({ caseId: "k-1", supervisorId: "sup-1" }), {
      actor: dutyManager,
    });
    await ops.execute(RecordInvestigation({ caseId: "k-1", findings: "no", verified: false }), {
      actor: supervisor,
    });
    await ops.execute(ReportStaffDisposition({ caseId: "k-1", disposition: "none" }), {
      actor: supervisor,
    });
    expect((await ops.read(penaltyLedger)).size).toBe(0);
  });

  it("C15 the weekly team-lead review lists the unresolved difficult cases, and drops them once resolved", async () => {
    const { ops } = site("2026-11-23T02:00:00Z");
    await ops.execute(phoneComplaint("k-1"), { actor: agent });
    await ops.execute(phoneComplaint("k-2"), { actor: agent });
    await ops.execute(MarkComplaintDifficult({ caseId: "k-1", reason: "wants a full refund" }), {
      actor: lead,
    });
    expect(weeklyComplaintReview(await ops.read(complaintCases)).map((c) => c.caseId)).toEqual([
      "k-1",
    ]);
    await ops.execute(HandComplaintToSupervisor({ caseId: "k-1", supervisorId: "sup-1" }), {
      actor: dutyManager,
    });
    await ops.execute(RecordRequestedOutcome({ caseId: "k-1", outcome: "refund" }), {
      actor: dutyManager,
    });
    await ops.execute(
      RecordInvestigation({ caseId: "k-1", findings: "double charge", verified: false }),
      {
        actor: supervisor,
      },
    );
    await ops.execute(
      ProposeResolution({
        caseId: "k-1",
        resolution: "refund the second charge",
        supervisorSignature: { staffId: "sup-1", role: "deptSupervisor" },
      }),
      { actor: dutyManager },
    );
    await ops.execute(RecordCustomerDecision({ caseId: "k-1", accepted: true }), {
      actor: dutyManager,
    });
    expect(weeklyComplaintReview(await ops.read(complaintCases))).toEqual([]);
  });
});

describe("Open complaints by age", () => {
  it("C7 openComplaints lists the cases not closed, oldest first, each with its age at the instant asked", async () => {
    const { ops, clock } = site("2026-11-23T02:00:00Z"); // 10:00 local
    await ops.execute(phoneComplaint("k-1"), { actor: agent });
    clock.set("2026-11-23T03:00:00Z");
    await ops.execute(phoneComplaint("k-2"), { actor: agent });
    const cases = new Map(await ops.read(complaintCases));
    // A case closed in the morning (the projection's own record of k-1, closed) is not listed.
    const k1 = cases.get("k-1");
    if (!k1) throw new Error("k-1 expected");
    cases.set("k-0", { ...k1, caseId: "k-0", closedAt: "2026-11-23T02:30:00.000Z" });
    const open = openComplaints(cases, new Date("2026-11-23T04:00:00Z"));
    expect(open.map((c) => [c.caseId, c.ageMs / 60_000])).toEqual([
      ["k-1", 120],
      ["k-2", 60],
    ]);
  });
});

describe("Complaint reminders", () => {
  it("C9 C7 the workflow raises each callback and follow-up once, when it falls due, and a callback's next deadline again", async () => {
    const { complaintReminders } = await import("svcops");
    const { ops, clock } = site("2026-11-23T02:00:00Z"); // 10:00 local
    await ops.execute(phoneComplaint("k-1"), { actor: agent });
    const reminders = complaintReminders(ops);
    const tick = async (iso: string) =>
      (await reminders.tick(new Date(iso))).map((d) => `${d.rule} ${d.dueAt}`);
    expect(await tick("2026-11-23T03:00:00Z")).toEqual([]);
    expect(await tick("2026-11-23T04:10:00Z")).toEqual(["C9 2026-11-23T04:00:00.000Z"]);
    expect(await tick("2026-11-23T04:20:00Z")).toEqual([]);
    clock.set("2026-11-23T04:30:00Z");
    await ops.execute(RecordComplaintCallback({ caseId: "k-1", progress: "checking" }), {
      actor: agent,
    });
    expect(await tick("2026-11-23T06:31:00Z")).toEqual(["C9 2026-11-23T06:30:00.000Z"]);
    expect(await tick("2026-11-24T01:00:00Z")).toEqual(["C7 2026-11-23T16:00:00.000Z"]);
  });
});
