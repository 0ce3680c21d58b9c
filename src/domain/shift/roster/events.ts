import { z } from "zod";
import { defineEvent, type MessageOf } from "../../../kernel/message.js";
import { Signature } from "../../shared/signature.js";
import { RosterChange, RosterShift } from "./commands.js";

const span = z.object({ from: z.string(), to: z.string() });

/**
 * One person's scheduled time in a month (S2): working days and the hours they count.
 *
 * @example
 * ```ts
 * RosterHours.parse({ staffId: "a1", days: 15, hours: 165 });
 * ```
 */
export const RosterHours = z.object({
  staffId: z.string(),
  days: z.number().int().nonnegative(),
  hours: z.number().nonnegative(),
});
export type RosterHours = z.infer<typeof RosterHours>;

/**
 * A shift on a public holiday (S4): worked, and flagged for holiday pay.
 *
 * @example
 * ```ts
 * HolidayShift.parse({ day: "2027-01-01", pointId: "service-1F", staffId: "a1" });
 * ```
 */
export const HolidayShift = RosterShift;
export type HolidayShift = z.infer<typeof HolidayShift>;

export const RosterScheduled = defineEvent(
  "RosterScheduled",
  z.object({
    month: z.string(),
    points: z.array(z.string()),
    staff: z.array(z.string()),
    shifts: z.array(RosterShift),
    by: Signature,
  }),
);
export const RosterAdjusted = defineEvent(
  "RosterAdjusted",
  z.object({
    month: z.string(),
    changes: z.array(RosterChange),
    reason: z.string(),
    /** The roster's shifts after the changes. */
    shifts: z.array(RosterShift),
    by: Signature,
  }),
);
/** The roster as published, with each person's hours (S2) and the holiday shifts (S4). */
export const RosterPublished = defineEvent(
  "RosterPublished",
  z.object({
    month: z.string(),
    points: z.array(z.string()),
    staff: z.array(z.string()),
    shifts: z.array(RosterShift),
    hours: z.array(RosterHours),
    holidayShifts: z.array(HolidayShift),
    by: Signature,
  }),
);
export const BreaksPlanned = defineEvent(
  "BreaksPlanned",
  z.object({
    day: z.string(),
    breaks: z.array(
      z.object({ staffId: z.string(), pointId: z.string(), lunch: span, dinner: span }),
    ),
    by: Signature,
  }),
);

export type RosterScheduled = MessageOf<typeof RosterScheduled>;
export type RosterAdjusted = MessageOf<typeof RosterAdjusted>;
export type RosterPublished = MessageOf<typeof RosterPublished>;
export type BreaksPlanned = MessageOf<typeof BreaksPlanned>;

export type RosterEvent = RosterScheduled | RosterAdjusted | RosterPublished | BreaksPlanned;

export const rosterEvents = [RosterScheduled, RosterAdjusted, RosterPublished, BreaksPlanned];
