import type { InventoryEvent } from "../domain/inventory/events.js";
import { defineProjection } from "../kernel/projection.js";

/** One item's movements at a location on a business day (N5, N8). */
export interface StockItemReport {
  readonly opening: number;
  readonly received: number;
  readonly sold: number;
  readonly issued: number;
  readonly writtenOff: number;
  /** The closing count; undefined until the day is closed. */
  readonly counted: number | undefined;
  /** counted − (opening + received − sold − issued − written off); undefined until closed. */
  readonly discrepancy: number | undefined;
  /** The note given with a discrepancy at close (N5). */
  readonly note?: string;
}

/** A location's business day: every item's movements, and the total taken on receipts. */
export interface StockDayReport {
  readonly location: string;
  readonly businessDay: string;
  readonly items: Readonly<Record<string, StockItemReport>>;
  /** Fen taken on the day's receipts (after corrections and voids). */
  readonly takings: number;
  /** Whether the closing count is in. */
  readonly closed: boolean;
}

const emptyItem: StockItemReport = {
  opening: 0,
  received: 0,
  sold: 0,
  issued: 0,
  writtenOff: 0,
  counted: undefined,
  discrepancy: undefined,
};

type Field = "opening" | "received" | "sold" | "issued" | "writtenOff";

/**
 * The key of a location's day in `stockReport`.
 *
 * @example
 * ```ts
 * stockDayKey("bar", "2026-11-22"); // "bar/2026-11-22"
 * ```
 */
export function stockDayKey(location: string, businessDay: string): string {
  return `${location}/${businessDay}`;
}

/**
 * N5, N8: the daily stock report of every location, keyed by `stockDayKey(location, day)`:
 * per item the opening count, what was received, sold, issued and written off, the closing count
 * and the discrepancy at close (what the CS manager is shown).
 *
 * @example
 * ```ts
 * const report = await ops.read(stockReport);
 * report.get(stockDayKey("bar", "2026-11-22"))?.items.water; // { opening: 24, sold: 3, … }
 * ```
 */
export const stockReport = defineProjection<ReadonlyMap<string, StockDayReport>, InventoryEvent>({
  name: "stock-report",
  initialView: new Map(),
  eventTypes: [
    "OpeningStockCounted",
    "StockReceived",
    "ItemsSold",
    "ReceiptCorrected",
    "ReceiptVoided",
    "PromotionGiftIssued",
    "StockWrittenOff",
    "ClosingStockCounted",
    "StockDiscrepancyReported",
  ],
  fold(view, event) {
    const { location, businessDay } = event.data as { location: string; businessDay: string };
    const key = stockDayKey(location, businessDay);
    const before: StockDayReport = view.get(key) ?? {
      location,
      businessDay,
      items: {},
      takings: 0,
      closed: false,
    };
    const after = apply(before, event);
    return after === before ? view : new Map(view).set(key, after);
  },
});

function add(
  day: StockDayReport,
  field: Field,
  moved: readonly { item: string; quantity: number }[],
  sign = 1,
): StockDayReport {
  const items = { ...day.items };
  for (const { item, quantity } of moved) {
    const now = items[item] ?? emptyItem;
    items[item] = { ...now, [field]: now[field] + sign * quantity };
  }
  return { ...day, items };
}

function apply(day: StockDayReport, event: InventoryEvent): StockDayReport {
  switch (event.type) {
    case "OpeningStockCounted":
      return add(day, "opening", event.data.counts);
    case "StockReceived":
      return add(day, "received", event.data.lines);
    case "ItemsSold":
      return { ...add(day, "sold", event.data.lines), takings: day.takings + event.data.total };
    case "ReceiptCorrected": {
      const undone = add(day, "sold", event.data.previousLines, -1);
      const redone = add(undone, "sold", event.data.lines);
      return { ...redone, takings: day.takings - event.data.previousTotal + event.data.total };
    }
    case "ReceiptVoided":
      return { ...add(day, "sold", event.data.lines, -1), takings: day.takings - event.data.total };
    case "PromotionGiftIssued":
      return add(day, "issued", [event.data]);
    case "StockWrittenOff":
      return add(day, "writtenOff", [event.data]);
    case "ClosingStockCounted": {
      const counted = new Map(event.data.counts.map((line) => [line.item, line.quantity]));
      const items: Record<string, StockItemReport> = {};
      for (const item of new Set([...Object.keys(day.items), ...counted.keys()])) {
        const line = day.items[item] ?? emptyItem;
        const count = counted.get(item) ?? 0;
        const expected = line.opening + line.received - line.sold - line.issued - line.writtenOff;
        items[item] = { ...line, counted: count, discrepancy: count - expected };
      }
      return { ...day, items, closed: true };
    }
    case "StockDiscrepancyReported": {
      const items = { ...day.items };
      for (const { item, note } of event.data.discrepancies) {
        const line = items[item];
        if (line && note !== undefined) items[item] = { ...line, note };
      }
      return { ...day, items };
    }
    default:
      return day;
  }
}

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
