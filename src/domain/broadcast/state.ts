import type { Signature } from "../shared/signature.js";
import type { AnnouncementOnFile } from "./playlist-check.js";

/** A broadcast request and how far it has come: requested → signed → approved → recorded (B1). */
export interface BroadcastRequestState extends AnnouncementOnFile {
  readonly requestId: string;
  readonly merchant: string;
  readonly floor: string;
  readonly category: string;
  readonly brand: string;
  readonly text: string;
  readonly playFrom: string;
  readonly playUntil: string;
  readonly requestedBy: Signature;
  readonly floorManager?: Signature;
  readonly csManager?: Signature;
  readonly recordedBy?: Signature;
}

/**
 * A site's broadcast room: every request by id and, per plan id, the day and revision of its
 * latest plan. Plain objects only, so that the state snapshots as JSON.
 */
export interface BroadcastState {
  readonly requests: Readonly<Record<string, BroadcastRequestState>>;
  readonly plans: Readonly<Record<string, { readonly day: string; readonly revision: number }>>;
}

export const initialBroadcastState: BroadcastState = { requests: {}, plans: {} };
