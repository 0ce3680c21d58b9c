import type { KeyTagPoolEvent } from "../domain/key-tag-pool/events.js";
import type { VisitEvent } from "../domain/visit/events.js";
import { defineProjection } from "../kernel/projection.js";

/** A tag issued on one day that came back (or was reported lost) on a later day. */
export interface LateTag {
  readonly tag: string;
  readonly visitId: string;
  readonly how: "returned" | "lost";
  /** The business day it came back on. */
  readonly on: string;
}

/**
 * One business day's tag movements. `returned` and `lost` count the tags issued that day
 * that came back that day; a tag back on a later day is a late tag of its issuing day and
 * counts in `lateArrivals` of the day it came back.
 */
export interface DayTagMovements {
  readonly issued: number;
  readonly returned: number;
  readonly lost: number;
  readonly taggedEntries: number;
  /** Tags issued this day and not back yet: tag → visit. */
  readonly outstanding: ReadonlyMap<string, string>;
  /** Tags issued this day that were still out at close and came back on a later day. */
  readonly late: readonly LateTag[];
  /** Tags issued on an earlier day that came back (or were reported lost) this day. */
  readonly lateArrivals: number;
}

/** The end-of-day tag reconciliation of V6. */
export interface TagReconciliation extends Omit<DayTagMovements, "outstanding"> {
  readonly businessDay: string;
  readonly balanced: boolean;
  readonly outstanding: readonly { tag: string; visitId: string }[];
  /** Every difference, in words; empty when balanced. Never silently absorbed. */
  readonly discrepancies: readonly string[];
}

const empty: DayTagMovements = {
  issued: 0,
  returned: 0,
  lost: 0,
  taggedEntries: 0,
  outstanding: new Map(),
  late: [],
  lateArrivals: 0,
};

/**
 * Tag movements per business day, for the V6 reconciliation at close.
 *
 * @example
 * ```ts
 * const movements = await ops.read(keyTagMovements);
 * reconcileKeyTags(movements, "2026-11-22").balanced; // true
 * ```
 */
export const keyTagMovements = defineProjection<
  ReadonlyMap<string, DayTagMovements>,
  VisitEvent | KeyTagPoolEvent
>({
  name: "key-tag-movements",
  initialView: new Map(),
  eventTypes: ["KeyTagIssued", "KeyTagReturned", "KeyTagRetired", "MemberCheckedIn"],
  fold(view, event) {
    switch (event.type) {
      case "KeyTagIssued":
        return update(view, event.data.businessDay, (day) => {
          const outstanding = new Map(day.outstanding);
          outstanding.set(event.data.tag, event.data.visitId);
          return { ...day, issued: day.issued + 1, outstanding };
        });
      case "KeyTagReturned":
        return settle(view, event.data.tag, event.data.businessDay, "returned");
      case "KeyTagRetired":
        // Only a tag lost while out on a visit balances an issue; a drawer tag retired as lost
        // was never issued (the pool records `visitId` exactly when the tag was out).
        return event.data.reason === "lost" && event.data.visitId !== undefined
          ? settle(view, event.data.tag, event.data.businessDay, "lost")
          : view;
      case "MemberCheckedIn":
        return update(view, event.data.businessDay, (day) => ({
          ...day,
          taggedEntries: day.taggedEntries + 1,
        }));
      default:
        return view;
    }
  },
});

function update(
  view: ReadonlyMap<string, DayTagMovements>,
  businessDay: string,
  change: (day: DayTagMovements) => DayTagMovements,
): ReadonlyMap<string, DayTagMovements> {
  const next = new Map(view);
  next.set(businessDay, change(view.get(businessDay) ?? empty));
  return next;
}

/**
 * A tag came back (or was lost) on `businessDay`: on its issuing day it balances that day's
 * issue; on a later day it is a late tag of the issuing day and a late arrival of this day.
 */
function settle(
  view: ReadonlyMap<string, DayTagMovements>,
  tag: string,
  businessDay: string,
  how: "returned" | "lost",
): ReadonlyMap<string, DayTagMovements> {
  let issuedOn: string | undefined;
  for (const [day, movements] of view) {
    if (movements.outstanding.has(tag)) issuedOn = day;
  }
  if (issuedOn === undefined) return view;
  const next = new Map(view);
  const origin = view.get(issuedOn) ?? empty;
  const visitId = origin.outstanding.get(tag) ?? "";
  const outstanding = new Map(origin.outstanding);
  outstanding.delete(tag);
  if (issuedOn === businessDay) {
    next.set(issuedOn, { ...origin, outstanding, [how]: origin[how] + 1 });
    return next;
  }
  next.set(issuedOn, {
    ...origin,
    outstanding,
    late: [...origin.late, { tag, visitId, how, on: businessDay }],
  });
  const today = next.get(businessDay) ?? empty;
  next.set(businessDay, { ...today, lateArrivals: today.lateArrivals + 1 });
  return next;
}

/**
 * V6: at close, tags issued that day = returned + reported lost, and tags used = tagged entries.
 * Any difference is listed as a discrepancy.
 *
 * @example
 * ```ts
 * const report = reconcileKeyTags(await ops.read(keyTagMovements), "2026-11-22");
 * if (!report.balanced) console.log(report.discrepancies.join("\n"));
 * ```
 */
export function reconcileKeyTags(
  movements: ReadonlyMap<string, DayTagMovements>,
  businessDay: string,
): TagReconciliation {
  const day = movements.get(businessDay) ?? empty;
  const discrepancies: string[] = [];
  if (day.issued !== day.returned + day.lost) {
    discrepancies.push(
      `V6: ${day.issued} tags issued but ${day.returned} returned + ${day.lost} lost = ${day.returned + day.lost}.`,
    );
  }
  for (const [tag, visitId] of day.outstanding) {
    discrepancies.push(`V6: key tag ${tag} (visit ${visitId}) was not returned or reported lost.`);
  }
  for (const late of day.late) {
    discrepancies.push(
      `V6: key tag ${late.tag} (visit ${late.visitId}) was still out at close; ${late.how} on ${late.on}.`,
    );
  }
  if (day.issued !== day.taggedEntries) {
    discrepancies.push(`V6: ${day.issued} tags used but ${day.taggedEntries} tagged entries.`);
  }
  return {
    businessDay,
    issued: day.issued,
    returned: day.returned,
    lost: day.lost,
    taggedEntries: day.taggedEntries,
    late: day.late,
    lateArrivals: day.lateArrivals,
    outstanding: [...day.outstanding].map(([tag, visitId]) => ({ tag, visitId })),
    balanced: discrepancies.length === 0,
    discrepancies,
  };
}
