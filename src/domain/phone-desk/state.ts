import type { Signature } from "../shared/signature.js";
import type { CallbackReason } from "./events.js";

/** What the desk took down on an inquiry call (P2). */
export interface CallInquiry {
  readonly callerName: string;
  readonly callbackNumber: string;
  readonly hasAppointment: boolean;
  /** The consultant the rotation (or the appointment) gave the inquiry, if any. */
  readonly consultantId: string | undefined;
}

/** A callback promised to the caller (P2, P3). */
export interface CallbackOwed {
  readonly number: string;
  readonly reason: CallbackReason;
  readonly promisedAt: string;
  readonly madeBy: Signature | undefined;
}

/** One phone call at the desk. */
export type PhoneCallState =
  | { readonly status: "none" }
  | {
      readonly status: "answered" | "onHold" | "ended";
      readonly callId: string;
      readonly answeredBy: Signature;
      readonly answeredAt: string;
      /** When the current hold began (status `onHold`). */
      readonly holdSince: string | undefined;
      readonly inquiry: CallInquiry | undefined;
      readonly callback: CallbackOwed | undefined;
    };

export const initialPhoneCallState: PhoneCallState = { status: "none" };
