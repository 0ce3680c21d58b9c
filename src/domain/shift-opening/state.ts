import type { OpeningCheck } from "./commands.js";

/**
 * A business day's opening: who arrived (and whether late), who attended the pre-shift
 * meeting, who is at which post, the checks done, the message book read, and whether the desk
 * opened.
 */
export interface ShiftOpeningState {
  /** staff id → late or not. */
  readonly arrived: Readonly<Record<string, { readonly late: boolean }>>;
  readonly attended: readonly string[];
  /** staff id → post. */
  readonly posts: Readonly<Record<string, string>>;
  readonly checks: readonly OpeningCheck[];
  readonly messageBookRead: boolean;
  readonly opened: boolean;
}

export const initialShiftOpeningState: ShiftOpeningState = {
  arrived: {},
  attended: [],
  posts: {},
  checks: [],
  messageBookRead: false,
  opened: false,
};
