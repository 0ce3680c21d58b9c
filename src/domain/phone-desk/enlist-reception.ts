import type { Enlistment } from "../../kernel/aggregate.js";
import { receptionAggregate } from "../reception/aggregate.js";
import { RoutePhoneInquiry } from "../reception/commands.js";
import type { PhoneDeskEvent } from "./events.js";

/**
 * P2: an inquiry call goes to consultants by the same sign-in rotation as visitors (V9): the
 * call's `InquiryRecorded` enlists `RoutePhoneInquiry` on today's reception stream, in the same
 * atomic append. Reception picks the consultant (or finds none free) and enlists the answer back
 * on the call: `PutInquiryThrough` or `PromiseCallback`.
 *
 * @example
 * ```ts
 * enlistReception(InquiryRecorded({ callId: "t-1", callerName: "Wang", callbackNumber: "13900000000", hasAppointment: false, businessDay: "2026-11-22", by }));
 * // [{ aggregate: receptionAggregate, command: RoutePhoneInquiry { callId: "t-1" } }]
 * ```
 */
export function enlistReception(event: PhoneDeskEvent): readonly Enlistment[] {
  if (event.type !== "InquiryRecorded") return [];
  const { callId, appointmentConsultantId } = event.data;
  return [
    {
      aggregate: receptionAggregate,
      command: {
        type: RoutePhoneInquiry.type,
        data: { callId, ...(appointmentConsultantId ? { appointmentConsultantId } : {}) },
      },
    },
  ];
}
