import { z } from "zod";

/**
 * A calendar quarter, `"YYYY-Qn"` (`"2026-Q4"`: October to December), of business days in the
 * site's time zone.
 *
 * @example
 * ```ts
 * Quarter.parse("2026-Q4");
 * ```
 */
export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, "must be a quarter, YYYY-Qn (n 1–4)");
export type Quarter = z.infer<typeof Quarter>;

/**
 * The quarter a business day (`YYYY-MM-DD`, site zone) falls in.
 *
 * @example
 * ```ts
 * quarterOf("2026-11-22"); // "2026-Q4"
 * ```
 */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * The first and last business day of a quarter.
 *
 * @example
 * ```ts
 * quarterDays("2026-Q4"); // { firstDay: "2026-10-01", lastDay: "2026-12-31" }
 * ```
 */
export function quarterDays(quarter: string): { firstDay: string; lastDay: string } {
  const year = quarter.slice(0, 4);
  const n = Number(quarter.slice(6));
  const first = String(3 * n - 2).padStart(2, "0");
  const last = String(3 * n).padStart(2, "0");
  const lastDate = n === 1 || n === 4 ? 31 : 30;
  return { firstDay: `${year}-${first}-01`, lastDay: `${year}-${last}-${lastDate}` };
}
