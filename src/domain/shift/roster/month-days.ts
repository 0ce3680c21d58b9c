import type { SiteCalendar } from "../../../kernel/calendar.js";

/**
 * The calendar days of a month (`YYYY-MM`), in order, as `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * monthDays("2026-12", calendar).length; // 31
 * ```
 */
export function monthDays(month: string, calendar: SiteCalendar): string[] {
  const days: string[] = [];
  for (let day = `${month}-01`; day.startsWith(month); day = calendar.addDays(day, 1)) {
    days.push(day);
  }
  return days;
}
