import type { ReceptionEvent } from "../domain/reception/events.js";
import { defineProjection } from "../kernel/projection.js";

/** A visitor handed to a consultant who has not signed for them yet. */
export interface PendingHandOff {
  readonly visitorId: string;
  readonly consultantId: string;
  /** ISO instant by which the consultant must arrive (V10). */
  readonly arrivalDue: string;
  /** The reception stream (site and business day) the hand-off belongs to. */
  readonly streamId: string;
}

/**
 * Hand-offs waiting for the consultant's signature (V10, V12), keyed by
 * `<reception stream>#<visitorId>`. The hand-off timeout workflow reads it.
 *
 * @example
 * ```ts
 * const pending = await ops.read(pendingHandOffs);
 * overdueHandOffs(pending, clock.now()); // those past their arrival limit
 * ```
 */
export const pendingHandOffs = defineProjection<
  ReadonlyMap<string, PendingHandOff>,
  ReceptionEvent
>({
  name: "pending-hand-offs",
  initialView: new Map(),
  eventTypes: ["VisitorHandedOff", "VisitorReceived"],
  fold(view, event) {
    switch (event.type) {
      case "VisitorHandedOff": {
        const { visitorId, consultantId, arrivalDue } = event.data;
        const next = new Map(view);
        next.set(`${event.streamId}#${visitorId}`, {
          visitorId,
          consultantId,
          arrivalDue,
          streamId: event.streamId,
        });
        return next;
      }
      case "VisitorReceived": {
        const next = new Map(view);
        next.delete(`${event.streamId}#${event.data.visitorId}`);
        return next;
      }
      default:
        return view;
    }
  },
});

/**
 * The pending hand-offs whose arrival limit has passed at `now`, earliest first.
 *
 * @example
 * ```ts
 * for (const late of overdueHandOffs(await ops.read(pendingHandOffs), now)) console.log(late.visitorId);
 * ```
 */
export function overdueHandOffs(
  view: ReadonlyMap<string, PendingHandOff>,
  now: Date,
): PendingHandOff[] {
  const t = now.getTime();
  return [...view.values()]
    .filter((pending) => Date.parse(pending.arrivalDue) < t)
    .sort((a, b) => a.arrivalDue.localeCompare(b.arrivalDue));
}
