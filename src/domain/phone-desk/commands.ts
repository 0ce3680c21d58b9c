import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { id } from "../shared/people.js";
import type { Role } from "../shared/roles.js";

/**
 * Staff who answer the phone at the desk (P1–P3): the front desk, the call-centre agents and the
 * information desk, and those who supervise them.
 *
 * @example
 * ```ts
 * PHONE_DESK_ROLES.includes("callAgent"); // true
 * ```
 */
export const PHONE_DESK_ROLES = [
  "frontDesk",
  "callAgent",
  "informationDesk",
  "teamLead",
  "csManager",
  "dutyManager",
] as const satisfies readonly Role[];

const phoneNumber = z.string().regex(/^\+?[0-9 -]{5,20}$/, "must be a phone number");

/** P1: the desk picks up a call after `rings` rings; past the policy's limit, with an apology. */
export const AnswerCall = defineCommand(
  "AnswerCall",
  z.strictObject({
    callId: id,
    rings: z.number().int().min(1, "a call rings at least once").max(99),
    apologised: z.boolean().default(false),
  }),
  { roles: PHONE_DESK_ROLES, startsStream: true },
);
/**
 * P2: an inquiry call: the caller's name, callback number and whether they have an appointment
 * (and with whom). The inquiry is routed to a consultant by today's sign-in rotation.
 */
export const RecordInquiry = defineCommand(
  "RecordInquiry",
  z
    .strictObject({
      callId: id,
      callerName: z.string().trim().min(1, "the caller's name is required").max(64),
      callbackNumber: phoneNumber,
      hasAppointment: z.boolean(),
      appointmentConsultantId: id.optional(),
    })
    .refine((v) => v.hasAppointment || v.appointmentConsultantId === undefined, {
      path: ["appointmentConsultantId"],
      message: "a caller without an appointment has no appointed consultant",
    }),
  { roles: PHONE_DESK_ROLES },
);
/** P2: enlisted by reception when the rotation gave the inquiry a consultant; never sent. */
export const PutInquiryThrough = defineCommand(
  "PutInquiryThrough",
  z.strictObject({
    callId: id,
    consultantId: id,
    reason: z.enum(["appointment", "rotation"]),
  }),
  { roles: [] },
);
/** P2: enlisted by reception when no consultant in the rotation is free; never sent. */
export const PromiseCallback = defineCommand("PromiseCallback", z.strictObject({ callId: id }), {
  roles: [],
});
/** P3: the desk puts the caller on hold. */
export const HoldCall = defineCommand("HoldCall", z.strictObject({ callId: id }), {
  roles: PHONE_DESK_ROLES,
});
/** P3: back to the caller; a hold past `holdLimit` needs the caller's consent. */
export const ResumeCall = defineCommand(
  "ResumeCall",
  z.strictObject({ callId: id, callerConsented: z.boolean().default(false) }),
  { roles: PHONE_DESK_ROLES },
);
/**
 * P3: the call ends, measured against `callTargetDuration`. `promiseCallback` hangs up with a
 * callback promised (the way out of a hold past `holdLimit`), to `callbackNumber` or the
 * number the inquiry recorded.
 */
export const EndCall = defineCommand(
  "EndCall",
  z.strictObject({
    callId: id,
    promiseCallback: z.boolean().default(false),
    callbackNumber: phoneNumber.optional(),
  }),
  { roles: PHONE_DESK_ROLES },
);
/** P2: the promised callback was made. */
export const RecordCallbackMade = defineCommand(
  "RecordCallbackMade",
  z.strictObject({ callId: id }),
  { roles: [...PHONE_DESK_ROLES, "consultant"] },
);

export type AnswerCall = MessageOf<typeof AnswerCall>;
export type RecordInquiry = MessageOf<typeof RecordInquiry>;
export type PutInquiryThrough = MessageOf<typeof PutInquiryThrough>;
export type PromiseCallback = MessageOf<typeof PromiseCallback>;
export type HoldCall = MessageOf<typeof HoldCall>;
export type ResumeCall = MessageOf<typeof ResumeCall>;
export type EndCall = MessageOf<typeof EndCall>;
export type RecordCallbackMade = MessageOf<typeof RecordCallbackMade>;
export type PhoneDeskCommand =
  | AnswerCall
  | RecordInquiry
  | PutInquiryThrough
  | PromiseCallback
  | HoldCall
  | ResumeCall
  | EndCall
  | RecordCallbackMade;

export const phoneDeskCommands = [
  AnswerCall,
  RecordInquiry,
  PutInquiryThrough,
  PromiseCallback,
  HoldCall,
  ResumeCall,
  EndCall,
  RecordCallbackMade,
];
