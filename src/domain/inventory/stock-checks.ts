import { RuleViolation, ValidationError } from "../../kernel/errors.js";
import { type Fen, formatFen, MAX_FEN } from "../../kernel/money.js";
import type { StockDifference } from "./events.js";
import type { InventoryState, ReceiptLineState } from "./state.js";

// The checks and arithmetic the inventory decider shares between its commands (N5, N6, N7).

/** N7: gift bags and boxes are packaging, sold at their marked price and registered. */
export function isPackaging(state: InventoryState, item: string): boolean {
  const kind = state.items[item]?.kind;
  return kind === "giftBag" || kind === "giftBox";
}

/** N7: gift bags and boxes sell at their marked price; promotion gifts are not sold. */
export function checkMarkedPrices(state: InventoryState, sold: readonly ReceiptLineState[]): void {
  for (const { item, unitPrice } of sold) {
    const listed = state.items[item];
    if (listed?.kind === "promotionGift") {
      throw new RuleViolation("N7", `${item} is a promotion gift: it is issued, not sold.`);
    }
    if (!isPackaging(state, item)) continue;
    if (listed?.price === undefined) {
      throw new RuleViolation("N7", `${item} has no marked price on the item list.`);
    }
    if (unitPrice !== listed.price) {
      throw new RuleViolation(
        "N7",
        `${item} sells at its marked price ${formatFen(listed.price)}, not ${formatFen(unitPrice)}.`,
      );
    }
  }
}

/** N6: taking `out` (and giving back `back`) leaves no item below zero. */
export function checkStock(
  state: InventoryState,
  location: string,
  out: ReadonlyMap<string, number>,
  back: ReadonlyMap<string, number>,
): void {
  for (const [item, quantity] of out) {
    const available = (state.stock[item] ?? 0) + (back.get(item) ?? 0);
    if (quantity > available) {
      throw new RuleViolation(
        "N6",
        `${location} has ${available} of ${item} in stock; ${quantity} cannot go out.`,
      );
    }
  }
}

/** A receipt's total in fen; a total past MAX_FEN is a ValidationError naming the lines. */
export function totalOf(sold: readonly ReceiptLineState[], subject: string): Fen {
  let total = 0;
  for (const { quantity, unitPrice } of sold) total += quantity * unitPrice;
  if (total > MAX_FEN) {
    throw new ValidationError(subject, [
      { path: "data.lines", message: `the receipt's total passes ${formatFen(MAX_FEN as Fen)}` },
    ]);
  }
  return total as Fen;
}

/** Quantities per item, lines of one item added up. */
export function tally(items: readonly { item: string; quantity: number }[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { item, quantity } of items) totals.set(item, (totals.get(item) ?? 0) + quantity);
  return totals;
}

/** Quantities per item as lines, in item order. */
export function lines(totals: ReadonlyMap<string, number>): { item: string; quantity: number }[] {
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([item, quantity]) => ({ item, quantity }));
}

/** Every item where the count is not what the book expects, in item order. */
export function compare(
  book: Readonly<Record<string, number>>,
  counted: ReadonlyMap<string, number>,
  notes: ReadonlyMap<string, string>,
): StockDifference[] {
  const items = [...new Set([...Object.keys(book), ...counted.keys()])].sort();
  const differences: StockDifference[] = [];
  for (const item of items) {
    const expected = book[item] ?? 0;
    const count = counted.get(item) ?? 0;
    if (expected === count) continue;
    const note = notes.get(item);
    differences.push({
      item,
      expected,
      counted: count,
      difference: count - expected,
      ...(note ? { note } : {}),
    });
  }
  return differences;
}
