import type { SiteCalendar } from "../../../kernel/calendar.js";
import type { VenueRate } from "./commands.js";

const PERIOD_MS = { hour: 3600_000, halfHour: 1800_000 } as const;

/**
 * G1: the venue fee of a session from `startedAt` to `endedAt` at `rate`: every started period
 * (an hour or a half hour of elapsed time, counted with the calendar's one deadline algebra) is
 * charged in full, and a session costs at least one period. Sixty minutes at ¥80.00 an hour is
 * ¥80.00; sixty-one minutes is ¥160.00. Not bounded here: the decider checks the bill.
 *
 * @example
 * ```ts
 * venueFee(new Date("2026-11-23T11:00:00Z"), new Date("2026-11-23T12:40:00Z"), { per: "halfHour", amount: 4000 }, calendar);
 * // { periods: 4, fee: 16000 }
 * ```
 */
export function venueFee(
  startedAt: Date,
  endedAt: Date,
  rate: { readonly per: VenueRate["per"]; readonly amount: number },
  calendar: SiteCalendar,
): { readonly periods: number; readonly fee: number } {
  const period = { ms: PERIOD_MS[rate.per], counting: "elapsed" } as const;
  const started = calendar.startedPeriodsBeyond(
    startedAt,
    endedAt,
    { ms: 0, counting: "elapsed" },
    period,
  );
  const periods = Math.max(1, started);
  return { periods, fee: periods * rate.amount };
}
