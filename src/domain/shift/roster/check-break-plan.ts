import type { Policy } from "../../../kernel/policy.js";
import { type ShiftViolation, sortViolations } from "../shift-rules-violated.js";
import { clockOf, compareText, list, minutesOf } from "../wording.js";
import type { Roster } from "./check-roster.js";
import type { PlannedBreak } from "./commands.js";

/**
 * A day's break plan (S3): for each person rostered that day, when lunch and dinner start
 * (local `HH:mm`); each lasts its window's `minutes`.
 *
 * @example
 * ```ts
 * const plan: BreakPlan = {
 *   day: "2026-11-02",
 *   breaks: [
 *     { staffId: "a1", lunch: "11:30", dinner: "17:00" },
 *     { staffId: "a2", lunch: "12:30", dinner: "18:00" },
 *   ],
 * };
 * ```
 */
export interface BreakPlan {
  readonly day: string;
  readonly breaks: readonly PlannedBreak[];
}

/** A person's break as planned: the point they leave, and from and to (local `HH:mm`). */
export interface BreakSpan {
  readonly staffId: string;
  readonly pointId: string;
  readonly lunch: { readonly from: string; readonly to: string };
  readonly dinner: { readonly from: string; readonly to: string };
}

/**
 * Checks a day's break plan against the roster (S3) and returns every violation, sorted: each
 * person rostered that day has exactly one lunch within `lunchWindow` and one dinner within
 * `dinnerWindow` (each the window's `minutes` long), nobody off the day's roster has a break, and
 * no point is ever left with nobody on it: a point whose people are all on a break at once is
 * named with the gap (`gap.from`–`gap.to`). Pure, and independent of the order of the breaks.
 *
 * @example
 * ```ts
 * const violations = checkBreakPlan(plan, roster, createPolicy());
 * violations[0]?.gap; // { from: "12:00", to: "12:30" }
 * ```
 */
export function checkBreakPlan(plan: BreakPlan, roster: Roster, policy: Policy): ShiftViolation[] {
  const { day } = plan;
  const violations: ShiftViolation[] = [];
  const add = (
    staffIds: readonly string[],
    message: string,
    pointId: string | null = null,
    gap: ShiftViolation["gap"] = null,
  ) => violations.push({ rule: "S3", day, pointId, staffIds, gap, message });

  const pointOf = new Map<string, string>();
  for (const shift of roster.shifts)
    if (shift.day === day) pointOf.set(shift.staffId, shift.pointId);
  const planned = new Map<string, PlannedBreak[]>();
  for (const entry of plan.breaks) {
    const entries = planned.get(entry.staffId);
    if (entries) entries.push(entry);
    else planned.set(entry.staffId, [entry]);
  }

  for (const [staffId, entries] of planned) {
    if (!pointOf.has(staffId))
      add([staffId], `${staffId} has a break planned on ${day} but is not rostered that day`);
    else if (entries.length > 1)
      add(
        [staffId],
        `${staffId} has ${entries.length} break plans on ${day}; one lunch and one dinner a day`,
      );
  }
  const meals = [
    ["lunch", policy.lunchWindow],
    ["dinner", policy.dinnerWindow],
  ] as const;
  for (const [staffId, pointId] of [...pointOf].sort(([a], [b]) => compareText(a, b))) {
    const entries = planned.get(staffId);
    if (!entries) {
      add(
        [staffId],
        `${staffId} (${pointId}) has no lunch or dinner break planned on ${day}`,
        pointId,
      );
      continue;
    }
    for (const entry of entries) {
      for (const [meal, window] of meals) {
        const from = minutesOf(entry[meal]);
        const to = from + window.minutes;
        if (from < minutesOf(window.start) || to > minutesOf(window.end)) {
          add(
            [staffId],
            `${staffId}'s ${meal} ${entry[meal]}–${clockOf(to)} on ${day} is not within ${window.start}–${window.end}`,
            pointId,
          );
        }
      }
    }
  }

  // A point is empty while every person on it is on a break.
  const byPoint = new Map<string, string[]>();
  for (const [staffId, pointId] of pointOf) {
    const people = byPoint.get(pointId);
    if (people) people.push(staffId);
    else byPoint.set(pointId, [staffId]);
  }
  for (const [pointId, people] of [...byPoint].sort(([a], [b]) => compareText(a, b))) {
    const spans = people.flatMap((staffId) =>
      (planned.get(staffId) ?? []).flatMap((entry) =>
        meals.map(([meal, window]) => {
          const from = minutesOf(entry[meal]);
          return { staffId, from, to: from + window.minutes };
        }),
      ),
    );
    const cuts = [...new Set(spans.flatMap((s) => [s.from, s.to]))].sort((a, b) => a - b);
    let gapFrom: number | undefined;
    for (let i = 0; i < cuts.length; i++) {
      const at = cuts[i] as number;
      const away = new Set(spans.filter((s) => s.from <= at && at < s.to).map((s) => s.staffId));
      const empty = i < cuts.length - 1 && away.size === people.length;
      if (empty && gapFrom === undefined) gapFrom = at;
      if (!empty && gapFrom !== undefined) {
        const who = [...people].sort();
        const gap = { from: clockOf(gapFrom), to: clockOf(at) };
        add(
          who,
          `${pointId} is left empty ${gap.from}–${gap.to} on ${day}: ${list(who)} ${who.length === 1 ? "is" : who.length === 2 ? "are both" : "are all"} on a break`,
          pointId,
          gap,
        );
        gapFrom = undefined;
      }
    }
  }
  return sortViolations(violations);
}

/**
 * The plan as the `BreaksPlanned` event records it: each person's point and the spans of lunch
 * and dinner, sorted by person.
 *
 * @example
 * ```ts
 * breakSpans(plan, roster, policy)[0]?.lunch; // { from: "11:30", to: "12:30" }
 * ```
 */
export function breakSpans(plan: BreakPlan, roster: Roster, policy: Policy): BreakSpan[] {
  const pointOf = new Map<string, string>();
  for (const shift of roster.shifts)
    if (shift.day === plan.day) pointOf.set(shift.staffId, shift.pointId);
  const spanOf = (start: string, minutes: number) => ({
    from: start,
    to: clockOf(minutesOf(start) + minutes),
  });
  return plan.breaks
    .map((entry) => ({
      staffId: entry.staffId,
      pointId: pointOf.get(entry.staffId) ?? "",
      lunch: spanOf(entry.lunch, policy.lunchWindow.minutes),
      dinner: spanOf(entry.dinner, policy.dinnerWindow.minutes),
    }))
    .sort((a, b) => compareText(a.staffId, b.staffId));
}
