/**
 * Properties of the break-plan check (S3) over generated break plans for a day of a roster: a
 * plan accepted leaves every point with someone every minute; a plan refused names each gap a
 * minute-by-minute scan finds, and no other; the verdict does not depend on the order of the
 * breaks.
 */
import fc from "fast-check";
import { type BreakPlan, checkBreakPlan, createPolicy, type Roster } from "svcops";
import { describe, expect, it } from "vitest";
import { shuffled } from "./shuffled.js";

const policy = createPolicy();

describe("Shift properties: breaks", () => {
  it("property: an accepted break plan leaves every point staffed every minute; a refused one names each gap the minute-by-minute scan finds", () => {
    const roster: Roster = {
      month: "2026-11",
      points: ["p1", "p2"],
      staff: ["a1", "a2", "a3", "b1"],
      shifts: [
        { day: "2026-11-02", pointId: "p1", staffId: "a1" },
        { day: "2026-11-02", pointId: "p1", staffId: "a2" },
        { day: "2026-11-02", pointId: "p2", staffId: "a3" },
        { day: "2026-11-02", pointId: "p2", staffId: "b1" },
      ],
    };
    // A staggered plan (in each pair one goes at 11:30 and 17:00, the other an hour later),
    // each time moved now and then by up to an hour either way; now and then someone is left
    // out or planned twice.
    const offset = fc.oneof(
      { arbitrary: fc.constant(0), weight: 4 },
      { arbitrary: fc.integer({ min: -4, max: 4 }).map((q) => q * 15), weight: 1 },
    );
    const pair = fc.tuple(fc.boolean(), offset, offset, offset, offset);
    const breaks = fc
      .tuple(
        pair,
        pair,
        fc.nat(15),
        fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.nat(3), weight: 1 }),
      )
      .map(([first, second, drop, twice]) => {
        const planned = [first, second].flatMap(([later, ...moves], p) =>
          [0, 1].map((k) => {
            const hour = (k === 1) === later ? 0 : 60;
            return {
              staffId: roster.staff[2 * p + k] as string,
              lunch: clock(11 * 60 + 30 + hour + (moves[2 * k] ?? 0)),
              dinner: clock(17 * 60 + hour + (moves[2 * k + 1] ?? 0)),
            };
          }),
        );
        const kept = planned.filter((_, i) => i !== drop);
        const again = twice === null ? undefined : planned[twice];
        return again ? [...kept, { ...again, lunch: "12:00" }] : kept;
      });
    const verdicts = fc
      .sample(breaks, { numRuns: 300, seed: 20261122 })
      .map((list) => checkBreakPlan({ day: "2026-11-02", breaks: list }, roster, policy));
    expect(verdicts.filter((found) => found.length === 0).length).toBeGreaterThan(10);
    expect(verdicts.filter((found) => found.some((v) => v.gap !== null)).length).toBeGreaterThan(
      30,
    );
    fc.assert(
      fc.property(breaks, fc.integer(), (list, seed) => {
        const plan: BreakPlan = { day: "2026-11-02", breaks: list };
        const violations = checkBreakPlan(plan, roster, policy);
        expect(checkBreakPlan({ ...plan, breaks: shuffled(list, seed) }, roster, policy)).toEqual(
          violations,
        );
        const gaps = violations
          .filter((v) => v.gap !== null)
          .map((v) => `${v.pointId} ${v.gap?.from}-${v.gap?.to}`);
        expect(gaps).toEqual(scanGaps(plan, roster));
        if (violations.length === 0) expect(scanGaps(plan, roster)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/** The empty stretches of each point, found minute by minute. */
function scanGaps(plan: BreakPlan, roster: Roster): string[] {
  const gaps: string[] = [];
  for (const point of [...roster.points].sort()) {
    const people = roster.shifts
      .filter((s) => s.day === plan.day && s.pointId === point)
      .map((s) => s.staffId);
    let from: number | undefined;
    for (let minute = 0; minute <= 24 * 60 + 60; minute++) {
      const away = (staffId: string) =>
        plan.breaks.some(
          (b) =>
            b.staffId === staffId &&
            [b.lunch, b.dinner].some(
              (start) => minute >= minutes(start) && minute < minutes(start) + 60,
            ),
        );
      const empty = people.length > 0 && people.every(away);
      if (empty && from === undefined) from = minute;
      if (!empty && from !== undefined) {
        gaps.push(`${point} ${clock(from)}-${clock(minute)}`);
        from = undefined;
      }
    }
  }
  return gaps;
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
