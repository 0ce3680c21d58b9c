import { z } from "zod";
import { defineCommand, type MessageOf } from "../../../kernel/message.js";
import { fenSchema } from "../../../kernel/money.js";
import { id } from "../../shared/people.js";
import { DESK_ROLES } from "../../shared/roles.js";
import { LoanCustomer, VenueDepositMethod } from "../commands.js";

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);
const positiveFen = fenSchema.refine((n) => n > 0, "must be more than 0 fen");

/**
 * G1: the venue fee by time, as data on the booking: `amount` fen for every started `per`
 * (`hour` or `halfHour`), counted in elapsed time from the session's start to its end.
 *
 * @example
 * ```ts
 * VenueRate.parse({ per: "hour", amount: 8000 }); // ¥80.00 per started hour
 * ```
 */
export const VenueRate = z.strictObject({
  per: z.enum(["hour", "halfHour"]),
  amount: positiveFen,
});
export type VenueRate = z.infer<typeof VenueRate>;

/** The desk writes down the session's end and the bill: the desk, the cashier, the venue staff. */
const SESSION_ROLES = [...DESK_ROLES, "cashier", "venueStaff"] as const;

/**
 * G1, D4: a venue session starts: the cashier takes the deposit (the loan opens, as
 * `OpenVenueUse`), and the booking is written down: the start (now), the booked length, the rate.
 */
export const StartVenueSession = defineCommand(
  "StartVenueSession",
  z.strictObject({
    loanId: id,
    customer: LoanCustomer,
    venue: text(100),
    deposit: positiveFen,
    paymentMethod: VenueDepositMethod,
    /** How long the guest booked, in minutes (15 min to 24 h): the booked end is start + this. */
    bookedMinutes: z
      .number()
      .int("must be a whole number")
      .min(15)
      .max(24 * 60),
    rate: VenueRate,
  }),
  { roles: ["cashier"], startsStream: true },
);

/** G1: `endReminder` before the booked end, the desk asks the venue staff to remind the guest. */
export const RemindVenueSessionEnd = defineCommand(
  "RemindVenueSessionEnd",
  z.strictObject({ loanId: id }),
  { roles: SESSION_ROLES },
);

/** G1: the guest is done: the end time is written down and the venue fee by time goes on the bill. */
export const EndVenueSession = defineCommand("EndVenueSession", z.strictObject({ loanId: id }), {
  roles: SESSION_ROLES,
});

/** G1: drinks from the water bar on the session's bill, by the bar's receipt. */
export const ChargeVenueDrinks = defineCommand(
  "ChargeVenueDrinks",
  z.strictObject({ loanId: id, reference: text(64), amount: positiveFen }),
  { roles: [...SESSION_ROLES, "waterBar"] },
);

/**
 * G1: a water-bar receipt on the session lowered or voided (N3, N4) takes the difference back off
 * the bill, while the session is open and its drinks hold it. Never sent by an app: only the
 * bar's correction or void enlists it, so the bar's own rules (the member's signature, the
 * supervisor's) have been checked.
 */
export const CreditVenueDrinks = defineCommand(
  "CreditVenueDrinks",
  z.strictObject({ loanId: id, reference: text(64), amount: positiveFen }),
  { roles: [] },
);

/**
 * G1, D6: before the guest goes to the cashier the desk checks its bill against the record: the
 * total of its slips, and the venue staff's count of every item rented. Any gap is refused, with
 * the gap named, and nothing is recorded: the desk finds what is missing and checks again.
 */
export const ReconcileVenueBill = defineCommand(
  "ReconcileVenueBill",
  z.strictObject({
    loanId: id,
    /** The total of the desk's slips (venue, rentals, drinks, sundries). */
    slipTotal: fenSchema,
    /** The venue staff's rental count, item by item (empty when nothing was rented). */
    rentals: z
      .array(z.strictObject({ item: id, count: z.number().int().min(1) }))
      .max(100)
      .default([]),
  }),
  { roles: [...DESK_ROLES, "cashier"] },
);

/**
 * G1: a settled bill found wrong is corrected by the finance rules: a CS or duty manager signs a
 * correcting entry with the reason and the right total; the difference is refunded or collected,
 * and the settlement stays on record.
 */
export const CorrectVenueSettlement = defineCommand(
  "CorrectVenueSettlement",
  z.strictObject({
    loanId: id,
    /** What the bill should have been, in fen. */
    correctedFees: fenSchema,
    reason: text(500),
  }),
  { roles: ["csManager", "dutyManager"], authorityRule: "G1" },
);

export type StartVenueSession = MessageOf<typeof StartVenueSession>;
export type RemindVenueSessionEnd = MessageOf<typeof RemindVenueSessionEnd>;
export type EndVenueSession = MessageOf<typeof EndVenueSession>;
export type ChargeVenueDrinks = MessageOf<typeof ChargeVenueDrinks>;
export type CreditVenueDrinks = MessageOf<typeof CreditVenueDrinks>;
export type ReconcileVenueBill = MessageOf<typeof ReconcileVenueBill>;
export type CorrectVenueSettlement = MessageOf<typeof CorrectVenueSettlement>;

export type VenueSessionCommand =
  | StartVenueSession
  | RemindVenueSessionEnd
  | EndVenueSession
  | ChargeVenueDrinks
  | CreditVenueDrinks
  | ReconcileVenueBill
  | CorrectVenueSettlement;

/** The venue-session commands, decided on the loan's stream by the DepositLoan decider. */
export const venueSessionCommands = [
  StartVenueSession,
  RemindVenueSessionEnd,
  EndVenueSession,
  ChargeVenueDrinks,
  CreditVenueDrinks,
  ReconcileVenueBill,
  CorrectVenueSettlement,
];
