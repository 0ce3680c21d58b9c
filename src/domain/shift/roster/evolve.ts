import { type Draft, produce } from "immer";
import type { RosterEvent } from "./events.js";
import type { RosterState } from "./state.js";

/**
 * Folds a roster event into the month's roster, with immer's `produce`.
 *
 * @example
 * ```ts
 * const state = events.reduce(evolveRoster, initialRosterState);
 * ```
 */
export function evolveRoster(state: RosterState, event: RosterEvent): RosterState {
  return produce(state, (draft) => apply(draft, event));
}

function apply(draft: Draft<RosterState>, event: RosterEvent): void {
  switch (event.type) {
    case "RosterScheduled": {
      const { month, points, staff, shifts } = event.data;
      Object.assign(draft, { status: "draft", month, points, staff, shifts });
      return;
    }
    case "RosterAdjusted":
      draft.shifts = event.data.shifts;
      return;
    case "RosterPublished": {
      const { month, points, staff, shifts, hours, holidayShifts } = event.data;
      Object.assign(draft, {
        status: "published",
        month,
        points,
        staff,
        shifts,
        hours,
        holidayShifts,
      });
      return;
    }
    case "BreaksPlanned":
      draft.breaks[event.data.day] = event.data.breaks;
      return;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${(unknown as { type: string }).type}`);
    }
  }
}
