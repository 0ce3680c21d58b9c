import type { DayCloseDiscrepancy } from "../domain/day-close/commands.js";
import { formatFen } from "../kernel/money.js";
import type { CashDrawer } from "../projections/cash-drawer.js";
import { type DayTagMovements, reconcileKeyTags } from "../projections/key-tag-reconciliation.js";
import type { StockDayReport } from "../projections/stock-report.js";

/** What the day close reads to find its discrepancies. */
export interface DayCloseFigures {
  readonly businessDay: string;
  readonly keyTags: ReadonlyMap<string, DayTagMovements>;
  readonly stock: ReadonlyMap<string, StockDayReport>;
  readonly drawer: CashDrawer;
  /** The cashier's count per payment method (`CountCashDrawer`). */
  readonly cashCounted: readonly { method: string; amount: number }[];
}

/**
 * The stock locations that opened `businessDay` and have not counted their close yet (N5): the
 * day close waits for them before it lists anything.
 *
 * @example
 * ```ts
 * uncountedLocations(await ops.read(stockReport), "2026-12-06"); // ["bar"]
 * ```
 */
export function uncountedLocations(
  stock: ReadonlyMap<string, StockDayReport>,
  businessDay: string,
): string[] {
  return [...stock.values()]
    .filter((day) => day.businessDay === businessDay && !day.closed)
    .map((day) => day.location)
    .sort();
}

/**
 * Every difference of a business day's close, each with the kind that says who annotates it:
 * the key-tag reconciliation's (V6), every stock item whose closing count differs from the book
 * (N5), and every payment method whose counted takings differ from the drawer's book (in − out).
 *
 * @example
 * ```ts
 * dayCloseDiscrepancies({ businessDay, keyTags, stock, drawer, cashCounted });
 * // [{ id: "stock:bar:water", kind: "stock", rule: "N5", text: "N5: bar, water: counted 20, …" }]
 * ```
 */
export function dayCloseDiscrepancies(figures: DayCloseFigures): DayCloseDiscrepancy[] {
  const { businessDay } = figures;
  const found: DayCloseDiscrepancy[] = [];
  reconcileKeyTags(figures.keyTags, businessDay).discrepancies.forEach((text, i) => {
    found.push({ id: `keyTags:${i + 1}`, kind: "keyTags", rule: "V6", text });
  });
  const days = [...figures.stock.values()]
    .filter((day) => day.businessDay === businessDay)
    .sort((a, b) => (a.location < b.location ? -1 : 1));
  for (const day of days) {
    for (const [item, line] of Object.entries(day.items)) {
      if (line.discrepancy === undefined || line.discrepancy === 0) continue;
      const expected = (line.counted ?? 0) - line.discrepancy;
      const note = line.note === undefined ? "" : ` (noted at the count: ${line.note})`;
      found.push({
        id: `stock:${day.location}:${item}`,
        kind: "stock",
        rule: "N5",
        text: `N5: ${day.location}, ${item}: counted ${line.counted}, the book says ${expected} (${signed(line.discrepancy)})${note}.`,
      });
    }
  }
  const book = figures.drawer.days.get(businessDay) ?? new Map();
  const counted = new Map(figures.cashCounted.map((line) => [line.method, line.amount]));
  for (const method of [...new Set([...book.keys(), ...counted.keys()])].sort()) {
    const line = book.get(method) ?? { in: 0, out: 0 };
    const expected = line.in - line.out;
    const count = counted.get(method) ?? 0;
    if (count === expected) continue;
    found.push({
      id: `cash:${method}`,
      kind: "cash",
      rule: "S7",
      text: `S7: ${method} counted ${formatFen(count)}, the drawer's book says ${formatFen(expected)} (${count > expected ? "+" : "−"}${formatFen(Math.abs(count - expected))}).`,
    });
  }
  return found;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : `−${-n}`;
}
