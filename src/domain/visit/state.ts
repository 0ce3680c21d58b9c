import type { Gender } from "../shared/people.js";
import type { EntryCategory } from "./commands.js";

/** A charge on the tab that may be credited back, by its reference (V4). */
export interface CreditableCharge {
  readonly reference: string;
  readonly amount: number;
}

/** A member's visit: nothing yet, inside (card held, tag out), or gone. */
export type VisitState =
  | { readonly status: "none" }
  | {
      readonly status: "inside" | "left";
      readonly visitId: string;
      readonly memberCard: string;
      readonly keyTag: string;
      readonly tagLost: boolean;
      readonly category: EntryCategory;
      readonly gender: Gender;
      /** Charged minus credited minus settled, in fen. */
      readonly tab: number;
      /**
       * What may still be credited back per charge reference (a water-bar receipt): charged
       * under it minus credited. Only charges that carry a reference are kept, as a short list
       * (a visit has a few): an object keyed by reference cost 6 µs a charge in the bench's
       * water-bar day, a new hidden class per key.
       */
      readonly creditable?: readonly CreditableCharge[];
    };

export const initialVisitState: VisitState = { status: "none" };
