import type { Fen } from "../../../kernel/money.js";
import type { AuthorisedSigner } from "./commands.js";

/** An agreement account (D5), folded from its events. */
export interface AgreementAccountState {
  readonly status: "none" | "open";
  readonly accountId: string;
  readonly company: string;
  readonly signers: readonly AuthorisedSigner[];
  /** What has gone on the account so far. */
  readonly balance: Fen;
}

/** An account before it is opened. */
export const initialAgreementAccountState: AgreementAccountState = {
  status: "none",
  accountId: "",
  company: "",
  signers: [],
  balance: 0 as Fen,
};
