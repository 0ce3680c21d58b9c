import type { AgreementAccountEvent } from "./events.js";
import type { AgreementAccountState } from "./state.js";

/**
 * Folds an agreement-account event into the account (a flat state: by hand, no draft needed).
 *
 * @example
 * ```ts
 * const state = events.reduce(evolveAgreementAccount, initialAgreementAccountState);
 * ```
 */
export function evolveAgreementAccount(
  state: AgreementAccountState,
  event: AgreementAccountEvent,
): AgreementAccountState {
  switch (event.type) {
    case "AgreementAccountOpened": {
      const { accountId, company, signers } = event.data;
      return { status: "open", accountId, company, signers, balance: state.balance };
    }
    case "AgreementAccountCharged":
      return { ...state, balance: event.data.balance };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${(unknown as { type: string }).type}`);
    }
  }
}
