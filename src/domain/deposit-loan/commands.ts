import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { personal, type SubjectRef } from "../../kernel/personal-data.js";
import { id } from "../shared/people.js";
import { DESK_ROLES, SUPERVISOR_ROLES } from "../shared/roles.js";
import { Signature } from "../shared/signature.js";
import type { VenueSessionCommand } from "./venue-session/commands.js";

/**
 * How money changes hands: data, not code. An umbrella deposit is cash only (D1); a venue
 * deposit is cash, card or mobile (D4); `account` is an agreement account's charge (D5).
 *
 * @example
 * ```ts
 * PaymentMethod.parse("mobile");
 * ```
 */
export const PaymentMethod = z.enum(["cash", "card", "mobile", "account"]);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/**
 * The ways a venue deposit is taken (D4): an agreement account leaves none (D5).
 *
 * @example
 * ```ts
 * VenueDepositMethod.parse("card");
 * ```
 */
export const VenueDepositMethod = z.enum(["cash", "card", "mobile"]);
export type VenueDepositMethod = z.infer<typeof VenueDepositMethod>;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);
const positiveFen = fenSchema.refine((n) => n > 0, "must be more than 0 fen");
const count = z.number().int("must be a whole number").nonnegative("must not be negative");

/** Whose a loan customer's name and phone are: the loan's (`loan:<loanId>`). */
const loanCustomer: SubjectRef = { kind: "loan", path: "loanId" };

/**
 * Who borrows, as the loan book writes it down (D1): a name and a phone number to call.
 *
 * @example
 * ```ts
 * LoanCustomer.parse({ name: "Li Na", phone: "13800000000" });
 * ```
 */
export const LoanCustomer = z.strictObject({
  name: personal(text(64), loanCustomer),
  phone: personal(z.string(), loanCustomer).trim().min(5).max(20),
});
export type LoanCustomer = z.infer<typeof LoanCustomer>;

/** The loan's customer signs with their phone: a signature's staff id that is personal data. */
export const CustomerSignature = Signature.extend({
  staffId: personal(z.string(), loanCustomer).min(1),
});

/** The customer's signature: the one signature shape, `{ staffId: <phone>, role: "customer" }`. */
const customerSignature = z.strictObject(Signature.shape);

/** D1: an umbrella is lent against the policy's deposit, in cash; the loan is written down. */
export const LendUmbrella = defineCommand(
  "LendUmbrella",
  z.strictObject({
    loanId: id,
    customer: LoanCustomer,
    umbrellaNumber: id,
    /** Must be `cash` (D1); any other method is refused naming the rule. */
    paymentMethod: PaymentMethod,
  }),
  { roles: DESK_ROLES, startsStream: true },
);

/** D2, D3: the umbrella comes back; the customer signs, the deposit less the fee is refunded. */
export const ReturnUmbrella = defineCommand(
  "ReturnUmbrella",
  z.strictObject({ loanId: id, customerSignature }),
  { roles: DESK_ROLES },
);

/** D3: a loan not returned within `umbrellaLostAfter` is declared lost; the deposit is kept. */
export const DeclareUmbrellaLost = defineCommand(
  "DeclareUmbrellaLost",
  z.strictObject({ loanId: id, reason: text(500) }),
  { roles: SUPERVISOR_ROLES },
);

/** D4: before a venue is used, the cashier takes the deposit. */
export const OpenVenueUse = defineCommand(
  "OpenVenueUse",
  z.strictObject({
    loanId: id,
    customer: LoanCustomer,
    venue: text(100),
    deposit: positiveFen,
    paymentMethod: VenueDepositMethod,
  }),
  { roles: ["cashier"], startsStream: true },
);

/** D4: a charge on the venue use's bill (the venue fee, drinks). */
export const AddVenueCharge = defineCommand(
  "AddVenueCharge",
  z.strictObject({ loanId: id, description: text(200), amount: positiveFen }),
  { roles: ["cashier", "venueStaff"] },
);

/** D4, D6: equipment rented on the venue use, charged at count × unit price. */
export const RentEquipment = defineCommand(
  "RentEquipment",
  z.strictObject({
    loanId: id,
    item: id,
    count: count.min(1, "must be at least 1"),
    unitPrice: fenSchema,
  }),
  { roles: ["cashier", "venueStaff"] },
);

/**
 * D6: venue staff check an item back in: how many came back, how many of those are damaged, and
 * the charge for what is missing or damaged (required when any is, refused when none is).
 */
export const CheckBackEquipment = defineCommand(
  "CheckBackEquipment",
  z.strictObject({
    loanId: id,
    item: id,
    returned: count,
    damaged: count.default(0),
    charge: fenSchema.default(0 as never),
  }),
  { roles: ["venueStaff"], authorityRule: "D6" },
);

/** D4, D6: at checkout the bill is set against the deposit: 多退少补. */
export const SettleVenueUse = defineCommand("SettleVenueUse", z.strictObject({ loanId: id }), {
  roles: ["cashier"],
});

export type LendUmbrella = MessageOf<typeof LendUmbrella>;
export type ReturnUmbrella = MessageOf<typeof ReturnUmbrella>;
export type DeclareUmbrellaLost = MessageOf<typeof DeclareUmbrellaLost>;
export type OpenVenueUse = MessageOf<typeof OpenVenueUse>;
export type AddVenueCharge = MessageOf<typeof AddVenueCharge>;
export type RentEquipment = MessageOf<typeof RentEquipment>;
export type CheckBackEquipment = MessageOf<typeof CheckBackEquipment>;
export type SettleVenueUse = MessageOf<typeof SettleVenueUse>;

export type DepositLoanCommand =
  | LendUmbrella
  | ReturnUmbrella
  | DeclareUmbrellaLost
  | OpenVenueUse
  | AddVenueCharge
  | RentEquipment
  | CheckBackEquipment
  | SettleVenueUse
  | VenueSessionCommand;

export const depositLoanCommands = [
  LendUmbrella,
  ReturnUmbrella,
  DeclareUmbrellaLost,
  OpenVenueUse,
  AddVenueCharge,
  RentEquipment,
  CheckBackEquipment,
  SettleVenueUse,
];
