/**
 * The roster check (S1–S3) for a month of the mall's service centre: 9 staff, 2 service points,
 * 31 days (124 shifts, four people over the cap so that the refusal path with its violations is
 * what is timed), and the 30-day month that passes. Prints one JSON line:
 *
 *   npx tsx bench/roster-check.ts
 *   { "scenario": "roster-check", "staff": 9, "points": 2, "days": 31, "runs": 200,
 *     "medianMs": …, "p95Ms": …, "maxMs": … }
 *
 * `bench/run.ts` runs it in a child of its own (after the front-desk day) and checks the target:
 * the check of a month takes well under 50 ms (median and 95th percentile under 50 ms).
 */
import {
  checkRoster,
  createCalendar,
  createPolicy,
  monthDays,
  type RosterShift,
} from "../src/index.js";

const RUNS = Number(process.env.BENCH_ROSTER_RUNS ?? 200);
const policy = createPolicy();
const calendar = createCalendar({ holidays: ["2026-10-01", "2026-10-02", "2026-10-03"] });
const points = ["member-4F", "service-1F"];
const groups = [
  ["m1", "m2", "c1", "c2"],
  ["m3", "m4", "c3", "c4"],
];
const staff = [...(groups[0] ?? []), ...(groups[1] ?? []), "manager"];

function roster(month: string) {
  const shifts: RosterShift[] = monthDays(month).flatMap((day, i) => {
    const [a, b, c, d] = groups[i % 2] as [string, string, string, string];
    return [
      { day, pointId: "member-4F", staffId: a },
      { day, pointId: "member-4F", staffId: b },
      { day, pointId: "service-1F", staffId: c },
      { day, pointId: "service-1F", staffId: d },
    ];
  });
  return { month, points, staff, shifts };
}

const long = roster("2026-10"); // 31 days, with the National Day holidays: group A at 176 h
const short = roster("2026-11"); // 30 days: passes
if (checkRoster(long, policy, calendar).length !== 4) throw new Error("expected 4 violations");
if (checkRoster(short, policy, calendar).length !== 0) throw new Error("expected no violation");

// Warm-up, then time each check of the 31-day month.
for (let i = 0; i < 50; i++) checkRoster(i % 2 ? long : short, policy, calendar);
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  checkRoster(long, policy, calendar);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
const round = (ms: number) => Number(ms.toFixed(3));
// A first check in a cold process, as an app's first publish would see it, is not in `times`.
console.log(
  JSON.stringify({
    scenario: "roster-check",
    staff: staff.length,
    points: points.length,
    days: 31,
    shifts: long.shifts.length,
    runs: RUNS,
    medianMs: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(times.at(-1) ?? 0),
  }),
);
