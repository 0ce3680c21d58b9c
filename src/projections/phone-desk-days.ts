import type { PhoneDeskEvent } from "../domain/phone-desk/events.js";
import { defineProjection } from "../kernel/projection.js";

/** One business day at the phone desk (P1–P4). */
export interface PhoneDeskDay {
  readonly callsAnswered: number;
  /** P1: calls answered past `answerWithinRings` (each with an apology). */
  readonly lateAnswers: number;
  /** P4: inquiry calls, counted for the handover book. */
  readonly inquiries: number;
  readonly callbacksPromised: number;
  readonly callbacksMade: number;
  /** P3: holds past `holdLimit` (each with the caller's consent). */
  readonly holdsOverLimit: number;
  readonly callsEnded: number;
  /** P3: calls longer than `callTargetDuration`. */
  readonly callsOverTarget: number;
}

const none: PhoneDeskDay = {
  callsAnswered: 0,
  lateAnswers: 0,
  inquiries: 0,
  callbacksPromised: 0,
  callbacksMade: 0,
  holdsOverLimit: 0,
  callsEnded: 0,
  callsOverTarget: 0,
};

/**
 * The phone desk per business day (the day the event was decided in): calls answered and the
 * late answers (P1), inquiries (P4), callbacks promised and made (P2), holds past the limit and
 * calls past the target length (P3).
 *
 * @example
 * ```ts
 * (await ops.read(phoneDeskDays)).get("2026-11-22")?.lateAnswers; // 1
 * ```
 */
export const phoneDeskDays = defineProjection<ReadonlyMap<string, PhoneDeskDay>, PhoneDeskEvent>({
  name: "phone-desk-days",
  initialView: new Map(),
  eventTypes: [
    "CallAnswered",
    "InquiryRecorded",
    "CallbackPromised",
    "CallbackMade",
    "CallResumed",
    "CallEnded",
  ],
  fold(view, event) {
    switch (event.type) {
      case "CallAnswered":
        return add(view, event.data.businessDay, {
          callsAnswered: 1,
          lateAnswers: event.data.slaBreached ? 1 : 0,
        });
      case "InquiryRecorded":
        return add(view, event.data.businessDay, { inquiries: 1 });
      case "CallbackPromised":
        return add(view, event.data.businessDay, { callbacksPromised: 1 });
      case "CallbackMade":
        return add(view, event.data.businessDay, { callbacksMade: 1 });
      case "CallResumed":
        return event.data.overHoldLimit
          ? add(view, event.data.businessDay, { holdsOverLimit: 1 })
          : view;
      case "CallEnded":
        return add(view, event.data.businessDay, {
          callsEnded: 1,
          callsOverTarget: event.data.overTarget ? 1 : 0,
        });
      default:
        return view;
    }
  },
});

function add(
  view: ReadonlyMap<string, PhoneDeskDay>,
  day: string,
  counts: Partial<Record<keyof PhoneDeskDay, number>>,
): ReadonlyMap<string, PhoneDeskDay> {
  const current: Record<keyof PhoneDeskDay, number> = { ...(view.get(day) ?? none) };
  for (const [key, n] of Object.entries(counts) as [keyof PhoneDeskDay, number][]) {
    current[key] += n;
  }
  const next = new Map(view);
  next.set(day, current);
  return next;
}
