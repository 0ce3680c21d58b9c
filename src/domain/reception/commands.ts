import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { Gender, id } from "../shared/people.js";
import { DESK_ROLES } from "../shared/roles.js";

const CONSULTANT_OR_DESK = ["consultant", ...DESK_ROLES] as const;

/** V9: a consultant signs in for the day and joins the rotation, in sign-in order. */
export const SignInConsultant = defineCommand(
  "SignInConsultant",
  z.strictObject({ consultantId: id }),
  {
    roles: CONSULTANT_OR_DESK,
  },
);
/** V13: a consultant leaves the centre (meal, outside) and tells the desk; the rotation skips them. */
export const ConsultantStepsOut = defineCommand(
  "ConsultantStepsOut",
  z.strictObject({ consultantId: id, reason: z.enum(["meal", "outside"]) }),
  { roles: CONSULTANT_OR_DESK },
);
/** V13: the consultant is back and in the rotation again. */
export const ConsultantReturns = defineCommand(
  "ConsultantReturns",
  z.strictObject({ consultantId: id }),
  {
    roles: CONSULTANT_OR_DESK,
  },
);
/** V8: a visitor (non-member) registers before being received; the desk signs. */
export const RegisterVisitor = defineCommand(
  "RegisterVisitor",
  z
    .strictObject({
      visitorId: id,
      name: z.string().trim().min(1, "the visitor's name is required").max(64),
      phone: z.string().regex(/^\+?[0-9 -]{5,20}$/, "must be a phone number"),
      gender: Gender,
      firstVisit: z.boolean(),
      namedConsultantId: id.optional(),
      appointmentConsultantId: id.optional(),
    })
    .refine((v) => !(v.firstVisit && v.appointmentConsultantId), {
      path: ["appointmentConsultantId"],
      message: "a first visit has no appointment; name the consultant in namedConsultantId",
    }),
  { roles: DESK_ROLES },
);
/** V9: the desk hands the visitor to a consultant (named, appointed, or next in rotation). */
export const HandOffVisitor = defineCommand("HandOffVisitor", z.strictObject({ visitorId: id }), {
  roles: DESK_ROLES,
});
/** V10: the consultant did not arrive in time; the visitor goes to the next in rotation. */
export const ReassignOverdueVisitor = defineCommand(
  "ReassignOverdueVisitor",
  z.strictObject({ visitorId: id }),
  {
    roles: DESK_ROLES,
  },
);
/** V11: the assigned consultant is not in the sales office; page them by broadcast. */
export const PageConsultant = defineCommand("PageConsultant", z.strictObject({ visitorId: id }), {
  roles: DESK_ROLES,
});
/** V12: the receiving consultant signs for the visitor. */
export const ReceiveVisitor = defineCommand("ReceiveVisitor", z.strictObject({ visitorId: id }), {
  roles: ["consultant"],
});
/** V14: the visitor asks for membership prices; the desk routes the request to a consultant. */
export const RequestMembershipPrice = defineCommand(
  "RequestMembershipPrice",
  z.strictObject({ visitorId: id }),
  {
    roles: DESK_ROLES,
  },
);
/** V14: only a consultant quotes a membership price, to a visitor routed to them. */
export const QuoteMembershipPrice = defineCommand(
  "QuoteMembershipPrice",
  z.strictObject({ visitorId: id, plan: z.string().trim().min(1).max(64), price: fenSchema }),
  { roles: ["consultant"], authorityRule: "V14" },
);

/**
 * P2: a phone inquiry goes to a consultant by today's sign-in rotation (the appointed consultant
 * first, when in the centre). Enlisted by the call's `InquiryRecorded`; never sent directly.
 */
export const RoutePhoneInquiry = defineCommand(
  "RoutePhoneInquiry",
  z.strictObject({ callId: id, appointmentConsultantId: id.optional() }),
  { roles: [] },
);
/**
 * S5: a consultant sells a membership card (type and price in fen), to a visitor routed to them
 * or over the counter; the handover book counts cards sold by type.
 */
export const SellMembershipCard = defineCommand(
  "SellMembershipCard",
  z.strictObject({
    cardType: z.string().trim().min(1, "the card type is required").max(64),
    price: fenSchema,
    visitorId: id.optional(),
  }),
  { roles: ["consultant"] },
);

export type SignInConsultant = MessageOf<typeof SignInConsultant>;
export type ConsultantStepsOut = MessageOf<typeof ConsultantStepsOut>;
export type ConsultantReturns = MessageOf<typeof ConsultantReturns>;
export type RegisterVisitor = MessageOf<typeof RegisterVisitor>;
export type HandOffVisitor = MessageOf<typeof HandOffVisitor>;
export type ReassignOverdueVisitor = MessageOf<typeof ReassignOverdueVisitor>;
export type PageConsultant = MessageOf<typeof PageConsultant>;
export type ReceiveVisitor = MessageOf<typeof ReceiveVisitor>;
export type RequestMembershipPrice = MessageOf<typeof RequestMembershipPrice>;
export type QuoteMembershipPrice = MessageOf<typeof QuoteMembershipPrice>;
export type RoutePhoneInquiry = MessageOf<typeof RoutePhoneInquiry>;
export type SellMembershipCard = MessageOf<typeof SellMembershipCard>;
export type ReceptionCommand =
  | SignInConsultant
  | ConsultantStepsOut
  | ConsultantReturns
  | RegisterVisitor
  | HandOffVisitor
  | ReassignOverdueVisitor
  | PageConsultant
  | ReceiveVisitor
  | RequestMembershipPrice
  | QuoteMembershipPrice
  | RoutePhoneInquiry
  | SellMembershipCard;

export const receptionCommands = [
  SignInConsultant,
  ConsultantStepsOut,
  ConsultantReturns,
  RegisterVisitor,
  HandOffVisitor,
  ReassignOverdueVisitor,
  PageConsultant,
  ReceiveVisitor,
  RequestMembershipPrice,
  QuoteMembershipPrice,
  RoutePhoneInquiry,
  SellMembershipCard,
];
