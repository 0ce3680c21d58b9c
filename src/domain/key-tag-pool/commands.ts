import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { id } from "../shared/people.js";
import { SUPERVISOR_ROLES } from "../shared/roles.js";

/** Adds key tags to the site's pool (V1: tags are issued from the pool). */
export const RegisterKeyTags = defineCommand(
  "RegisterKeyTags",
  z.strictObject({ tags: z.array(id).min(1).max(10_000) }),
  { roles: SUPERVISOR_ROLES },
);
/** Issues a tag to a visit. Enlisted by CheckInMember; never sent directly. */
export const IssueKeyTag = defineCommand("IssueKeyTag", z.strictObject({ tag: id, visitId: id }), {
  roles: [],
});
/** Takes a tag back from a visit. Enlisted by CheckOutMember; never sent directly. */
export const ReturnKeyTag = defineCommand(
  "ReturnKeyTag",
  z.strictObject({ tag: id, visitId: id }),
  {
    roles: [],
  },
);
/**
 * A supervisor takes a tag that is in the drawer out of the pool for good (lost from the
 * drawer, or damaged). A tag out on a visit is reported lost on that visit instead (V7).
 */
export const RetireKeyTag = defineCommand(
  "RetireKeyTag",
  z.strictObject({ tag: id, reason: z.enum(["lost", "damaged"]) }),
  { roles: SUPERVISOR_ROLES },
);
/** V7: retires the tag a visit lost. Enlisted by ReportKeyTagLost; never sent directly. */
export const RetireLostKeyTag = defineCommand(
  "RetireLostKeyTag",
  z.strictObject({ tag: id, visitId: id }),
  { roles: [] },
);
/** An amount for the holder of a key tag, from a receipt (`reference`): a charge or a credit. */
const TagHolderAmount = z.strictObject({
  tag: id,
  amount: fenSchema,
  source: z.enum(["waterBar", "venue", "other"]),
  reference: z.string().max(64),
});

/**
 * N2: a sale on a key tag is charged to the visit the tag is out on. Enlisted by the inventory's
 * `ItemsSold` (and a `ReceiptCorrected` that raises such a receipt); never sent directly. The
 * pool finds the visit and forwards the charge as `ChargeTab` on it, writing no event itself.
 */
export const ChargeKeyTagHolder = defineCommand("ChargeKeyTagHolder", TagHolderAmount, {
  roles: [],
});

/**
 * N3, N4: a water-bar receipt on a key tag lowered or voided takes the difference back off the
 * tab of the visit the tag is out on (which refuses it unless it was charged that receipt: V4).
 * Enlisted by the inventory's `ReceiptCorrected` and `ReceiptVoided`; never sent directly.
 */
export const CreditKeyTagHolder = defineCommand("CreditKeyTagHolder", TagHolderAmount, {
  roles: [],
});

export type RegisterKeyTags = MessageOf<typeof RegisterKeyTags>;
export type IssueKeyTag = MessageOf<typeof IssueKeyTag>;
export type ReturnKeyTag = MessageOf<typeof ReturnKeyTag>;
export type RetireKeyTag = MessageOf<typeof RetireKeyTag>;
export type RetireLostKeyTag = MessageOf<typeof RetireLostKeyTag>;
export type ChargeKeyTagHolder = MessageOf<typeof ChargeKeyTagHolder>;
export type CreditKeyTagHolder = MessageOf<typeof CreditKeyTagHolder>;
export type KeyTagPoolCommand =
  | RegisterKeyTags
  | IssueKeyTag
  | ReturnKeyTag
  | RetireKeyTag
  | RetireLostKeyTag
  | ChargeKeyTagHolder
  | CreditKeyTagHolder;

export const keyTagPoolCommands = [
  RegisterKeyTags,
  IssueKeyTag,
  ReturnKeyTag,
  RetireKeyTag,
  RetireLostKeyTag,
  ChargeKeyTagHolder,
  CreditKeyTagHolder,
];
