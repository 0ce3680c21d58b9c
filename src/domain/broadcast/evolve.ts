import { produce } from "immer";
import type { BroadcastEvent } from "./events.js";
import type { BroadcastState } from "./state.js";

/**
 * Folds a broadcast event into the room's state, with immer's `produce`.
 *
 * @example
 * ```ts
 * const state = events.reduce(evolveBroadcast, initialBroadcastState);
 * ```
 */
export function evolveBroadcast(state: BroadcastState, event: BroadcastEvent): BroadcastState {
  return produce(state, (draft) => {
    switch (event.type) {
      case "BroadcastRequested": {
        const { requestedBy, ...request } = event.data;
        draft.requests[request.requestId] = {
          ...request,
          status: "requested",
          requestedBy: { ...requestedBy },
        };
        return;
      }
      case "BroadcastRequestSigned": {
        const request = draft.requests[event.data.requestId];
        if (!request) return;
        request.status = "signed";
        request.floorManager = { ...event.data.floorManager };
        return;
      }
      case "BroadcastRequestApproved": {
        const request = draft.requests[event.data.requestId];
        if (!request) return;
        request.status = "approved";
        request.csManager = { ...event.data.csManager };
        return;
      }
      case "BroadcastRecorded": {
        const request = draft.requests[event.data.requestId];
        if (!request) return;
        request.status = "recorded";
        request.recordedBy = { ...event.data.recordedBy };
        return;
      }
      case "PlaylistPlanned":
        draft.plans[event.data.planId] = { day: event.data.day, revision: event.data.revision };
        return;
      default: {
        const unknown: never = event;
        throw new Error(`Unknown broadcast event ${JSON.stringify(unknown)}`);
      }
    }
  });
}
