import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { personal, type SubjectRef } from "../../kernel/personal-data.js";
import { Gender } from "../shared/people.js";
import { Signature } from "../shared/signature.js";

/** Why a visitor went to a consultant (V9, V10, V11). */
export const HandOffReason = z.enum([
  "rotation",
  "named",
  "appointment",
  "arrivalTimeout",
  "pagesExhausted",
]);
export type HandOffReason = z.infer<typeof HandOffReason>;

/** Whose the visitor's name and phone are: the visitor's (`visitor:<visitorId>`). */
const visitor: SubjectRef = { kind: "visitor", path: "visitorId" };

export const ConsultantSignedIn = defineEvent(
  "ConsultantSignedIn",
  z.object({ consultantId: z.string(), businessDay: z.string() }),
);
export const ConsultantSteppedOut = defineEvent(
  "ConsultantSteppedOut",
  z.object({ consultantId: z.string(), reason: z.enum(["meal", "outside"]) }),
);
export const ConsultantReturned = defineEvent(
  "ConsultantReturned",
  z.object({ consultantId: z.string() }),
);
export const VisitorRegistered = defineEvent(
  "VisitorRegistered",
  z.object({
    visitorId: z.string(),
    name: personal(z.string(), visitor),
    phone: personal(z.string(), visitor),
    gender: Gender,
    firstVisit: z.boolean(),
    namedConsultantId: z.string().optional(),
    appointmentConsultantId: z.string().optional(),
    businessDay: z.string(),
    deskSignature: Signature,
  }),
);
export const VisitorHandedOff = defineEvent(
  "VisitorHandedOff",
  z.object({
    visitorId: z.string(),
    consultantId: z.string(),
    reason: HandOffReason,
    fromConsultantId: z.string().optional(),
    /** V10: the consultant must arrive by then (ISO instant). */
    arrivalDue: z.string(),
    deskSignature: Signature,
  }),
);
export const ConsultantPaged = defineEvent(
  "ConsultantPaged",
  z.object({ visitorId: z.string(), consultantId: z.string(), page: z.number().int().positive() }),
);
export const VisitorReceived = defineEvent(
  "VisitorReceived",
  z.object({
    visitorId: z.string(),
    consultantId: z.string(),
    deskSignature: Signature,
    consultantSignature: Signature,
  }),
);
export const PriceRequestRouted = defineEvent(
  "PriceRequestRouted",
  z.object({ visitorId: z.string(), consultantId: z.string() }),
);
export const MembershipPriceQuoted = defineEvent(
  "MembershipPriceQuoted",
  z.object({ visitorId: z.string(), consultantId: z.string(), plan: z.string(), price: fenSchema }),
);

/** P2: a phone inquiry went to a consultant, by appointment or by today's rotation. */
export const PhoneInquiryRouted = defineEvent(
  "PhoneInquiryRouted",
  z.object({
    callId: z.string(),
    consultantId: z.string(),
    reason: z.enum(["appointment", "rotation"]),
  }),
);
/** P2: no consultant of today's rotation was free for a phone inquiry (a callback is owed). */
export const PhoneInquiryUnrouted = defineEvent(
  "PhoneInquiryUnrouted",
  z.object({ callId: z.string() }),
);
/** S5: a consultant sold a membership card; the handover book counts them by type. */
export const MembershipCardSold = defineEvent(
  "MembershipCardSold",
  z.object({
    cardType: z.string(),
    price: fenSchema,
    visitorId: z.string().optional(),
    businessDay: z.string(),
    by: Signature,
  }),
);

export type ConsultantSignedIn = MessageOf<typeof ConsultantSignedIn>;
export type ConsultantSteppedOut = MessageOf<typeof ConsultantSteppedOut>;
export type ConsultantReturned = MessageOf<typeof ConsultantReturned>;
export type VisitorRegistered = MessageOf<typeof VisitorRegistered>;
export type VisitorHandedOff = MessageOf<typeof VisitorHandedOff>;
export type ConsultantPaged = MessageOf<typeof ConsultantPaged>;
export type VisitorReceived = MessageOf<typeof VisitorReceived>;
export type PriceRequestRouted = MessageOf<typeof PriceRequestRouted>;
export type MembershipPriceQuoted = MessageOf<typeof MembershipPriceQuoted>;
export type PhoneInquiryRouted = MessageOf<typeof PhoneInquiryRouted>;
export type PhoneInquiryUnrouted = MessageOf<typeof PhoneInquiryUnrouted>;
export type MembershipCardSold = MessageOf<typeof MembershipCardSold>;
export type ReceptionEvent =
  | ConsultantSignedIn
  | ConsultantSteppedOut
  | ConsultantReturned
  | VisitorRegistered
  | VisitorHandedOff
  | ConsultantPaged
  | VisitorReceived
  | PriceRequestRouted
  | MembershipPriceQuoted
  | PhoneInquiryRouted
  | PhoneInquiryUnrouted
  | MembershipCardSold;

export const receptionEvents = [
  ConsultantSignedIn,
  ConsultantSteppedOut,
  ConsultantReturned,
  VisitorRegistered,
  VisitorHandedOff,
  ConsultantPaged,
  VisitorReceived,
  PriceRequestRouted,
  MembershipPriceQuoted,
  PhoneInquiryRouted,
  PhoneInquiryUnrouted,
  MembershipCardSold,
];
