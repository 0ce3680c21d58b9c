import type { Fen } from "../../kernel/money.js";
import type { ItemKind, Payment } from "./commands.js";

/** A line of a receipt as the state keeps it. */
export interface ReceiptLineState {
  readonly item: string;
  readonly quantity: number;
  readonly unitPrice: Fen;
}

/** A receipt of the open day (N2–N4). */
export interface ReceiptState {
  readonly lines: readonly ReceiptLineState[];
  readonly total: Fen;
  readonly payment: Payment;
  readonly voided: boolean;
}

/** The business day a location is in: opened by its count (N1), closed by its count (N5). */
export interface InventoryDay {
  readonly businessDay: string;
  readonly status: "open" | "closed";
  /** How many receipts the day has; the next number is `receiptCount + 1` (N2). */
  readonly receiptCount: number;
  /**
   * The day's receipts in pages of `RECEIPT_PAGE`, receipt n at `receiptAt(day, n)`. A sale
   * copies one page and the short list of pages, not every receipt of the day: with one flat
   * list, a day of 10,000 sales copied 50 million entries, and the water-bar day of the bench
   * ran 33 % slower than the Visit-only day (bench/README.md).
   */
  readonly receiptPages: readonly (readonly ReceiptState[])[];
}

/** Receipts per page of `InventoryDay.receiptPages`. */
export const RECEIPT_PAGE = 256;

/**
 * Receipt `receiptNumber` (from 1) of a day, or undefined.
 *
 * @example
 * ```ts
 * receiptAt(state.day, 3)?.total; // 1500
 * ```
 */
export function receiptAt(day: InventoryDay, receiptNumber: number): ReceiptState | undefined {
  if (!Number.isSafeInteger(receiptNumber) || receiptNumber < 1) return undefined;
  const index = receiptNumber - 1;
  return day.receiptPages[Math.floor(index / RECEIPT_PAGE)]?.[index % RECEIPT_PAGE];
}

/**
 * A stock location: its item list (N7), its book stock (what should be on the shelf: the last
 * count plus what moved since) and its current business day. Plain objects only, so that the
 * state snapshots as JSON.
 */
export interface InventoryState {
  readonly location: string | undefined;
  readonly items: Readonly<Record<string, { readonly kind: ItemKind; readonly price?: Fen }>>;
  /** Item → quantity by the book; never negative (N6). */
  readonly stock: Readonly<Record<string, number>>;
  readonly day: InventoryDay | undefined;
}

export const initialInventoryState: InventoryState = {
  location: undefined,
  items: {},
  stock: {},
  day: undefined,
};
