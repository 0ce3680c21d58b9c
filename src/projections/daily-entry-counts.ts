import type { ReceptionEvent } from "../domain/reception/events.js";
import type { Gender } from "../domain/shared/people.js";
import type { VisitEvent } from "../domain/visit/events.js";
import { defineProjection } from "../kernel/projection.js";

/** Entry categories counted for the handover book (V5). */
export type CountedCategory = "member" | "trial" | "visitor" | "coach";

/** One business day's entries by category and gender. */
export type DayEntryCounts = Readonly<Record<CountedCategory, Readonly<Record<Gender, number>>>>;

/**
 * No entries yet (V5, S5).
 *
 * @example
 * ```ts
 * emptyEntryCounts().member.female; // 0
 * ```
 */
export function emptyEntryCounts(): DayEntryCounts {
  return {
    member: { female: 0, male: 0 },
    trial: { female: 0, male: 0 },
    visitor: { female: 0, male: 0 },
    coach: { female: 0, male: 0 },
  };
}

/**
 * The counts with one more entry of a category and gender (V5, S5); `counts` is not changed.
 *
 * @example
 * ```ts
 * countEntry(emptyEntryCounts(), "trial", "male").trial.male; // 1
 * ```
 */
export function countEntry(
  counts: DayEntryCounts,
  category: CountedCategory,
  gender: Gender,
): DayEntryCounts {
  return { ...counts, [category]: { ...counts[category], [gender]: counts[category][gender] + 1 } };
}

/**
 * Entries per business day by category and gender (V5): check-ins (member, trial, coach) and
 * registered visitors.
 *
 * @example
 * ```ts
 * const counts = await ops.read(dailyEntryCounts);
 * counts.get("2026-11-22")?.member.female; // 71
 * ```
 */
export const dailyEntryCounts = defineProjection<
  ReadonlyMap<string, DayEntryCounts>,
  VisitEvent | ReceptionEvent
>({
  name: "daily-entry-counts",
  initialView: new Map(),
  eventTypes: ["MemberCheckedIn", "VisitorRegistered"],
  fold(view, event) {
    switch (event.type) {
      case "MemberCheckedIn":
        return bump(view, event.data.businessDay, event.data.category, event.data.gender);
      case "VisitorRegistered":
        return bump(view, event.data.businessDay, "visitor", event.data.gender);
      default:
        return view;
    }
  },
});

function bump(
  view: ReadonlyMap<string, DayEntryCounts>,
  day: string,
  category: CountedCategory,
  gender: Gender,
): ReadonlyMap<string, DayEntryCounts> {
  const next = new Map(view);
  next.set(day, countEntry(view.get(day) ?? emptyEntryCounts(), category, gender));
  return next;
}

/**
 * Total entries of one day's counts.
 *
 * @example
 * ```ts
 * totalEntries(counts.get("2026-11-22")!); // 154
 * ```
 */
export function totalEntries(counts: DayEntryCounts): number {
  let total = 0;
  for (const byGender of Object.values(counts)) total += byGender.female + byGender.male;
  return total;
}
