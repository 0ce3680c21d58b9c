import type { RoutePhoneInquiry } from "./commands.js";
import type { ReceptionEvent } from "./events.js";
import { isAvailable, nextInRotation } from "./rotation.js";
import type { ReceptionState } from "./state.js";

/**
 * P2: a phone inquiry goes to its appointed consultant when they signed in today and are in the
 * centre, else to the next in today's sign-in rotation (the same rotation and cursor visitors
 * use, V9, V13); with nobody free, `PhoneInquiryUnrouted` (the call then owes a callback).
 *
 * @example
 * ```ts
 * routePhoneInquiry(RoutePhoneInquiry({ callId: "t-1" }), state); // [PhoneInquiryRouted c-2]
 * ```
 */
export function routePhoneInquiry(
  command: RoutePhoneInquiry,
  state: ReceptionState,
): ReceptionEvent[] {
  const { callId, appointmentConsultantId } = command.data;
  if (appointmentConsultantId && isAvailable(state, appointmentConsultantId)) {
    return [
      {
        type: "PhoneInquiryRouted",
        data: { callId, consultantId: appointmentConsultantId, reason: "appointment" },
      },
    ];
  }
  const next = nextInRotation(state);
  if (next === undefined) return [{ type: "PhoneInquiryUnrouted", data: { callId } }];
  return [{ type: "PhoneInquiryRouted", data: { callId, consultantId: next, reason: "rotation" } }];
}
