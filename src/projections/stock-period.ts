import type { StockDayReport } from "./stock-report.js";

/** A location's movements over several days (a week, a month), item by item (N8). */
export interface StockPeriodReport {
  readonly location: string;
  readonly from: string;
  readonly to: string;
  /** The business days in the period that have a report, in order. */
  readonly days: readonly string[];
  readonly items: Readonly<
    Record<
      string,
      {
        readonly received: number;
        readonly sold: number;
        readonly issued: number;
        readonly writtenOff: number;
        readonly discrepancy: number;
      }
    >
  >;
  readonly takings: number;
}

/**
 * N8: the weekly or monthly report of a location: the daily reports from `from` to `to`
 * (inclusive, `YYYY-MM-DD`) added up.
 *
 * @example
 * ```ts
 * stockPeriod(await ops.read(stockReport), "bar", "2026-11-01", "2026-11-30").items.water.sold;
 * ```
 */
export function stockPeriod(
  view: ReadonlyMap<string, StockDayReport>,
  location: string,
  from: string,
  to: string,
): StockPeriodReport {
  const days = [...view.values()]
    .filter((d) => d.location === location && d.businessDay >= from && d.businessDay <= to)
    .sort((a, b) => (a.businessDay < b.businessDay ? -1 : 1));
  const items: Record<
    string,
    { received: number; sold: number; issued: number; writtenOff: number; discrepancy: number }
  > = {};
  let takings = 0;
  for (const day of days) {
    takings += day.takings;
    for (const [item, line] of Object.entries(day.items)) {
      const sum = items[item] ?? { received: 0, sold: 0, issued: 0, writtenOff: 0, discrepancy: 0 };
      items[item] = {
        received: sum.received + line.received,
        sold: sum.sold + line.sold,
        issued: sum.issued + line.issued,
        writtenOff: sum.writtenOff + line.writtenOff,
        discrepancy: sum.discrepancy + (line.discrepancy ?? 0),
      };
    }
  }
  return { location, from, to, days: days.map((d) => d.businessDay), items, takings };
}
