import { type Draft, produce } from "immer";
import type { PostDutyEvent } from "./events.js";
import type { PostDutyState } from "./state.js";

/**
 * Folds a post-duty event into the day's state, with immer's `produce`.
 *
 * @example
 * ```ts
 * const state = events.reduce(evolvePostDuty, initialPostDutyState);
 * ```
 */
export function evolvePostDuty(state: PostDutyState, event: PostDutyEvent): PostDutyState {
  return produce(state, (draft) => apply(draft, event));
}

function apply(draft: Draft<PostDutyState>, event: PostDutyEvent): void {
  switch (event.type) {
    case "LeaveFromPostRequested": {
      const { leaveId, staffId, pointId, reason } = event.data;
      draft.leaves[leaveId] = { staffId, pointId, reason, status: "requested" };
      return;
    }
    case "LeaveFromPostGranted":
    case "PostLeft":
    case "PostReturned": {
      const leave = draft.leaves[event.data.leaveId];
      const status = {
        LeaveFromPostGranted: "granted",
        PostLeft: "away",
        PostReturned: "returned",
      } as const;
      if (leave) leave.status = status[event.type];
      return;
    }
    case "PostLeftWithoutLeave":
      draft.breaches[event.data.staffId] = (draft.breaches[event.data.staffId] ?? 0) + 1;
      return;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${(unknown as { type: string }).type}`);
    }
  }
}
