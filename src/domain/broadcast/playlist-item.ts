import { z } from "zod";
import { id } from "../shared/people.js";

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

/**
 * A local wall-clock time of the plan's day, `"HH:mm"` (24-hour), in the site's time zone.
 *
 * @example
 * ```ts
 * ClockTime.parse("18:45");
 * ```
 */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:mm (24-hour)");

/**
 * One item of a playlist plan (B1), in the order it plays: a song, a merchant's announcement
 * (by its request id; only a recorded one may play), the courtesy notice (温馨提示), the safety
 * notice (安全提示), or a class announcement at `at` for a class starting at `startsAt`.
 *
 * @example
 * ```ts
 * PlaylistItem.parse({ kind: "class", className: "Yoga", startsAt: "19:00", at: "18:45" });
 * ```
 */
export const PlaylistItem = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("song"), title: text(200) }),
  z.strictObject({ kind: z.literal("announcement"), requestId: id }),
  z.strictObject({ kind: z.literal("courtesy") }),
  z.strictObject({ kind: z.literal("safety") }),
  z.strictObject({
    kind: z.literal("class"),
    className: text(100),
    startsAt: ClockTime,
    at: ClockTime,
  }),
]);
export type PlaylistItem = z.infer<typeof PlaylistItem>;

/**
 * A class of the day's timetable: every one is announced `CLASS_ANNOUNCEMENT_LEAD_MINUTES`
 * before it starts (B1).
 *
 * @example
 * ```ts
 * TimetableClass.parse({ className: "Spinning", startsAt: "19:30" });
 * ```
 */
export const TimetableClass = z.strictObject({ className: text(100), startsAt: ClockTime });
export type TimetableClass = z.infer<typeof TimetableClass>;
