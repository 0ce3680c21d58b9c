import type { ComplaintEvent } from "../domain/complaint/events.js";
import { defineProjection } from "../kernel/projection.js";

/** The steps of C13, in order: a step is never skipped nor repeated. */
export const PENALTY_STEPS = ["monthBonusWithheld", "yearBonusWithheld", "dismissal"] as const;
export type PenaltyStep = (typeof PENALTY_STEPS)[number];

/** One verified complaint on a staff member's record and the step it took. */
export interface PenaltyEntry {
  readonly caseId: string;
  readonly year: number;
  /** 1–12, the month whose bonus a first complaint withholds. */
  readonly month: number;
  /** The step taken; undefined past dismissal (the ladder has no fourth step). */
  readonly step: PenaltyStep | undefined;
}

/**
 * C13: each staff member's verified complaints per calendar year of the site's zone (the year
 * the complaint was lodged in, local: a complaint at 23:30 on 31 December counts for that year),
 * and the step each took: the 1st withholds that month's bonus, the 2nd the year's bonus, the
 * 3rd is dismissal for serious violation. Keyed by `<staffId>#<year>`.
 *
 * @example
 * ```ts
 * const ledger = await ops.read(penaltyLedger);
 * ledger.get("desk-7#2026")?.map((entry) => entry.step); // ["monthBonusWithheld", …]
 * ```
 */
export const penaltyLedger = defineProjection<
  ReadonlyMap<string, readonly PenaltyEntry[]>,
  ComplaintEvent
>({
  name: "penalty-ledger",
  initialView: new Map(),
  eventTypes: ["StaffDispositionReported"],
  fold(view, event) {
    if (event.type !== "StaffDispositionReported" || !event.data.verified) return view;
    const { staffId, year, month, caseId } = event.data;
    const key = `${staffId}#${year}`;
    const record = view.get(key) ?? [];
    const entry: PenaltyEntry = { caseId, year, month, step: PENALTY_STEPS[record.length] };
    return new Map(view).set(key, [...record, entry]);
  },
});
