import type { DecideContext } from "../../../kernel/decider.js";
import { RuleViolation, ValidationError } from "../../../kernel/errors.js";
import { addFen, formatFen, MAX_FEN } from "../../../kernel/money.js";
import { actorSignature } from "../../shared/signature.js";
import type { AgreementAccountCommand } from "./commands.js";
import type { AgreementAccountEvent } from "./events.js";
import type { AgreementAccountState } from "./state.js";

/**
 * Decides an agreement-account command (D5): opened once; a charge only with the signature of
 * a signer on the account's list.
 *
 * @example
 * ```ts
 * decideAgreementAccount(ChargeToAgreementAccount({ accountId: "acc-1", signerId: "ID-1101", description: "court 3", amount: 20000 }), state, ctx);
 * ```
 */
export function decideAgreementAccount(
  command: AgreementAccountCommand,
  state: AgreementAccountState,
  context: DecideContext,
): AgreementAccountEvent[] {
  const accountId = command.data.accountId;
  const at = context.now.toISOString();
  const by = actorSignature(context);
  switch (command.type) {
    case "OpenAgreementAccount": {
      if (state.status !== "none") {
        throw new RuleViolation("D5", `agreement account ${accountId} is open already.`);
      }
      const { company, signers } = command.data;
      return [
        {
          type: "AgreementAccountOpened",
          data: { accountId, company, signers, openedAt: at, by },
        },
      ];
    }
    case "ChargeToAgreementAccount": {
      const { signerId, description, amount } = command.data;
      if (state.status !== "open") {
        throw new RuleViolation("D5", `there is no agreement account ${accountId} to charge.`);
      }
      const signer = state.signers.find((s) => s.signerId === signerId);
      if (!signer) {
        throw new RuleViolation(
          "D5",
          `${signerId} is not authorised to sign for ${state.company} (account ${accountId}).`,
        );
      }
      const balance = addFen(state.balance, amount);
      if (balance === undefined) {
        throw new ValidationError(command.type, [
          {
            path: "data.amount",
            message: `would bring account ${accountId} from ${formatFen(state.balance)} past ${formatFen(MAX_FEN)}, the most svcops keeps exact`,
          },
        ]);
      }
      return [
        {
          type: "AgreementAccountCharged",
          data: { accountId, description, amount, balance, signer, by },
        },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}
