import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { Signature } from "../shared/signature.js";
import { CustomerSignature, LoanCustomer, PaymentMethod, VenueDepositMethod } from "./commands.js";
import type { VenueSessionEvent } from "./venue-session/events.js";

/**
 * How a loan closes, in fen (D7): what was held, what it cost, what went back, what was taken
 * on top. Every closing event carries it, and `deposit + collected = fees + refunded`.
 *
 * @example
 * ```ts
 * LoanBalance.parse({ deposit: 5000, fees: 2000, refunded: 3000, collected: 0 });
 * ```
 */
export const LoanBalance = z.object({
  deposit: fenSchema,
  fees: fenSchema,
  refunded: fenSchema,
  collected: fenSchema,
});
export type LoanBalance = z.infer<typeof LoanBalance>;

export const UmbrellaLent = defineEvent(
  "UmbrellaLent",
  z.object({
    loanId: z.string(),
    customer: LoanCustomer,
    umbrellaNumber: z.string(),
    /** The policy's `umbrellaDeposit` at the time of the loan (D1). */
    deposit: fenSchema,
    paymentMethod: PaymentMethod,
    lentAt: z.string(),
    /** When the free period ends and the first day's fee starts (D2). */
    feeStartsAt: z.string(),
    lentBy: Signature,
  }),
);
export const UmbrellaReturned = defineEvent(
  "UmbrellaReturned",
  z.object({
    loanId: z.string(),
    returnedAt: z.string(),
    /** Started days beyond the free period (D2). */
    lateDays: z.number().int().nonnegative(),
    ...LoanBalance.shape,
    customerSignature: CustomerSignature,
    receivedBy: Signature,
  }),
);
export const UmbrellaDeclaredLost = defineEvent(
  "UmbrellaDeclaredLost",
  z.object({
    loanId: z.string(),
    reason: z.string(),
    declaredAt: z.string(),
    /** The deposit is kept: `fees` is the deposit, nothing refunded or collected. */
    ...LoanBalance.shape,
    by: Signature,
  }),
);
export const VenueUseOpened = defineEvent(
  "VenueUseOpened",
  z.object({
    loanId: z.string(),
    customer: LoanCustomer,
    venue: z.string(),
    deposit: fenSchema,
    paymentMethod: VenueDepositMethod,
    openedAt: z.string(),
    by: Signature,
  }),
);
export const VenueChargeAdded = defineEvent(
  "VenueChargeAdded",
  z.object({ loanId: z.string(), description: z.string(), amount: fenSchema, by: Signature }),
);
export const EquipmentRented = defineEvent(
  "EquipmentRented",
  z.object({
    loanId: z.string(),
    item: z.string(),
    count: z.number().int().positive(),
    unitPrice: fenSchema,
    /** count × unitPrice, on the bill. */
    amount: fenSchema,
    by: Signature,
  }),
);
export const EquipmentCheckedBack = defineEvent(
  "EquipmentCheckedBack",
  z.object({
    loanId: z.string(),
    item: z.string(),
    rented: z.number().int().nonnegative(),
    returned: z.number().int().nonnegative(),
    damaged: z.number().int().nonnegative(),
    missing: z.number().int().nonnegative(),
    /** Charged for what is missing or damaged (D6), on the bill. */
    charge: fenSchema,
    by: Signature,
  }),
);
export const VenueUseSettled = defineEvent(
  "VenueUseSettled",
  z.object({
    loanId: z.string(),
    settledAt: z.string(),
    ...LoanBalance.shape,
    /** The deposit's method: a refund goes back the way the deposit came. */
    paymentMethod: VenueDepositMethod,
    by: Signature,
  }),
);

export type UmbrellaLent = MessageOf<typeof UmbrellaLent>;
export type UmbrellaReturned = MessageOf<typeof UmbrellaReturned>;
export type UmbrellaDeclaredLost = MessageOf<typeof UmbrellaDeclaredLost>;
export type VenueUseOpened = MessageOf<typeof VenueUseOpened>;
export type VenueChargeAdded = MessageOf<typeof VenueChargeAdded>;
export type EquipmentRented = MessageOf<typeof EquipmentRented>;
export type EquipmentCheckedBack = MessageOf<typeof EquipmentCheckedBack>;
export type VenueUseSettled = MessageOf<typeof VenueUseSettled>;

export type DepositLoanEvent =
  | UmbrellaLent
  | UmbrellaReturned
  | UmbrellaDeclaredLost
  | VenueUseOpened
  | VenueChargeAdded
  | EquipmentRented
  | EquipmentCheckedBack
  | VenueUseSettled
  | VenueSessionEvent;

export const depositLoanEvents = [
  UmbrellaLent,
  UmbrellaReturned,
  UmbrellaDeclaredLost,
  VenueUseOpened,
  VenueChargeAdded,
  EquipmentRented,
  EquipmentCheckedBack,
  VenueUseSettled,
];
