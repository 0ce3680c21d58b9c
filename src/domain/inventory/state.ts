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
   * The day's full pages of receipts: shelves of `RECEIPT_SHELF` pages of `RECEIPT_PAGE`
   * receipts. Receipt n is at `receiptAt(day, n)`.
   */
  readonly receiptShelves: readonly (readonly (readonly ReceiptState[])[])[];
  /**
   * The receipts after the last full page (fewer than `RECEIPT_PAGE`). A sale copies this short
   * list only; every `RECEIPT_PAGE` sales it goes onto a shelf as a full page, which copies that
   * shelf and the list of shelves. So a sale copies about 17 entries, not every receipt of the
   * day: with one flat list a day of 10,000 sales copied 50 million entries, with pages of 256
   * each sale copied about 170, and with the page, its shelf and the shelves copied on every
   * sale about 40 (bench/README.md).
   */
  readonly receiptTail: readonly ReceiptState[];
}

/** Receipts per page of `InventoryDay.receiptShelves` (and at most, less one, in its tail). */
export const RECEIPT_PAGE = 32;
/** Pages per shelf of `InventoryDay.receiptShelves`. */
export const RECEIPT_SHELF = 32;

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
  if (receiptNumber > day.receiptCount) return undefined;
  const paged = day.receiptCount - day.receiptTail.length;
  if (receiptNumber > paged) return day.receiptTail[receiptNumber - paged - 1];
  const [shelf, page, slot] = receiptPlace(receiptNumber);
  return day.receiptShelves[shelf]?.[page]?.[slot];
}

/**
 * Where receipt `receiptNumber` (from 1) sits once its page is full: its shelf, page and slot.
 *
 * @example
 * ```ts
 * receiptPlace(1); // [0, 0, 0]
 * receiptPlace(RECEIPT_PAGE * RECEIPT_SHELF + 1); // [1, 0, 0]
 * ```
 */
export function receiptPlace(receiptNumber: number): readonly [number, number, number] {
  const index = receiptNumber - 1;
  const perShelf = RECEIPT_PAGE * RECEIPT_SHELF;
  const shelf = Math.floor(index / perShelf);
  const onShelf = index - shelf * perShelf;
  const page = Math.floor(onShelf / RECEIPT_PAGE);
  return [shelf, page, onShelf - page * RECEIPT_PAGE];
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
