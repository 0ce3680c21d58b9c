/**
 * Shift: the monthly roster of the mall's service centre (docs/rules.md S1–S4). A roster that
 * breaks a rule is refused with every violation listed (who, which day, which rule), and nothing
 * is appended. Adjusting it: shift-roster-adjust.test.ts.
 */
import {
  AdjustRoster,
  checkRoster,
  createCalendar,
  createPolicy,
  PublishRoster,
  type RosterAdjusted,
  type RosterEvent,
  RuleViolation,
  replay,
  rosterDecider,
  SvcOpsError,
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
  managerCovers,
  published,
  refusal,
  SERVICE_CENTRE,
  scheduled,
} from "./shift-fixtures.js";

const publish = (month: string, history: RosterEvent[] = [scheduled(month)], site = {}) =>
  rosterDecider.decide(
    PublishRoster({ month }),
    replay(rosterDecider, history),
    specContext({ actor: csManager, site: { id: "spec-site", ...site } }),
  );

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
});
