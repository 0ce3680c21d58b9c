import { z } from "zod";
import { defineEvent, type MessageOf } from "../../../kernel/message.js";
import { fenSchema } from "../../../kernel/money.js";
import { Signature } from "../../shared/signature.js";
import { VenueDepositMethod } from "../commands.js";
import { LoanBalance } from "../events.js";
import { VenueRate } from "./commands.js";

/**
 * A session's bill by kind, in fen (G1): the venue fee by time, rentals (D4), drinks, damages
 * and missing items (D6), and any other charge. The bill is their sum.
 *
 * @example
 * ```ts
 * VenueBill.parse({ venueFee: 16000, rentals: 7500, drinks: 2400, damages: 8000, other: 0 });
 * ```
 */
export const VenueBill = z.object({
  venueFee: fenSchema,
  rentals: fenSchema,
  drinks: fenSchema,
  damages: fenSchema,
  other: fenSchema,
});
export type VenueBill = z.infer<typeof VenueBill>;

export const VenueSessionStarted = defineEvent(
  "VenueSessionStarted",
  z.object({
    loanId: z.string(),
    startedAt: z.string(),
    bookedEnd: z.string(),
    /** `endReminder` before the booked end (not before the start): when the reminder is due. */
    remindAt: z.string(),
    rate: VenueRate,
    by: Signature,
  }),
);
export const VenueSessionEndReminded = defineEvent(
  "VenueSessionEndReminded",
  z.object({ loanId: z.string(), bookedEnd: z.string(), remindedAt: z.string(), by: Signature }),
);
export const VenueSessionEnded = defineEvent(
  "VenueSessionEnded",
  z.object({
    loanId: z.string(),
    startedAt: z.string(),
    endedAt: z.string(),
    /** Started periods of the rate, at least one. */
    periods: z.number().int().positive(),
    rate: VenueRate,
    /** periods × rate, on the bill. */
    venueFee: fenSchema,
    by: Signature,
  }),
);
export const VenueDrinksCharged = defineEvent(
  "VenueDrinksCharged",
  z.object({ loanId: z.string(), reference: z.string(), amount: fenSchema, by: Signature }),
);
export const VenueDrinksCredited = defineEvent(
  "VenueDrinksCredited",
  z.object({ loanId: z.string(), reference: z.string(), amount: fenSchema, by: Signature }),
);
export const VenueBillReconciled = defineEvent(
  "VenueBillReconciled",
  z.object({
    loanId: z.string(),
    reconciledAt: z.string(),
    /** The bill checked, equal to the slips' total. */
    bill: fenSchema,
    breakdown: VenueBill,
    by: Signature,
  }),
);
export const VenueSettlementCorrected = defineEvent(
  "VenueSettlementCorrected",
  z.object({
    loanId: z.string(),
    correctedAt: z.string(),
    reason: z.string(),
    feesBefore: fenSchema,
    feesAfter: fenSchema,
    /** The difference given back (the bill was too high), the way the deposit came. */
    refund: fenSchema,
    /** The difference taken on top (the bill was too low). */
    collect: fenSchema,
    /** The loan's amounts after the correction: D7 holds on them. */
    balance: LoanBalance,
    paymentMethod: VenueDepositMethod,
    by: Signature,
  }),
);

export type VenueSessionStarted = MessageOf<typeof VenueSessionStarted>;
export type VenueSessionEndReminded = MessageOf<typeof VenueSessionEndReminded>;
export type VenueSessionEnded = MessageOf<typeof VenueSessionEnded>;
export type VenueDrinksCharged = MessageOf<typeof VenueDrinksCharged>;
export type VenueDrinksCredited = MessageOf<typeof VenueDrinksCredited>;
export type VenueBillReconciled = MessageOf<typeof VenueBillReconciled>;
export type VenueSettlementCorrected = MessageOf<typeof VenueSettlementCorrected>;

export type VenueSessionEvent =
  | VenueSessionStarted
  | VenueSessionEndReminded
  | VenueSessionEnded
  | VenueDrinksCharged
  | VenueDrinksCredited
  | VenueBillReconciled
  | VenueSettlementCorrected;

/** The venue-session events, on the loan's stream. */
export const venueSessionEvents = [
  VenueSessionStarted,
  VenueSessionEndReminded,
  VenueSessionEnded,
  VenueDrinksCharged,
  VenueDrinksCredited,
  VenueBillReconciled,
  VenueSettlementCorrected,
];
