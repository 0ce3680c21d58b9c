import { defineAggregate, streamName } from "../../../kernel/aggregate.js";
import type { Decider } from "../../../kernel/decider.js";
import { type AgreementAccountCommand, agreementAccountCommands } from "./commands.js";
import { decideAgreementAccount } from "./decide.js";
import { type AgreementAccountEvent, agreementAccountEvents } from "./events.js";
import { evolveAgreementAccount } from "./evolve.js";
import { type AgreementAccountState, initialAgreementAccountState } from "./state.js";

/**
 * An agreement account as a decider (D5): no deposit, charges signed for by its signers.
 *
 * @example
 * ```ts
 * const state = replay(agreementAccountDecider, events);
 * ```
 */
export const agreementAccountDecider: Decider<
  AgreementAccountCommand,
  AgreementAccountEvent,
  AgreementAccountState
> = {
  initialState: initialAgreementAccountState,
  decide: decideAgreementAccount,
  evolve: evolveAgreementAccount,
};

/**
 * One stream per account, `<siteId>/agreement-account/<accountId>`.
 *
 * @example
 * ```ts
 * await ops.execute(OpenAgreementAccount({ accountId: "acc-1", company: "Acme", signers }), { actor: cashier });
 * ```
 */
export const agreementAccountAggregate = defineAggregate({
  name: "agreement-account",
  version: 1,
  decider: agreementAccountDecider,
  commands: agreementAccountCommands,
  events: agreementAccountEvents,
  streamId: (command, scope) => agreementAccountStream(scope.siteId, command.data.accountId),
});

/**
 * The stream of an agreement account.
 *
 * @example
 * ```ts
 * agreementAccountStream("centre-1", "acc-1"); // "centre-1/agreement-account/acc-1"
 * ```
 */
export function agreementAccountStream(siteId: string, accountId: string): string {
  return streamName(siteId, "agreement-account", accountId);
}
