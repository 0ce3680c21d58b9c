import type { DayCloseEvent } from "./events.js";
import type { DayCloseState } from "./state.js";

/**
 * Folds a day-close event into the day's close (plain spreads: the state is small and flat).
 *
 * @example
 * ```ts
 * const state = events.reduce(evolveDayClose, initialDayCloseState);
 * ```
 */
export function evolveDayClose(state: DayCloseState, event: DayCloseEvent): DayCloseState {
  switch (event.type) {
    case "DayCloseBegun":
      return { ...state, phase: "closing" };
    case "CashDrawerCounted":
      return { ...state, cashCounted: event.data.counted };
    case "DayCloseDiscrepanciesListed":
      return { ...state, discrepancies: event.data.discrepancies };
    case "DayCloseDiscrepancyAnnotated": {
      const { discrepancyId, note, by } = event.data;
      return {
        ...state,
        discrepancies: (state.discrepancies ?? []).map((d) =>
          d.id === discrepancyId ? { ...d, note, annotatedBy: `${by.staffId} (${by.role})` } : d,
        ),
      };
    }
    case "ValuablesLocked":
      return { ...state, valuablesLocked: true };
    case "HandoverWrittenRecorded":
      return { ...state, handoverId: event.data.handoverId };
    case "BusinessDayClosed":
      return { ...state, phase: "closed" };
    case "DayCloseWithdrawn":
      return { ...state, phase: "open", cashCounted: undefined, discrepancies: undefined };
    default:
      return state;
  }
}
