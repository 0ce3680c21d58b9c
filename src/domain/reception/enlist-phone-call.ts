import type { Enlistment } from "../../kernel/aggregate.js";
import { phoneDeskAggregate } from "../phone-desk/aggregate.js";
import { PromiseCallback, PutInquiryThrough } from "../phone-desk/commands.js";
import type { ReceptionEvent } from "./events.js";

/**
 * P2: reception's answer to a phone inquiry goes back to the call in the same atomic append: a
 * consultant (`PutInquiryThrough`) or, with nobody free, a callback owed (`PromiseCallback`).
 *
 * @example
 * ```ts
 * enlistPhoneCall(PhoneInquiryUnrouted({ callId: "t-1" }));
 * // [{ aggregate: phoneDeskAggregate, command: PromiseCallback { callId: "t-1" } }]
 * ```
 */
export function enlistPhoneCall(event: ReceptionEvent): readonly Enlistment[] {
  switch (event.type) {
    case "PhoneInquiryRouted":
      return [
        {
          aggregate: phoneDeskAggregate,
          command: { type: PutInquiryThrough.type, data: { ...event.data } },
        },
      ];
    case "PhoneInquiryUnrouted":
      return [
        {
          aggregate: phoneDeskAggregate,
          command: { type: PromiseCallback.type, data: { callId: event.data.callId } },
        },
      ];
    default:
      return [];
  }
}
