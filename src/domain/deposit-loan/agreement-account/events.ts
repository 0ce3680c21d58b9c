import { z } from "zod";
import { defineEvent, type MessageOf } from "../../../kernel/message.js";
import { fenSchema } from "../../../kernel/money.js";
import { Signature } from "../../shared/signature.js";
import { AuthorisedSigner } from "./commands.js";

export const AgreementAccountOpened = defineEvent(
  "AgreementAccountOpened",
  z.object({
    accountId: z.string(),
    company: z.string(),
    signers: z.array(AuthorisedSigner),
    openedAt: z.string(),
    by: Signature,
  }),
);
export const AgreementAccountCharged = defineEvent(
  "AgreementAccountCharged",
  z.object({
    accountId: z.string(),
    description: z.string(),
    amount: fenSchema,
    /** The account's total after this charge. */
    balance: fenSchema,
    /** The authorised signer who signed, with the name the sales order gives. */
    signer: AuthorisedSigner,
    by: Signature,
  }),
);

export type AgreementAccountOpened = MessageOf<typeof AgreementAccountOpened>;
export type AgreementAccountCharged = MessageOf<typeof AgreementAccountCharged>;

export type AgreementAccountEvent = AgreementAccountOpened | AgreementAccountCharged;

export const agreementAccountEvents = [AgreementAccountOpened, AgreementAccountCharged];
