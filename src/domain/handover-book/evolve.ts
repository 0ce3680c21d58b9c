import type { HandoverBookEvent } from "./events.js";
import type { HandoverBookState } from "./state.js";

/**
 * Folds one handover-book event into the day's book.
 *
 * @example
 * ```ts
 * evolveHandoverBook(initialHandoverBookState, written).awaiting; // "early"
 * ```
 */
export function evolveHandoverBook(
  state: HandoverBookState,
  event: HandoverBookEvent,
): HandoverBookState {
  switch (event.type) {
    case "HandoverEntryWritten": {
      const entries = new Map(state.entries);
      entries.set(event.data.shift, { outgoing: event.data.outgoing, incoming: undefined });
      return { entries, awaiting: event.data.shift };
    }
    case "HandoverEntryCountersigned": {
      const entry = state.entries.get(event.data.shift);
      if (!entry) return state;
      const entries = new Map(state.entries);
      entries.set(event.data.shift, { ...entry, incoming: event.data.incoming });
      return {
        entries,
        awaiting: state.awaiting === event.data.shift ? undefined : state.awaiting,
      };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown handover-book event ${JSON.stringify(unknown)}`);
    }
  }
}
