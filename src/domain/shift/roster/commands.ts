import { z } from "zod";
import { defineCommand, type MessageOf } from "../../../kernel/message.js";
import { id } from "../../shared/people.js";

/**
 * A calendar month of the site's zone, `YYYY-MM`: a roster's key (S2 caps hours per calendar
 * month).
 *
 * @example
 * ```ts
 * RosterMonth.parse("2026-12");
 * ```
 */
export const RosterMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM");

/**
 * A business day, `YYYY-MM-DD` in the site's zone.
 *
 * @example
 * ```ts
 * RosterDay.parse("2026-12-01");
 * ```
 */
export const RosterDay = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be YYYY-MM-DD");

/** A local wall-clock time, `HH:mm` (24-hour). */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:mm (24-hour)");

/**
 * One person on one service point on one day: the unit of a roster (S1). A working day counts
 * `workingDay.countedHours` (11) towards the month's cap (S2, S3).
 *
 * @example
 * ```ts
 * RosterShift.parse({ day: "2026-12-01", pointId: "service-1F", staffId: "a1" });
 * ```
 */
export const RosterShift = z.strictObject({ day: RosterDay, pointId: id, staffId: id });
export type RosterShift = z.infer<typeof RosterShift>;

/**
 * An adjustment the CS manager makes to a roster (S2):
 * - `swap`: `staffId`'s shift on `day` and `withStaffId`'s shift on `withDay` change hands (on
 *   one day, the two change points; across days, each works the other's day);
 * - `cover`: `byStaffId` works `staffId`'s shift on `day` (the manager covering a day);
 * - `add`: `staffId` is put on `pointId` on `day`;
 * - `remove`: `staffId`'s shift on `day` is taken off.
 *
 * @example
 * ```ts
 * RosterChange.parse({ kind: "cover", day: "2026-12-25", staffId: "a1", byStaffId: "manager" });
 * ```
 */
export const RosterChange = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("swap"),
    day: RosterDay,
    staffId: id,
    withDay: RosterDay,
    withStaffId: id,
  }),
  z.strictObject({ kind: z.literal("cover"), day: RosterDay, staffId: id, byStaffId: id }),
  z.strictObject({ kind: z.literal("add"), day: RosterDay, pointId: id, staffId: id }),
  z.strictObject({ kind: z.literal("remove"), day: RosterDay, staffId: id }),
]);
export type RosterChange = z.infer<typeof RosterChange>;

/**
 * One person's breaks on a day (S3): the start of lunch and of dinner, local `HH:mm`; each lasts
 * the window's `minutes` (60).
 *
 * @example
 * ```ts
 * PlannedBreak.parse({ staffId: "a1", lunch: "11:30", dinner: "17:00" });
 * ```
 */
export const PlannedBreak = z.strictObject({ staffId: id, lunch: clockTime, dinner: clockTime });
export type PlannedBreak = z.infer<typeof PlannedBreak>;

const ids = z.array(id).min(1, "must name at least one");

/**
 * S1–S4: the CS manager draws up the month's roster of a site: its service points, its staff
 * (the manager too, with the days they cover), and who is on which point each day. A draft: it
 * is checked when published. Drawn again while a draft, it replaces the draft.
 */
export const ScheduleRoster = defineCommand(
  "ScheduleRoster",
  z.strictObject({
    month: RosterMonth,
    points: ids,
    staff: ids,
    shifts: z.array(RosterShift).max(5000),
  }),
  { roles: ["csManager"], authorityRule: "S2" },
);

/**
 * S2: the CS manager adjusts the roster (swaps, covers). A published roster stays published
 * only if the adjusted one passes every check; otherwise the adjustment is refused with every
 * violation.
 */
export const AdjustRoster = defineCommand(
  "AdjustRoster",
  z.strictObject({
    month: RosterMonth,
    changes: z.array(RosterChange).min(1, "must hold at least one change").max(500),
    reason: z.string().trim().min(1, "must not be empty").max(500),
  }),
  { roles: ["csManager"], authorityRule: "S2" },
);

/** S1–S4: the roster is checked and published, or refused with every violation. */
export const PublishRoster = defineCommand(
  "PublishRoster",
  z.strictObject({ month: RosterMonth }),
  { roles: ["csManager"], authorityRule: "S2" },
);

/**
 * S3: a day's breaks on the published roster: each person rostered that day takes an hour of
 * lunch within `lunchWindow` and an hour of dinner within `dinnerWindow`, staggered so that no
 * point is ever empty. Planned again, the day's plan is replaced.
 */
export const PlanBreaks = defineCommand(
  "PlanBreaks",
  z.strictObject({ day: RosterDay, breaks: z.array(PlannedBreak).max(200) }),
  { roles: ["teamLead", "csManager"] },
);

export type ScheduleRoster = MessageOf<typeof ScheduleRoster>;
export type AdjustRoster = MessageOf<typeof AdjustRoster>;
export type PublishRoster = MessageOf<typeof PublishRoster>;
export type PlanBreaks = MessageOf<typeof PlanBreaks>;

export type RosterCommand = ScheduleRoster | AdjustRoster | PublishRoster | PlanBreaks;

export const rosterCommands = [ScheduleRoster, AdjustRoster, PublishRoster, PlanBreaks];
