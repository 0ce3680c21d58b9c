/**
 * Properties of B1's playlist plans: random sequences of songs, announcements (recorded, only
 * approved, unknown), courtesy and safety notices and class announcements (on time or not), with
 * a random timetable, decided by the broadcast decider on a room where b-1 is recorded for the
 * plan's day. A refusal is a PlaylistViolations, not a failure.
 */
import fc from "fast-check";
import {
  broadcastDecider,
  checkPlaylist,
  PlanPlaylist,
  type PlaylistItem,
  PlaylistViolations,
  replay,
  type TimetableClass,
} from "svcops";
import { specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { approved, onAir, requested, signed } from "../domain/broadcast-fixtures.js";

const DAY = "2026-11-23";
const RUNS = { numRuns: 300 } as const;
/** b-1 recorded for DAY; b-2 approved but not recorded; b-9 unknown. */
const room = replay(broadcastDecider, [
  ...onAir("b-1"),
  requested("b-2"),
  signed("b-2"),
  approved("b-2"),
]);
const CLASSES: TimetableClass[] = [
  { className: "Yoga", startsAt: "10:00" },
  { className: "Spinning", startsAt: "19:30" },
  { className: "Pilates", startsAt: "20:05" },
];

/** The announcement time computed another way than the checker: through a Date, 15 min back. */
function quarterHourBefore(startsAt: string): string {
  const [h, m] = startsAt.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(2000, 0, 1, h, m) - 15 * 60_000).toISOString().slice(11, 16);
}

const classItem = (lesson: TimetableClass, onTime: boolean): PlaylistItem => ({
  kind: "class",
  ...lesson,
  at: onTime ? quarterHourBefore(lesson.startsAt) : "12:00",
});

const anyItem: fc.Arbitrary<PlaylistItem> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .integer({ min: 1, max: 99 })
      .map((n) => ({ kind: "song" as const, title: `s${n}` })),
  },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom("b-1", "b-1", "b-1", "b-2", "b-9")
      .map((requestId) => ({ kind: "announcement" as const, requestId })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "courtesy" as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: "safety" as const }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...CLASSES),
        fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
      )
      .map(([lesson, onTime]) => classItem(lesson, onTime)),
  },
);
const anyPlan = fc.record({
  items: fc.array(anyItem, { minLength: 1, maxLength: 40 }),
  classes: fc.subarray(CLASSES, { maxLength: 2 }),
});

/** A plan built to keep B1: groups of up to 6 songs, each followed by 0–3 valid spoken items, both notices after each group. */
const validPlan = fc
  .record({
    lead: fc.array(fc.constantFrom("announce", "class"), { maxLength: 3 }),
    groups: fc.array(
      fc.array(fc.array(fc.constantFrom("announce", "class"), { maxLength: 3 }), {
        minLength: 1,
        maxLength: 6,
      }),
      { minLength: 1, maxLength: 5 },
    ),
    lesson: fc.constantFrom(...CLASSES),
  })
  .map(({ lead, groups, lesson }) => {
    const spoken = (kind: string): PlaylistItem =>
      kind === "announce" ? { kind: "announcement", requestId: "b-1" } : classItem(lesson, true);
    const items: PlaylistItem[] = lead.map(spoken);
    let n = 0;
    for (const group of groups) {
      group.forEach((run, i) => {
        items.push({ kind: "song", title: `s${++n}` });
        items.push(...run.map(spoken));
        if (i === group.length - 1) items.push({ kind: "courtesy" }, { kind: "safety" });
      });
    }
    return { items, classes: items.some((i) => i.kind === "class") ? [lesson] : [] };
  });

/** B1 stated without the checker, as an oracle. */
function keepsB1(items: readonly PlaylistItem[], classes: readonly TimetableClass[]): boolean {
  for (let i = 0; i + 6 <= items.length; i++) {
    if (!items.slice(i, i + 6).some((item) => item.kind === "song")) return false;
  }
  for (const notice of ["courtesy", "safety"] as const) {
    const segments = [0];
    for (const item of items) {
      if (item.kind === notice) segments.push(0);
      else if (item.kind === "song")
        segments[segments.length - 1] = (segments.at(-1) as number) + 1;
    }
    const last = segments.pop() as number;
    if (last > 5 || segments.some((songs) => songs > 6)) return false;
  }
  for (const item of items) {
    if (item.kind === "class" && item.at !== quarterHourBefore(item.startsAt)) return false;
    if (item.kind === "announcement" && item.requestId !== "b-1") return false;
  }
  return classes.every((lesson) =>
    items.some(
      (i) =>
        i.kind === "class" && i.className === lesson.className && i.startsAt === lesson.startsAt,
    ),
  );
}

function plan(items: PlaylistItem[], classes: TimetableClass[]) {
  try {
    broadcastDecider.decide(
      PlanPlaylist({ planId: "p-1", day: DAY, items, classes }),
      room,
      specContext(),
    );
    return { accepted: true as const };
  } catch (error) {
    if (error instanceof PlaylistViolations) return { accepted: false as const, error };
    throw error;
  }
}

describe("Broadcast properties", () => {
  it("B1 property: no generated plan that is accepted breaks B1, and none that keeps it is refused (an oracle of its own)", () => {
    fc.assert(
      fc.property(anyPlan, ({ items, classes }) => {
        const outcome = plan(items, classes);
        expect(outcome.accepted).toBe(keepsB1(items, classes));
      }),
      RUNS,
    );
  });

  it("B1 property: a plan is refused exactly when the checker finds a violation, with all of them", () => {
    fc.assert(
      fc.property(anyPlan, ({ items, classes }) => {
        const found = checkPlaylist({ day: DAY, items, classes }, room.requests);
        const outcome = plan(items, classes);
        expect(outcome.accepted).toBe(found.length === 0);
        if (!outcome.accepted) expect(outcome.error.violations).toEqual(found);
      }),
      RUNS,
    );
  });

  it("B1 property: a plan built to keep the rule is always accepted", () => {
    fc.assert(
      fc.property(validPlan, ({ items, classes }) => {
        expect(keepsB1(items, classes)).toBe(true);
        expect(plan(items, classes).accepted).toBe(true);
      }),
      RUNS,
    );
  });
});
