import type { Fen } from "../../kernel/money.js";
import type { Gender } from "../shared/people.js";
import type { Signature } from "../shared/signature.js";
import type { FirstAidMeasure, IncidentResponsibility, IncidentSeverity } from "./commands.js";
import type { IncidentReportDraft } from "./report.js";

/** A care call made while the member recovers (I6). */
export interface IncidentCareCall {
  readonly caller: Signature;
  readonly notes: string;
  readonly homeVisit: boolean;
  readonly compensationTerms?: { readonly amount: Fen; readonly terms: string };
  readonly at: string;
}

/** An incident once reported: the member, what happened, and each step taken so far. */
export interface IncidentCase {
  readonly incidentId: string;
  readonly member: {
    readonly cardNumber: string;
    readonly name: string;
    readonly gender: Gender;
    readonly age?: number;
  };
  readonly whatHappened: string;
  readonly place: string;
  readonly severity: IncidentSeverity;
  /** I1: who was told first. */
  readonly notified: readonly Signature[];
  readonly reportedBy: Signature;
  /** ISO instant of the report: the case's age counts from it. */
  readonly reportedAt: string;
  /** I2. */
  readonly firstAid?: {
    readonly measures: readonly FirstAidMeasure[];
    readonly notes?: string;
    readonly coach: Signature;
    readonly at: string;
  };
  /** I3: the statement, and the member's signature once signed. */
  readonly statement?: {
    readonly text: string;
    readonly recordedBy: Signature;
    readonly at: string;
    readonly memberSignature?: Signature;
    readonly signedAt?: string;
  };
  /** I4. */
  readonly escort?: {
    readonly staff: Signature;
    readonly hospital?: string;
    readonly assignedBy: Signature;
  };
  /** I4: the latest assessment. */
  readonly responsibility?: {
    readonly finding: IncidentResponsibility;
    readonly notes: string;
    readonly assessedBy: Signature;
  };
  /** I5. */
  readonly examination?: {
    readonly outcome: string;
    readonly costs: Fen;
    readonly memberSignature: Signature;
    readonly at: string;
  };
  /** I6, in the order made. */
  readonly careCalls: readonly IncidentCareCall[];
  /** I7: the report as last written. */
  readonly report?: IncidentReportDraft;
  readonly closedAt?: string;
}

/** One incident's stream: not reported yet, open, or closed with its report (I7). */
export type IncidentState =
  | { readonly status: "none" }
  | ({ readonly status: "open" | "closed" } & IncidentCase);

export const initialIncidentState: IncidentState = { status: "none" };
