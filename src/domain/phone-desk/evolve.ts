import type { PhoneDeskEvent } from "./events.js";
import type { PhoneCallState } from "./state.js";

type Answered = Exclude<PhoneCallState, { status: "none" }>;

/**
 * Folds one phone-desk event into the call.
 *
 * @example
 * ```ts
 * evolvePhoneDesk(initialPhoneCallState, callAnsweredEvent).status; // "answered"
 * ```
 */
export function evolvePhoneDesk(state: PhoneCallState, event: PhoneDeskEvent): PhoneCallState {
  switch (event.type) {
    case "CallAnswered":
      return {
        status: "answered",
        callId: event.data.callId,
        answeredBy: event.data.by,
        answeredAt: event.data.by.at,
        holdSince: undefined,
        inquiry: undefined,
        callback: undefined,
      };
    case "InquiryRecorded": {
      const { callerName, callbackNumber, hasAppointment } = event.data;
      return patch(state, () => ({
        inquiry: { callerName, callbackNumber, hasAppointment, consultantId: undefined },
      }));
    }
    case "InquiryPutThrough":
      return patch(state, (call) =>
        call.inquiry ? { inquiry: { ...call.inquiry, consultantId: event.data.consultantId } } : {},
      );
    case "CallbackPromised":
      return patch(state, () => ({
        callback: {
          number: event.data.callbackNumber,
          reason: event.data.reason,
          promisedAt: event.data.at,
          madeBy: undefined,
        },
      }));
    case "CallPutOnHold":
      return patch(state, () => ({ status: "onHold", holdSince: event.data.at }));
    case "CallResumed":
      return patch(state, () => ({ status: "answered", holdSince: undefined }));
    case "CallEnded":
      return patch(state, () => ({ status: "ended", holdSince: undefined }));
    case "CallbackMade":
      return patch(state, (call) =>
        call.callback ? { callback: { ...call.callback, madeBy: event.data.by } } : {},
      );
    default: {
      const unknown: never = event;
      throw new Error(`Unknown phone-desk event ${JSON.stringify(unknown)}`);
    }
  }
}

function patch(
  state: PhoneCallState,
  change: (call: Answered) => Partial<Answered>,
): PhoneCallState {
  return state.status === "none" ? state : ({ ...state, ...change(state) } as PhoneCallState);
}
