import type { Gender } from "../shared/people.js";
import type { Signature } from "../shared/signature.js";
import type { HandOffReason } from "./events.js";

/** A visitor being received today. */
export interface VisitorState {
  readonly visitorId: string;
  readonly name: string;
  readonly gender: Gender;
  readonly firstVisit: boolean;
  readonly namedConsultantId: string | undefined;
  readonly appointmentConsultantId: string | undefined;
  readonly deskSignature: Signature;
  readonly status: "registered" | "handedOff" | "received";
  readonly consultantId: string | undefined;
  readonly reason: HandOffReason | undefined;
  readonly arrivalDue: string | undefined;
  /** Pages sent to the current consultant for this visitor (V11). */
  readonly pages: number;
  /** The consultant the visitor's price request was routed to (V14). */
  readonly priceConsultantId: string | undefined;
  /** Consultants this visitor was already handed to (not tried again: V10, V11). */
  readonly tried: readonly string[];
}

/** Today's reception at one site: the consultants' sign-in rotation and the visitors. */
export interface ReceptionState {
  /** Consultant ids in sign-in order. */
  readonly rotation: readonly string[];
  /** Index in `rotation` where the next rotation hand-off starts looking. */
  readonly cursor: number;
  /** Consultants out of the centre, with why (V13). */
  readonly away: ReadonlyMap<string, "meal" | "outside">;
  readonly visitors: ReadonlyMap<string, VisitorState>;
}

export const initialReceptionState: ReceptionState = {
  rotation: [],
  cursor: 0,
  away: new Map(),
  visitors: new Map(),
};
