import { produce } from "immer";
import type { ConductEvent } from "./events.js";
import type { ConductState } from "./state.js";

/**
 * Folds a penalty into the person's record: one more occurrence of the offence (immer's
 * `produce`, as the other Shift deciders).
 *
 * @example
 * ```ts
 * const state = events.reduce(evolveConduct, initialConductState);
 * ```
 */
export function evolveConduct(state: ConductState, event: ConductEvent): ConductState {
  switch (event.type) {
    case "ConductPenaltyRecorded": {
      const { staffId, offence } = event.data;
      return produce(state, (draft) => {
        draft.staffId = staffId;
        draft.occurrences[offence] += 1;
      });
    }
    default: {
      const unknown: never = event.type;
      throw new Error(`unknown event ${unknown as string}`);
    }
  }
}
