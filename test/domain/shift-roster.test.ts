/**
 * Shift: the monthly roster of the mall's service centre (docs/rules.md S1–S4). The CS manager
 * draws it up, adjusts and publishes it; a roster that breaks a rule is refused with every
 * violation listed (who, which day, which rule), and nothing is appended.
 */
import {
  type Actor,
  AdjustRoster,
  checkRoster,
  createCalendar,
  createPolicy,
  createServiceOps,
  manualClock,
  PublishRoster,
  type RosterAdjusted,
  type RosterEvent,
  RuleViolation,
  replay,
  rosterAggregate,
  rosterDecider,
  rosterStream,
  ScheduleRoster,
  ShiftRulesViolated,
  SvcOpsError,
  Unauthorized,
  ValidationError,
} from "svcops";
import { given, specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import {
  csManager,
  GROUP_A,
  GROUP_B,
  MANAGER,
  MEMBER_CENTRE,
  mallRoster,
  mallShifts,
  POINTS,
  published,
  SERVICE_CENTRE,
  STAFF,
  scheduled,
  signedBy,
  teamLead,
} from "./shift-fixtures.js";

/** The error a decision throws (the spec fails if it does not throw). */
function refusal(run: () => unknown): ShiftRulesViolated {
  try {
    run();
  } catch (error) {
    if (error instanceof ShiftRulesViolated) return error;
    throw error;
  }
  throw new Error("expected the roster to be refused");
}

const publish = (month: string, history: RosterEvent[] = [scheduled(month)], site = {}) =>
  rosterDecider.decide(
    PublishRoster({ month }),
    replay(rosterDecider, history),
    specContext({ actor: csManager, site: { id: "spec-site", ...site } }),
  );

/** The manager covers one day of each of group A's four people: 25th, 27th, 29th and 31st. */
const managerCovers = GROUP_A.map((staffId, i) => ({
  kind: "cover" as const,
  day: `2026-12-${25 + 2 * i}`,
  staffId,
  byStaffId: MANAGER,
}));

describe("Shift: the roster", () => {
  it("S1 S2 the seeds' arrangement passes in a 30-day month: two groups of 4 on alternate days over two points, the manager apart", () => {
    given(rosterDecider, [scheduled("2026-11")])
      .when(PublishRoster({ month: "2026-11" }), { actor: csManager })
      .then([published("2026-11")]);
    const [event] = publish("2026-11");
    const hours = event?.type === "RosterPublished" ? event.data.hours : [];
    expect(hours.map((h) => [h.staffId, h.days, h.hours])).toEqual([
      ...[...GROUP_A, ...GROUP_B].map((staffId) => [staffId, 15, 165]),
      [MANAGER, 0, 0],
    ]);
  });

  it("S2 in a 31-day month the checker names the four people of the group that works 16 days = 176 h", () => {
    const error = refusal(() => publish("2026-12"));
    expect(error.rule).toBe("S2");
    expect(error.violations.map((v) => [v.rule, v.day, v.staffIds])).toEqual(
      [...GROUP_A].sort().map((staffId) => ["S2", "2026-12-31", [staffId]]),
    );
    expect(error.violations[0]?.message).toBe(
      "c1 is rostered 16 days = 176 h in 2026-12, over the 174 h cap from 2026-12-31",
    );
    expect(checkRoster(mallRoster("2026-12"), createPolicy(), createCalendar())).toEqual(
      error.violations,
    );
  });

  it("S2 the manager covering a day for each of them makes the 31-day roster pass", () => {
    const history = [scheduled("2026-12")];
    const adjust = AdjustRoster({
      month: "2026-12",
      changes: managerCovers,
      reason: "31-day month: the manager covers one day of each of group A",
    });
    const [adjusted] = rosterDecider.decide(
      adjust,
      replay(rosterDecider, history),
      specContext({ actor: csManager }),
    );
    expect(adjusted?.type).toBe("RosterAdjusted");
    const [event] = publish("2026-12", [...history, adjusted as RosterAdjusted]);
    const hours = event?.type === "RosterPublished" ? event.data.hours : [];
    expect(Object.fromEntries(hours.map((h) => [h.staffId, h.hours]))).toEqual({
      m1: 165,
      m2: 165,
      c1: 165,
      c2: 165,
      m3: 165,
      m4: 165,
      c3: 165,
      c4: 165,
      manager: 44,
    });
  });

  it("S2 a swap on a published roster is checked and republished: two people change days, and their hours stay within the cap", () => {
    const swap = AdjustRoster({
      month: "2026-11",
      changes: [
        {
          kind: "swap",
          day: "2026-11-03",
          staffId: "c1",
          withDay: "2026-11-04",
          withStaffId: "c3",
        },
      ],
      reason: "c1 asked for the 3rd off",
    });
    given(rosterDecider, [scheduled("2026-11"), published("2026-11")])
      .when(swap, { actor: csManager })
      .thenState((state) => {
        expect(state.status).toBe("published");
        const on = (day: string) => state.shifts.filter((s) => s.day === day).map((s) => s.staffId);
        expect(on("2026-11-03")).toContain("c3");
        expect(on("2026-11-04")).toContain("c1");
        expect(state.hours.find((h) => h.staffId === "c1")?.hours).toBe(165);
      });
  });

  it("S2 an adjustment that takes a published roster over the cap is refused with every violation, and the roster stays as it was", () => {
    // The manager covers m1 on the odd days and m3 on the even days from the 1st to the 16th.
    const tooMuch = AdjustRoster({
      month: "2026-11",
      changes: Array.from({ length: 16 }, (_, i) => ({
        kind: "cover" as const,
        day: `2026-11-${String(i + 1).padStart(2, "0")}`,
        staffId: i % 2 === 0 ? "m1" : "m3",
        byStaffId: MANAGER,
      })),
      reason: "m1 and m3 on training",
    });
    const state = replay(rosterDecider, [scheduled("2026-11"), published("2026-11")]);
    const error = refusal(() =>
      rosterDecider.decide(tooMuch, state, specContext({ actor: csManager })),
    );
    expect(error.violations.map((v) => [v.rule, v.day, v.staffIds])).toEqual([
      ["S2", "2026-11-16", [MANAGER]],
    ]);
    expect(error.violations[0]?.message).toBe(
      "manager is rostered 16 days = 176 h in 2026-11, over the 174 h cap from 2026-11-16",
    );
  });

  it("S1 refuses a point short of staff, naming the point, the day and who is there", () => {
    const shifts = mallShifts("2026-11").filter(
      (s) => !(s.day === "2026-11-05" && s.staffId === "c2"),
    );
    const error = refusal(() => publish("2026-11", [scheduled("2026-11", shifts)]));
    expect(error.violations).toEqual([
      {
        rule: "S1",
        day: "2026-11-05",
        pointId: SERVICE_CENTRE,
        staffIds: ["c1"],
        gap: null,
        message: "service-1F has 1 (c1) on 2026-11-05; it needs 2",
      },
    ]);
  });

  it("S1 refuses a person on both points on one day", () => {
    const shifts = mallShifts("2026-11").map((s) =>
      s.day === "2026-11-02" && s.staffId === "c4" ? { ...s, staffId: "m3" } : s,
    );
    const error = refusal(() => publish("2026-11", [scheduled("2026-11", shifts)]));
    expect(error.violations.map((v) => [v.rule, v.day, v.pointId, v.staffIds])).toEqual([
      ["S1", "2026-11-02", null, ["m3"]],
    ]);
    expect(error.violations[0]?.message).toBe(
      "m3 is rostered 2 times on 2026-11-02 (member-4F and service-1F); one point a day",
    );
  });

  it("S1 a day the site is closed needs nobody, and nobody is rostered on it", () => {
    const site = { closedDays: ["2026-11-10"] };
    const open = mallShifts("2026-11").filter((s) => s.day !== "2026-11-10");
    expect(publish("2026-11", [scheduled("2026-11", open)], site)).toHaveLength(1);
    const error = refusal(() => publish("2026-11", [scheduled("2026-11")], site));
    expect(error.violations.map((v) => [v.rule, v.day, v.staffIds])).toEqual([
      ["S1", "2026-11-10", ["c3", "c4", "m3", "m4"]],
    ]);
  });

  it("S1 S2 a refused roster lists every violation, not only the first, in order of day", () => {
    const shifts = mallShifts("2026-12").filter(
      (s) => !(s.day === "2026-12-07" && s.pointId === MEMBER_CENTRE),
    );
    const error = refusal(() => publish("2026-12", [scheduled("2026-12", shifts)]));
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error).toBeInstanceOf(SvcOpsError);
    expect(error.code).toBe("rule_violation");
    expect(error.rule).toBe("S1");
    expect(error.rules).toEqual(["S1", "S2"]);
    expect(error.violations.map((v) => `${v.rule} ${v.day} ${v.staffIds.join(",")}`)).toEqual([
      "S1 2026-12-07 ",
      "S2 2026-12-31 c1",
      "S2 2026-12-31 c2",
    ]);
    expect(error.message).toMatch(/^S1: the roster of 2026-12 is refused, 3 violations: /);
  });

  it("S3 a working day counts workingDay.countedHours: at 12 h a day, 15 days pass the 174 h cap", () => {
    const error = refusal(() =>
      publish("2026-11", [scheduled("2026-11")], {
        policy: { workingDay: { start: "09:00", end: "22:00", countedHours: 12 } },
      }),
    );
    expect(error.violations).toHaveLength(8);
    expect(error.violations[0]?.message).toContain("15 days = 180 h");
  });

  it("S4 public holidays are worked, and their shifts flagged for holiday pay", () => {
    const holidays = ["2027-02-06", "2027-02-07", "2027-02-08"];
    given(rosterDecider, [scheduled("2027-02")])
      .when(PublishRoster({ month: "2027-02" }), {
        actor: csManager,
        site: { id: "spec-site", holidays },
      })
      .thenState((state) => {
        expect(state.status).toBe("published");
        expect(state.holidayShifts.map((s) => `${s.day} ${s.staffId}`)).toEqual([
          "2027-02-06 m3",
          "2027-02-06 m4",
          "2027-02-06 c3",
          "2027-02-06 c4",
          "2027-02-07 m1",
          "2027-02-07 m2",
          "2027-02-07 c1",
          "2027-02-07 c2",
          "2027-02-08 m3",
          "2027-02-08 m4",
          "2027-02-08 c3",
          "2027-02-08 c4",
        ]);
      });
  });

  it("S4 a public holiday is a business day: a point empty on it is refused", () => {
    const shifts = mallShifts("2027-02").filter((s) => s.day !== "2027-02-06");
    const error = refusal(() =>
      publish("2027-02", [scheduled("2027-02", shifts)], { holidays: ["2027-02-06"] }),
    );
    expect(error.violations.map((v) => [v.rule, v.day, v.pointId])).toEqual([
      ["S1", "2027-02-06", MEMBER_CENTRE],
      ["S1", "2027-02-06", SERVICE_CENTRE],
    ]);
  });

  it("S2 only the CS manager draws up, adjusts and publishes the roster; a refused publish appends nothing", async () => {
    const ops = createServiceOps({
      site: { id: "mall-1" },
      clock: manualClock("2026-11-20T02:00:00Z"),
    });
    const manager: Actor = { ...csManager, sites: ["mall-1"] };
    const lead: Actor = { ...teamLead, sites: ["mall-1"] };
    const draft = ScheduleRoster({
      month: "2026-12",
      points: POINTS,
      staff: STAFF,
      shifts: mallShifts("2026-12"),
    });
    await expect(ops.execute(draft, { actor: lead })).rejects.toSatisfy(
      (e) => e instanceof Unauthorized && e.rule === "S2",
    );
    await ops.execute(draft, { actor: manager });
    await expect(
      ops.execute(PublishRoster({ month: "2026-12" }), { actor: manager }),
    ).rejects.toSatisfy((e) => e instanceof ShiftRulesViolated && e.violations.length === 4);
    const { state, version } = await ops.state(rosterAggregate, rosterStream("mall-1", "2026-12"));
    expect([state.status, version]).toEqual(["draft", 1]);
    await ops.execute(
      AdjustRoster({ month: "2026-12", changes: managerCovers, reason: "31 days" }),
      { actor: manager },
    );
    await ops.execute(PublishRoster({ month: "2026-12" }), { actor: manager });
    expect((await ops.state(rosterAggregate, rosterStream("mall-1", "2026-12"))).state.status).toBe(
      "published",
    );
  });

  it("S1 a shift on a point or of a person the roster does not list is a ValidationError naming the field", () => {
    const bad = ScheduleRoster({
      month: "2026-11",
      points: POINTS,
      staff: STAFF,
      shifts: [{ day: "2026-12-01", pointId: "roof", staffId: "z9" }],
    });
    let error: unknown;
    try {
      given(rosterDecider).when(bad, { actor: csManager }).then([]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([
      "data.shifts.0.day",
      "data.shifts.0.pointId",
      "data.shifts.0.staffId",
    ]);
    const strayCover = AdjustRoster({
      month: "2026-11",
      changes: [{ kind: "cover", day: "2026-11-02", staffId: "m1", byStaffId: MANAGER }],
      reason: "m1 is not on the 2nd",
    });
    given(rosterDecider, [scheduled("2026-11")])
      .when(strayCover, { actor: csManager })
      .thenThrows("validation_failed");
  });

  it("S2 publishing needs a roster drawn up first, and a published roster is changed by adjusting it", () => {
    given(rosterDecider)
      .when(PublishRoster({ month: "2026-11" }))
      .thenThrows("S2");
    given(rosterDecider, [scheduled("2026-11"), published("2026-11")])
      .when(ScheduleRoster({ month: "2026-11", points: POINTS, staff: STAFF, shifts: [] }))
      .thenThrows("S2");
    expect(signedBy(csManager).staffId).toBe(MANAGER);
  });
});
