import type { Signature } from "../shared/signature.js";
import type { ComplaintChannel, EscalationReport } from "./commands.js";
import type { ComplaintPlace } from "./events.js";

/**
 * Where a case stands: `lodged` (C1) → `withSupervisor` (C2) → `proposed` (C4) → `resolved`;
 * or, beyond authority, `escalated` (C8) → `resolved`; then `closed` (C6, C11). A phone case a
 * call agent cannot resolve is `withHandler` (C14) until the handler resolves or escalates it.
 */
export type ComplaintStatus =
  | "none"
  | "lodged"
  | "withHandler"
  | "withSupervisor"
  | "proposed"
  | "escalated"
  | "resolved"
  | "closed";

/** One complaint case, folded from its events. */
export interface ComplaintState {
  readonly status: ComplaintStatus;
  readonly caseId: string;
  readonly channel: ComplaintChannel | undefined;
  readonly place: ComplaintPlace | undefined;
  readonly department: string;
  readonly staffConcerned: string | undefined;
  readonly causedByMerchant: boolean;
  readonly lodgedAt: string;
  readonly businessDay: string;
  readonly supervisorId: string | undefined;
  readonly handlerId: string | undefined;
  readonly requestedOutcome: string | undefined;
  readonly investigation: { readonly findings: string; readonly verified: boolean } | undefined;
  readonly proposal: string | undefined;
  readonly escalation: EscalationReport | undefined;
  readonly handlerFindings: boolean;
  readonly disposition: string | undefined;
  readonly resolution: string | undefined;
  readonly report:
    | { readonly process: string; readonly result: string; readonly by: Signature }
    | undefined;
  readonly reportedToStoreManager: boolean;
  readonly routedToOperations: boolean;
  readonly difficult: boolean;
  readonly callbacks: readonly string[];
  /** C9: the due instant of the last callback raised (the workflow raises each once). */
  readonly callbackDueRaised: string | undefined;
}

/** A case before it is lodged. */
export const initialComplaintState: ComplaintState = {
  status: "none",
  caseId: "",
  channel: undefined,
  place: undefined,
  department: "",
  staffConcerned: undefined,
  causedByMerchant: false,
  lodgedAt: "",
  businessDay: "",
  supervisorId: undefined,
  handlerId: undefined,
  requestedOutcome: undefined,
  investigation: undefined,
  proposal: undefined,
  escalation: undefined,
  handlerFindings: false,
  disposition: undefined,
  resolution: undefined,
  report: undefined,
  reportedToStoreManager: false,
  routedToOperations: false,
  difficult: false,
  callbacks: [],
  callbackDueRaised: undefined,
};

/** Whether a case is still open (lodged and not yet resolved). */
export function isUnresolved(state: ComplaintState): boolean {
  return state.status !== "none" && state.status !== "resolved" && state.status !== "closed";
}
