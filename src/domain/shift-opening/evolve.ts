import type { ShiftOpeningEvent } from "./events.js";
import type { ShiftOpeningState } from "./state.js";

/**
 * Folds an opening event into the day's opening.
 *
 * @example
 * ```ts
 * const state = events.reduce(evolveShiftOpening, initialShiftOpeningState);
 * ```
 */
export function evolveShiftOpening(
  state: ShiftOpeningState,
  event: ShiftOpeningEvent,
): ShiftOpeningState {
  switch (event.type) {
    case "StaffArrived":
      return {
        ...state,
        arrived: { ...state.arrived, [event.data.staffId]: { late: event.data.late } },
      };
    case "PreShiftMeetingHeld":
      return { ...state, attended: [...new Set([...state.attended, ...event.data.attendees])] };
    case "PostTaken":
      return { ...state, posts: { ...state.posts, [event.data.staffId]: event.data.post } };
    case "OpeningChecksCompleted":
      return { ...state, checks: [...new Set([...state.checks, ...event.data.checks])] };
    case "MessageBookRead":
      return { ...state, messageBookRead: true };
    case "BusinessDayOpened":
      return { ...state, opened: true };
    default:
      return state;
  }
}
