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
  /** Receipts of the day by number; the next number is `receipts.length + 1` (N2). */
  readonly receipts: readonly ReceiptState[];
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
