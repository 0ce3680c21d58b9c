import type { ConductEvent, ConductOffence } from "../domain/shift/conduct/events.js";
import type { PostDutyEvent } from "../domain/shift/post-duty/events.js";
import type { Fen } from "../kernel/money.js";
import { defineProjection } from "../kernel/projection.js";

/** One line of a person's conduct record: a penalty (S9) or a breach of S8. */
export interface ConductEntry {
  readonly day: string;
  readonly offence: ConductOffence | "leftPostWithoutLeave";
  readonly outcome: "warning" | "fine" | "breach";
  /** Whole fen; 0 for a warning or a breach. */
  readonly fine: Fen;
  readonly by: string;
}

/** A person's conduct record: the entries in order, and the totals. */
export interface ConductRecord {
  readonly staffId: string;
  readonly entries: readonly ConductEntry[];
  readonly warnings: number;
  readonly fines: number;
  /** The sum of the fines, whole fen. */
  readonly totalFines: Fen;
  /** Times found away from the post without leave (S8). */
  readonly breaches: number;
}

/**
 * S9 (and S8's breaches): each person's conduct record, keyed by staff id: the penalties
 * recorded (eating at the post, failing to stand for an official: warning, then fines) and the
 * times they were found away from the post without leave, with the totals.
 *
 * @example
 * ```ts
 * const records = await ops.read(conductRecords);
 * records.get("a1")?.totalFines; // 9500
 * ```
 */
export const conductRecords = defineProjection<
  ReadonlyMap<string, ConductRecord>,
  ConductEvent | PostDutyEvent
>({
  name: "conduct-records",
  initialView: new Map(),
  eventTypes: ["ConductPenaltyRecorded", "PostLeftWithoutLeave"],
  fold(view, event) {
    let entry: ConductEntry;
    if (event.type === "ConductPenaltyRecorded") {
      const { day, offence, outcome, fine, by } = event.data;
      entry = { day, offence, outcome, fine, by: by.staffId };
    } else if (event.type === "PostLeftWithoutLeave") {
      const { day, by } = event.data;
      entry = {
        day,
        offence: "leftPostWithoutLeave",
        outcome: "breach",
        fine: 0 as Fen,
        by: by.staffId,
      };
    } else return view;
    const { staffId } = event.data;
    const before = view.get(staffId) ?? {
      staffId,
      entries: [],
      warnings: 0,
      fines: 0,
      totalFines: 0 as Fen,
      breaches: 0,
    };
    const record: ConductRecord = {
      staffId,
      entries: [...before.entries, entry],
      warnings: before.warnings + (entry.outcome === "warning" ? 1 : 0),
      fines: before.fines + (entry.outcome === "fine" ? 1 : 0),
      totalFines: (before.totalFines + entry.fine) as Fen,
      breaches: before.breaches + (entry.outcome === "breach" ? 1 : 0),
    };
    return new Map(view).set(staffId, record);
  },
});
