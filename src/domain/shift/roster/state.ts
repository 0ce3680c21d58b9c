import type { RosterShift } from "./commands.js";
import type { BreaksPlanned, HolidayShift, RosterHours } from "./events.js";

/** `none` → `draft` (scheduled) → `published`; adjusting a published roster keeps it published. */
export type RosterStatus = "none" | "draft" | "published";

/** A day's break plan as planned (S3): each person's point, lunch and dinner. */
export type DayBreaks = BreaksPlanned["data"]["breaks"];

/** A month's roster of a site, folded from its events. */
export interface RosterState {
  readonly status: RosterStatus;
  readonly month: string;
  readonly points: readonly string[];
  readonly staff: readonly string[];
  readonly shifts: readonly RosterShift[];
  /** As last published (S2). */
  readonly hours: readonly RosterHours[];
  /** As last published (S4). */
  readonly holidayShifts: readonly HolidayShift[];
  /** The planned breaks, by day (S3). */
  readonly breaks: Readonly<Record<string, DayBreaks>>;
}

/** A roster before it is scheduled. */
export const initialRosterState: RosterState = {
  status: "none",
  month: "",
  points: [],
  staff: [],
  shifts: [],
  hours: [],
  holidayShifts: [],
  breaks: {},
};
