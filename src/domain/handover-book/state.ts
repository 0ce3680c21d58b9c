import type { Signature } from "../shared/signature.js";

/** The signatures of one shift's entry (S5). */
export interface HandoverSignatures {
  readonly outgoing: Signature;
  readonly incoming: Signature | undefined;
}

/** A business day's handover book at one site: the entries written, by shift, in order. */
export interface HandoverBookState {
  readonly entries: ReadonlyMap<string, HandoverSignatures>;
  /** The shift whose entry waits for the incoming signature. */
  readonly awaiting: string | undefined;
}

export const initialHandoverBookState: HandoverBookState = {
  entries: new Map(),
  awaiting: undefined,
};
