import type { Gender } from "../shared/people.js";
import type { EntryCategory } from "./commands.js";

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
      /** Charged minus settled, in fen. */
      readonly tab: number;
    };

export const initialVisitState: VisitState = { status: "none" };
