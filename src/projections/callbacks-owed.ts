import type { PhoneDeskEvent } from "../domain/phone-desk/events.js";
import { defineProjection } from "../kernel/projection.js";

/** A callback promised to a caller and not yet made (P2, P3). */
export interface CallbackDue {
  readonly callId: string;
  readonly callerName: string | undefined;
  readonly callbackNumber: string;
  readonly reason: "noConsultantFree" | "deskCallsBack";
  /** When it was promised (ISO instant). */
  readonly promisedAt: string;
  readonly businessDay: string;
}

/**
 * The callbacks owed, by call id, oldest promise first: a callback stays here from
 * `CallbackPromised` until `RecordCallbackMade` records it made (P2).
 *
 * @example
 * ```ts
 * for (const due of (await ops.read(callbacksOwed)).values()) console.log(due.callbackNumber);
 * ```
 */
export const callbacksOwed = defineProjection<ReadonlyMap<string, CallbackDue>, PhoneDeskEvent>({
  name: "callbacks-owed",
  initialView: new Map(),
  eventTypes: ["CallbackPromised", "CallbackMade"],
  fold(view, event) {
    switch (event.type) {
      case "CallbackPromised": {
        const { callId, callerName, callbackNumber, reason, at, businessDay } = event.data;
        const next = new Map(view);
        next.set(callId, {
          callId,
          callerName,
          callbackNumber,
          reason,
          promisedAt: at,
          businessDay,
        });
        return next;
      }
      case "CallbackMade": {
        if (!view.has(event.data.callId)) return view;
        const next = new Map(view);
        next.delete(event.data.callId);
        return next;
      }
      default:
        return view;
    }
  },
});
