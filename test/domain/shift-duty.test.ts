/**
 * Shift: a day on duty at the mall's service centre (docs/rules.md S3, S8, S9): the day's break
 * plan on the published roster, leave from the post granted by the team lead, and the conduct
 * penalties kept per person.
 */
import {
  type Actor,
  BreaksPlanned,
  conductDecider,
  conductRecords,
  createServiceOps,
  GrantLeaveFromPost,
  LeavePost,
  manualClock,
  PlanBreaks,
  PostLeft,
  postDutyDecider,
  RecordEatingAtPost,
  RecordFailureToStand,
  ReportLeftPostWithoutLeave,
  RequestLeaveFromPost,
  ReturnToPost,
  replay,
  rosterDecider,
  ShiftRulesViolated,
  Unauthorized,
} from "svcops";
import { given, specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import {
  csManager,
  dutyManager,
  MEMBER_CENTRE,
  m1,
  m2,
  published,
  SERVICE_CENTRE,
  scheduled,
  signedBy,
  teamLead,
} from "./shift-fixtures.js";

const NOW = "2026-11-22T02:00:00.000Z"; // the spec instant: Sunday 22 November, 10:00 in Shanghai
const DAY = "2026-11-01"; // group A: m1 and m2 at the member centre, c1 and c2 at the service centre
const history = [scheduled("2026-11"), published("2026-11")];
const staggered = [
  { staffId: "m1", lunch: "11:30", dinner: "17:00" },
  { staffId: "m2", lunch: "12:30", dinner: "18:00" },
  { staffId: "c1", lunch: "11:30", dinner: "17:00" },
  { staffId: "c2", lunch: "12:30", dinner: "18:00" },
];

function refusal(run: () => unknown): ShiftRulesViolated {
  try {
    run();
  } catch (error) {
    if (error instanceof ShiftRulesViolated) return error;
    throw error;
  }
  throw new Error("expected the break plan to be refused");
}
const plan = (breaks: typeof staggered) =>
  refusal(() =>
    rosterDecider.decide(
      PlanBreaks({ day: DAY, breaks }),
      replay(rosterDecider, history),
      specContext({ actor: teamLead }),
    ),
  );

describe("Shift: breaks", () => {
  it("S3 a staggered plan gives each person an hour of lunch and an hour of dinner, and every point keeps someone", () => {
    const span = (from: string, to: string) => ({ from, to });
    given(rosterDecider, history)
      .when(PlanBreaks({ day: DAY, breaks: staggered }), { actor: teamLead })
      .then([
        BreaksPlanned({
          day: DAY,
          breaks: [
            {
              staffId: "c1",
              pointId: SERVICE_CENTRE,
              lunch: span("11:30", "12:30"),
              dinner: span("17:00", "18:00"),
            },
            {
              staffId: "c2",
              pointId: SERVICE_CENTRE,
              lunch: span("12:30", "13:30"),
              dinner: span("18:00", "19:00"),
            },
            {
              staffId: "m1",
              pointId: MEMBER_CENTRE,
              lunch: span("11:30", "12:30"),
              dinner: span("17:00", "18:00"),
            },
            {
              staffId: "m2",
              pointId: MEMBER_CENTRE,
              lunch: span("12:30", "13:30"),
              dinner: span("18:00", "19:00"),
            },
          ],
          by: signedBy(teamLead, NOW),
        }),
      ]);
  });

  it("S3 a plan that leaves a point empty is refused, naming the point and the gap", () => {
    const error = plan([
      { staffId: "m1", lunch: "11:30", dinner: "17:00" },
      { staffId: "m2", lunch: "12:00", dinner: "18:00" },
      { staffId: "c1", lunch: "11:30", dinner: "17:00" },
      { staffId: "c2", lunch: "12:30", dinner: "17:30" },
    ]);
    expect(error.rule).toBe("S3");
    expect(error.violations.map((v) => [v.pointId, v.gap, v.staffIds])).toEqual([
      [MEMBER_CENTRE, { from: "12:00", to: "12:30" }, ["m1", "m2"]],
      [SERVICE_CENTRE, { from: "17:30", to: "18:00" }, ["c1", "c2"]],
    ]);
    expect(error.violations[0]?.message).toBe(
      "member-4F is left empty 12:00–12:30 on 2026-11-01: m1 and m2 are both on a break",
    );
  });

  it("S3 every break outside its window and every person without breaks is listed", () => {
    const error = plan([
      { staffId: "m1", lunch: "13:00", dinner: "17:00" },
      { staffId: "m2", lunch: "11:30", dinner: "19:00" },
      { staffId: "c1", lunch: "11:30", dinner: "17:00" },
      { staffId: "m3", lunch: "12:30", dinner: "18:00" },
    ]);
    expect(error.violations.map((v) => v.message)).toEqual([
      "m3 has a break planned on 2026-11-01 but is not rostered that day",
      "m1's lunch 13:00–14:00 on 2026-11-01 is not within 11:30–13:30",
      "m2's dinner 19:00–20:00 on 2026-11-01 is not within 17:00–19:00",
      "c2 (service-1F) has no lunch or dinner break planned on 2026-11-01",
    ]);
  });

  it("S3 breaks are planned on a published roster only", () => {
    given(rosterDecider, [scheduled("2026-11")])
      .when(PlanBreaks({ day: DAY, breaks: staggered }), { actor: teamLead })
      .thenThrows("S3");
  });
});

describe("Shift: leave from the post", () => {
  const requested = [
    postDutyDecider.decide(
      RequestLeaveFromPost({ leaveId: "l-1", pointId: MEMBER_CENTRE, reason: "to the bank" }),
      postDutyDecider.initialState,
      specContext({ actor: m1 }),
    ),
  ].flat();

  it("S8 leaving the post without the team lead's leave is refused; once granted, the person goes and comes back", () => {
    given(postDutyDecider, requested)
      .when(LeavePost({ leaveId: "l-1" }), { actor: m1 })
      .thenThrows("S8");
    given(postDutyDecider)
      .when(LeavePost({ leaveId: "l-9" }), { actor: m1 })
      .thenThrows("S8");
    const granted = postDutyDecider.decide(
      GrantLeaveFromPost({ leaveId: "l-1" }),
      replay(postDutyDecider, requested),
      specContext({ actor: teamLead }),
    );
    given(postDutyDecider, [...requested, ...granted])
      .when(LeavePost({ leaveId: "l-1" }), { actor: m1 })
      .then([
        PostLeft({
          leaveId: "l-1",
          day: "2026-11-22",
          staffId: "m1",
          pointId: MEMBER_CENTRE,
          at: NOW,
        }),
      ]);
    given(postDutyDecider, [...requested, ...granted])
      .when(LeavePost({ leaveId: "l-1" }), { actor: m2 })
      .thenThrows("S8");
    const left = postDutyDecider.decide(
      LeavePost({ leaveId: "l-1" }),
      replay(postDutyDecider, [...requested, ...granted]),
      specContext({ actor: m1 }),
    );
    given(postDutyDecider, [...requested, ...granted, ...left])
      .when(ReturnToPost({ leaveId: "l-1" }), { actor: m1 })
      .thenState((state) => expect(state.leaves["l-1"]?.status).toBe("returned"));
  });

  it("S8 only the team lead grants leave from the post", async () => {
    const ops = createServiceOps({ site: { id: "mall-1" }, clock: manualClock(NOW) });
    const at = (actor: Actor): Actor => ({ ...actor, sites: ["mall-1"] });
    await ops.execute(
      RequestLeaveFromPost({ leaveId: "l-1", pointId: MEMBER_CENTRE, reason: "to the bank" }),
      { actor: at(m1) },
    );
    await expect(
      ops.execute(GrantLeaveFromPost({ leaveId: "l-1" }), { actor: at(m2) }),
    ).rejects.toSatisfy((e) => e instanceof Unauthorized && e.rule === "S8");
    await ops.execute(GrantLeaveFromPost({ leaveId: "l-1" }), { actor: at(teamLead) });
    await ops.execute(LeavePost({ leaveId: "l-1" }), { actor: at(m1) });
  });

  it("S8 someone found away without leave is recorded as a breach on their conduct record", async () => {
    const ops = createServiceOps({ site: { id: "mall-1" }, clock: manualClock(NOW) });
    await ops.execute(
      ReportLeftPostWithoutLeave({ staffId: "c2", pointId: SERVICE_CENTRE, note: "away 20 min" }),
      { actor: { ...dutyManager, sites: ["mall-1"] } },
    );
    const record = (await ops.read(conductRecords)).get("c2");
    expect([record?.breaches, record?.entries[0]?.offence]).toEqual([1, "leftPostWithoutLeave"]);
  });
});

describe("Shift: conduct penalties", () => {
  it("S9 eating at the post costs half the day's wage given on the command, rounded down to the fen", () => {
    given(conductDecider)
      .when(RecordEatingAtPost({ staffId: "m1", dailyWage: 15_001, note: "noodles at the desk" }), {
        actor: teamLead,
      })
      .thenState((state) => expect(state.occurrences.eatingAtPost).toBe(1));
    const [event] = conductDecider.decide(
      RecordEatingAtPost({ staffId: "m1", dailyWage: 15_001, note: "noodles at the desk" }),
      conductDecider.initialState,
      specContext({ actor: teamLead }),
    );
    expect([event?.data.outcome, event?.data.fine]).toEqual(["fine", 7500]);
    expect(() => RecordEatingAtPost({ staffId: "m1", dailyWage: 0, note: "x" })).toThrow(
      /data.dailyWage: must be more than 0 fen/,
    );
  });

  it("S9 failing to stand for a visiting official: a warning the first time, then a fine each time, per person", async () => {
    const ops = createServiceOps({
      site: { id: "mall-1", policy: { failingToStandFine: 2000 } },
      clock: manualClock(NOW),
    });
    const lead = { ...teamLead, sites: ["mall-1"] };
    for (const staffId of ["c1", "c1", "c1", "c2"]) {
      await ops.execute(RecordFailureToStand({ staffId, official: "deputy general manager" }), {
        actor: lead,
      });
    }
    await ops.execute(RecordEatingAtPost({ staffId: "c1", dailyWage: 12_000, note: "snack" }), {
      actor: lead,
    });
    const records = await ops.read(conductRecords);
    const c1 = records.get("c1");
    expect(c1?.entries.map((e) => `${e.offence} ${e.outcome} ${e.fine}`)).toEqual([
      "failingToStand warning 0",
      "failingToStand fine 2000",
      "failingToStand fine 2000",
      "eatingAtPost fine 6000",
    ]);
    expect([c1?.warnings, c1?.fines, c1?.totalFines]).toEqual([1, 3, 10_000]);
    expect(records.get("c2")?.entries.map((e) => e.outcome)).toEqual(["warning"]);
    await expect(
      ops.execute(RecordFailureToStand({ staffId: "c2", official: "GM" }), {
        actor: { ...m1, sites: ["mall-1"] },
      }),
    ).rejects.toSatisfy((e) => e instanceof Unauthorized && e.rule === "S9");
    expect(csManager.role).toBe("csManager");
  });
});
