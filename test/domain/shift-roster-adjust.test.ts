/**
 * Shift: the CS manager adjusts and publishes the roster (docs/rules.md S1, S2): swaps and covers
 * on a published roster are checked and republished, or refused with every violation; only the
 * CS manager takes these steps; bad references are ValidationErrors naming the field.
 */
import {
  type Actor,
  AdjustRoster,
  createServiceOps,
  manualClock,
  PublishRoster,
  replay,
  rosterAggregate,
  rosterDecider,
  rosterStream,
  ScheduleRoster,
  ShiftRulesViolated,
  Unauthorized,
  ValidationError,
} from "svcops";
import { given, specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import {
  csManager,
  MANAGER,
  mallShifts,
  managerCovers,
  POINTS,
  published,
  refusal,
  STAFF,
  scheduled,
  signedBy,
  teamLead,
} from "./shift-fixtures.js";

describe("Shift: adjusting the roster", () => {
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
