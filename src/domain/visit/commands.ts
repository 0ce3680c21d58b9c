import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { Gender, id } from "../shared/people.js";
import { DESK_ROLES } from "../shared/roles.js";

/** Who entered with a tag (V5 counts visitors separately, from their registration). */
export const EntryCategory = z.enum(["member", "trial", "coach"]);
export type EntryCategory = z.infer<typeof EntryCategory>;

/** V1: the member hands over the card; the desk keeps it and issues a key tag from the pool. */
export const CheckInMember = defineCommand(
  "CheckInMember",
  z.strictObject({
    visitId: id,
    memberCard: id,
    keyTag: id,
    category: EntryCategory.default("member"),
    gender: Gender,
  }),
  { roles: DESK_ROLES, startsStream: true },
);

/** Puts a charge on the visit's tab (water bar, venue, lost tag); settled before check-out (V4). */
export const ChargeTab = defineCommand(
  "ChargeTab",
  z.strictObject({
    visitId: id,
    amount: fenSchema.refine((n) => n > 0, "must be more than 0 fen"),
    source: z.enum(["waterBar", "venue", "other"]),
    reference: z.string().max(64).optional(),
  }),
  { roles: [...DESK_ROLES, "waterBar", "venueStaff", "cashier"] },
);

/**
 * Takes a charge back off the tab: part or all of what was charged under `reference`, while the
 * member is inside and the tab still holds it (V4). Enlisted by a corrected or voided water-bar
 * receipt through the key-tag pool (N3, N4); never sent directly.
 */
export const CreditTab = defineCommand(
  "CreditTab",
  z.strictObject({
    visitId: id,
    amount: fenSchema.refine((n) => n > 0, "must be more than 0 fen"),
    source: z.enum(["waterBar", "venue", "other"]),
    reference: z.string().min(1).max(64),
  }),
  { roles: [] },
);

/** Pays (part of) the tab. */
export const SettleTab = defineCommand(
  "SettleTab",
  z.strictObject({
    visitId: id,
    amount: fenSchema.refine((n) => n > 0, "must be more than 0 fen"),
    method: z.enum(["cash", "card", "wechat", "alipay"]).default("cash"),
  }),
  { roles: [...DESK_ROLES, "waterBar", "cashier"] },
);

/** V3, V4: the member returns the tag and gets the card back. `keyTag` is omitted only when the tag was reported lost. */
export const CheckOutMember = defineCommand(
  "CheckOutMember",
  z.strictObject({ visitId: id, keyTag: id.optional() }),
  { roles: DESK_ROLES },
);

/** V7: the member lost the tag; it is retired and the policy's replacement fee goes on the tab. */
export const ReportKeyTagLost = defineCommand("ReportKeyTagLost", z.strictObject({ visitId: id }), {
  roles: DESK_ROLES,
});

export type CheckInMember = MessageOf<typeof CheckInMember>;
export type ChargeTab = MessageOf<typeof ChargeTab>;
export type SettleTab = MessageOf<typeof SettleTab>;
export type CreditTab = MessageOf<typeof CreditTab>;
export type CheckOutMember = MessageOf<typeof CheckOutMember>;
export type ReportKeyTagLost = MessageOf<typeof ReportKeyTagLost>;
export type VisitCommand =
  | CheckInMember
  | ChargeTab
  | CreditTab
  | SettleTab
  | CheckOutMember
  | ReportKeyTagLost;

export const visitCommands = [
  CheckInMember,
  ChargeTab,
  CreditTab,
  SettleTab,
  CheckOutMember,
  ReportKeyTagLost,
];
