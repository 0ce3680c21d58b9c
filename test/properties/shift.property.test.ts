/**
 * Properties of the roster check (S1–S3) over generated rosters (break plans:
 * shift-breaks.property.test.ts): every accepted roster satisfies S1–S3, checked here directly; every refused one
 * lists each violation an independent oracle finds, and no other; the verdict does not depend on
 * the order points, people, shifts or breaks are listed in; the decider refuses exactly what the
 * checker finds, with the same list.
 */
import fc from "fast-check";
import {
  checkRoster,
  createCalendar,
  createPolicy,
  monthDays,
  PublishRoster,
  type Roster,
  RosterScheduled,
  type RosterShift,
  replay,
  rosterDecider,
  ShiftRulesViolated,
  type ShiftViolation,
} from "svcops";
import { specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { shuffled } from "./shuffled.js";

const policy = createPolicy();
const MONTHS = ["2026-02", "2026-11", "2026-12"] as const;

interface RosterCase {
  readonly roster: Roster;
  readonly closedDays: readonly string[];
}

type Perturbation =
  | { kind: "remove"; at: number }
  | { kind: "add"; day: number; point: number; person: number }
  | { kind: "cover"; at: number; person: number };

/**
 * The seeds' arrangement for `points` points (two groups of 2 × points people on alternate days,
 * the manager apart), then some perturbations: shifts removed, added, covered by someone else; and
 * some days the site is closed. With no perturbation and a month of at most 30 days it passes.
 */
const rosterCase: fc.Arbitrary<RosterCase> = fc
  .record({
    month: fc.constantFrom(...MONTHS),
    points: fc.integer({ min: 1, max: 3 }),
    perturbations: fc.oneof(
      fc.constant([] as Perturbation[]),
      fc.array(
        fc.oneof(
          fc.record({ kind: fc.constant("remove" as const), at: fc.nat(200) }),
          fc.record({
            kind: fc.constant("add" as const),
            day: fc.nat(30),
            point: fc.nat(2),
            person: fc.nat(12),
          }),
          fc.record({ kind: fc.constant("cover" as const), at: fc.nat(200), person: fc.nat(12) }),
        ),
        { minLength: 1, maxLength: 8 },
      ),
    ),
    closed: fc.subarray([3, 14, 27]),
  })
  .map(({ month, points: pointCount, perturbations, closed }) => {
    const days = monthDays(month);
    const points = Array.from({ length: pointCount }, (_, i) => `p${i + 1}`);
    const group = (g: string) => Array.from({ length: 2 * pointCount }, (_, i) => `${g}${i + 1}`);
    const groups = [group("a"), group("b")];
    const staff = [...(groups[0] ?? []), ...(groups[1] ?? []), "manager"];
    const shifts: RosterShift[] = days.flatMap((day, d) =>
      points.flatMap((pointId, p) =>
        [0, 1].map((k) => ({ day, pointId, staffId: groups[d % 2]?.[2 * p + k] ?? "manager" })),
      ),
    );
    for (const change of perturbations) {
      const person = (n: number) => staff[n % staff.length] as string;
      if (change.kind === "remove" && shifts.length > 0)
        shifts.splice(change.at % shifts.length, 1);
      if (change.kind === "add") {
        shifts.push({
          day: days[change.day % days.length] as string,
          pointId: points[change.point % points.length] as string,
          staffId: person(change.person),
        });
      }
      if (change.kind === "cover" && shifts.length > 0) {
        const at = change.at % shifts.length;
        shifts[at] = { ...(shifts[at] as RosterShift), staffId: person(change.person) };
      }
    }
    const closedDays = perturbations.length === 0 ? [] : closed.map((n) => days[n] as string);
    return { roster: { month, points, staff, shifts }, closedDays };
  });

const key = (v: Pick<ShiftViolation, "rule" | "day" | "pointId" | "staffIds">) =>
  `${v.rule}|${v.day}|${v.pointId ?? "-"}|${v.staffIds.join(",")}`;

/** The violations, found another way: by counting, day by day and person by person. */
function oracle({ roster, closedDays }: RosterCase): string[] {
  const found: string[] = [];
  const shiftsOn = (day: string) => roster.shifts.filter((s) => s.day === day);
  for (const day of monthDays(roster.month)) {
    const today = shiftsOn(day);
    if (closedDays.includes(day)) {
      const who = [...new Set(today.map((s) => s.staffId))].sort();
      if (who.length > 0) found.push(key({ rule: "S1", day, pointId: null, staffIds: who }));
      continue;
    }
    for (const point of roster.points) {
      const there = today
        .filter((s) => s.pointId === point)
        .map((s) => s.staffId)
        .sort();
      if (there.length !== policy.staffPerPoint) {
        found.push(key({ rule: "S1", day, pointId: point, staffIds: there }));
      }
    }
    for (const person of roster.staff) {
      if (today.filter((s) => s.staffId === person).length > 1) {
        found.push(key({ rule: "S1", day, pointId: null, staffIds: [person] }));
      }
    }
  }
  for (const person of roster.staff) {
    const days = [
      ...new Set(roster.shifts.filter((s) => s.staffId === person).map((s) => s.day)),
    ].sort();
    // The first day that takes the person past the cap.
    const past = days.find(
      (_, i) => (i + 1) * policy.workingDay.countedHours > policy.monthlyHourCap,
    );
    if (past) found.push(key({ rule: "S2", day: past, pointId: null, staffIds: [person] }));
  }
  return found.sort();
}

const check = ({ roster, closedDays }: RosterCase) =>
  checkRoster(roster, policy, createCalendar({ closedDays: [...closedDays] }));

describe("Shift properties", () => {
  it("property: an accepted roster satisfies S1–S3; a refused one lists each violation the oracle finds, and no other", () => {
    fc.assert(
      fc.property(rosterCase, (c) => {
        const violations = check(c);
        expect(violations.map(key).sort()).toEqual(oracle(c));
        if (violations.length > 0) return;
        for (const day of monthDays(c.roster.month)) {
          const today = c.roster.shifts.filter((s) => s.day === day);
          if (c.closedDays.includes(day)) expect(today).toEqual([]);
          else {
            for (const point of c.roster.points) {
              const there = today.filter((s) => s.pointId === point).map((s) => s.staffId);
              expect(new Set(there).size).toBe(policy.staffPerPoint);
            }
            expect(new Set(today.map((s) => s.staffId)).size).toBe(today.length);
          }
        }
        for (const person of c.roster.staff) {
          const days = new Set(
            c.roster.shifts.filter((s) => s.staffId === person).map((s) => s.day),
          );
          expect(days.size * 11).toBeLessThanOrEqual(174);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("property: the verdict does not depend on the order points, people and shifts are listed in", () => {
    fc.assert(
      fc.property(rosterCase, fc.integer(), (c, seed) => {
        const shuffle = <T>(items: readonly T[]) => shuffled(items, seed);
        const reordered: RosterCase = {
          ...c,
          roster: {
            ...c.roster,
            points: shuffle(c.roster.points),
            staff: shuffle(c.roster.staff),
            shifts: shuffle(c.roster.shifts),
          },
        };
        expect(check(reordered)).toEqual(check(c));
      }),
      { numRuns: 100 },
    );
  });

  it("property: PublishRoster refuses exactly the rosters the checker refuses, with the same list", () => {
    fc.assert(
      fc.property(rosterCase, (c) => {
        const draft = RosterScheduled({
          ...c.roster,
          points: [...c.roster.points],
          staff: [...c.roster.staff],
          shifts: [...c.roster.shifts],
          by: { staffId: "manager", role: "csManager" },
        });
        const context = specContext({ site: { id: "spec-site", closedDays: [...c.closedDays] } });
        const expected = check(c);
        let refused: ShiftRulesViolated | undefined;
        try {
          rosterDecider.decide(
            PublishRoster({ month: c.roster.month }),
            replay(rosterDecider, [draft]),
            context,
          );
        } catch (error) {
          if (!(error instanceof ShiftRulesViolated)) throw error;
          refused = error;
        }
        expect(refused?.violations ?? []).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("property: the generator reaches accepted rosters, S1 refusals and S2 refusals (fixed seed)", () => {
    const sample = fc.sample(rosterCase, { numRuns: 200, seed: 20261122 });
    const verdicts = sample.map((c) => new Set(check(c).map((v) => v.rule)));
    expect(verdicts.filter((rules) => rules.size === 0).length).toBeGreaterThan(20);
    expect(verdicts.filter((rules) => rules.has("S1")).length).toBeGreaterThan(20);
    expect(verdicts.filter((rules) => rules.has("S2")).length).toBeGreaterThan(20);
  });
});
