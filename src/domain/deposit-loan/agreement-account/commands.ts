import { z } from "zod";
import { defineCommand, type MessageOf } from "../../../kernel/message.js";
import { fenSchema } from "../../../kernel/money.js";
import { personal } from "../../../kernel/personal-data.js";
import { id } from "../../shared/people.js";

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

/**
 * A person authorised to sign for an agreement account (D5): an id checked at the desk
 * (an ID card or staff card number) and a name.
 *
 * @example
 * ```ts
 * AuthorisedSigner.parse({ signerId: "ID-1101", name: "Zhao Min" });
 * ```
 */
export const AuthorisedSigner = z.strictObject({
  signerId: id,
  /** The signer's name: personal data of the signer (`signer:<signerId>`). */
  name: personal(text(64), { kind: "signer", path: "signerId" }),
});
export type AuthorisedSigner = z.infer<typeof AuthorisedSigner>;

/** D5: an agreement account (a corporate client, a conference group) with its signers. */
export const OpenAgreementAccount = defineCommand(
  "OpenAgreementAccount",
  z.strictObject({
    accountId: id,
    company: text(200),
    /** The sales order's authorised signers; at least one, no id twice. */
    signers: z
      .array(AuthorisedSigner)
      .min(1, "name at least one authorised signer")
      .max(50)
      .refine(
        (s) => new Set(s.map((x) => x.signerId)).size === s.length,
        "must not name a signer twice",
      ),
  }),
  { roles: ["cashier", "csManager", "dutyManager"], startsStream: true },
);

/** D5: a charge goes on the account, signed for by one of its authorised signers; no deposit. */
export const ChargeToAgreementAccount = defineCommand(
  "ChargeToAgreementAccount",
  z.strictObject({
    accountId: id,
    signerId: id,
    description: text(200),
    amount: fenSchema.refine((n) => n > 0, "must be more than 0 fen"),
  }),
  { roles: ["cashier", "venueStaff"] },
);

export type OpenAgreementAccount = MessageOf<typeof OpenAgreementAccount>;
export type ChargeToAgreementAccount = MessageOf<typeof ChargeToAgreementAccount>;

export type AgreementAccountCommand = OpenAgreementAccount | ChargeToAgreementAccount;

export const agreementAccountCommands = [OpenAgreementAccount, ChargeToAgreementAccount];
