import type { ConductOffence } from "./events.js";

/** One person's conduct record (S9): how many times each offence was recorded. */
export interface ConductState {
  readonly staffId: string;
  readonly occurrences: Readonly<Record<ConductOffence, number>>;
}

/** A clean record. */
export const initialConductState: ConductState = {
  staffId: "",
  occurrences: { eatingAtPost: 0, failingToStand: 0 },
};
