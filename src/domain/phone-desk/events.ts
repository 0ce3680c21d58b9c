import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { personal, type SubjectRef } from "../../kernel/personal-data.js";
import { Signature } from "../shared/signature.js";

/** A signature with the instant it was given (the phone desk measures time between them). */
const Signed = Signature.extend({ at: z.string() });

/** Why a callback was promised (P2: nobody free; P3: a hold too long, or the desk calls back). */
export const CallbackReason = z.enum(["noConsultantFree", "deskCallsBack"]);
export type CallbackReason = z.infer<typeof CallbackReason>;

/**
 * P1: a call was answered by `by` after `rings` rings. `slaBreached` when `rings` is past the
 * policy's `answerWithinRings` (the answer then carries `apologised: true`). The call-centre
 * report counts calls per agent from `by`.
 */
export const CallAnswered = defineEvent(
  "CallAnswered",
  z.object({
    callId: z.string(),
    by: Signed,
    rings: z.number().int(),
    apologised: z.boolean(),
    slaBreached: z.boolean(),
    businessDay: z.string(),
  }),
);
/** Whose a caller's name and number are: the call's (`call:<callId>`), erased by the call. */
const caller: SubjectRef = { kind: "call", path: "callId" };

/** P2: the caller's name, callback number and appointment, as the desk took them. */
export const InquiryRecorded = defineEvent(
  "InquiryRecorded",
  z.object({
    callId: z.string(),
    callerName: personal(z.string(), caller),
    callbackNumber: personal(z.string(), caller),
    hasAppointment: z.boolean(),
    appointmentConsultantId: z.string().optional(),
    businessDay: z.string(),
    by: Signed,
  }),
);
/** P2: the rotation gave the inquiry a consultant. */
export const InquiryPutThrough = defineEvent(
  "InquiryPutThrough",
  z.object({
    callId: z.string(),
    consultantId: z.string(),
    reason: z.enum(["appointment", "rotation"]),
  }),
);
/** P2, P3: a callback is owed to the caller until `CallbackMade`. */
export const CallbackPromised = defineEvent(
  "CallbackPromised",
  z.object({
    callId: z.string(),
    callerName: personal(z.string(), caller).optional(),
    callbackNumber: personal(z.string(), caller),
    reason: CallbackReason,
    businessDay: z.string(),
    at: z.string(),
  }),
);
/** P3: the caller was put on hold. */
export const CallPutOnHold = defineEvent(
  "CallPutOnHold",
  z.object({ callId: z.string(), at: z.string() }),
);
/** P3: back to the caller after `heldMs`; past the limit only with the caller's consent. */
export const CallResumed = defineEvent(
  "CallResumed",
  z.object({
    callId: z.string(),
    heldMs: z.number().int(),
    overHoldLimit: z.boolean(),
    callerConsented: z.boolean(),
    businessDay: z.string(),
  }),
);
/** P3: the call ended after `durationMs` (from the answer), against the target length. */
export const CallEnded = defineEvent(
  "CallEnded",
  z.object({
    callId: z.string(),
    durationMs: z.number().int(),
    targetMs: z.number().int(),
    overTarget: z.boolean(),
    businessDay: z.string(),
    at: z.string(),
  }),
);
/** P2: the callback owed was made. */
export const CallbackMade = defineEvent(
  "CallbackMade",
  z.object({
    callId: z.string(),
    by: Signed,
    /** From the promise to the callback. */
    waitedMs: z.number().int(),
    businessDay: z.string(),
  }),
);

export type CallAnswered = MessageOf<typeof CallAnswered>;
export type InquiryRecorded = MessageOf<typeof InquiryRecorded>;
export type InquiryPutThrough = MessageOf<typeof InquiryPutThrough>;
export type CallbackPromised = MessageOf<typeof CallbackPromised>;
export type CallPutOnHold = MessageOf<typeof CallPutOnHold>;
export type CallResumed = MessageOf<typeof CallResumed>;
export type CallEnded = MessageOf<typeof CallEnded>;
export type CallbackMade = MessageOf<typeof CallbackMade>;
export type PhoneDeskEvent =
  | CallAnswered
  | InquiryRecorded
  | InquiryPutThrough
  | CallbackPromised
  | CallPutOnHold
  | CallResumed
  | CallEnded
  | CallbackMade;

export const phoneDeskEvents = [
  CallAnswered,
  InquiryRecorded,
  InquiryPutThrough,
  CallbackPromised,
  CallPutOnHold,
  CallResumed,
  CallEnded,
  CallbackMade,
];
