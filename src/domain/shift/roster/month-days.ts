/**
 * The calendar days of a month (`YYYY-MM`), in order, as `YYYY-MM-DD`. Calendar days need no
 * time zone: the month's days are the same in every zone.
 *
 * @example
 * ```ts
 * monthDays("2026-12").length; // 31
 * ```
 */
export function monthDays(month: string): string[] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}
