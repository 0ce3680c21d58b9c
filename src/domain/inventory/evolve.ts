import { type Draft, produce } from "immer";
import type { InventoryEvent } from "./events.js";
import type { InventoryState } from "./state.js";

/**
 * Folds an inventory event into the location's state, with immer's `produce`.
 *
 * @example
 * ```ts
 * const state = events.reduce(evolveInventory, initialInventoryState);
 * ```
 */
export function evolveInventory(state: InventoryState, event: InventoryEvent): InventoryState {
  return produce(state, (draft) => apply(draft, event));
}

function move(draft: Draft<InventoryState>, item: string, by: number): void {
  draft.stock[item] = (draft.stock[item] ?? 0) + by;
}

function apply(draft: Draft<InventoryState>, event: InventoryEvent): void {
  switch (event.type) {
    case "ItemsListed":
      draft.location = event.data.location;
      for (const { item, kind, price } of event.data.items) {
        draft.items[item] = price === undefined ? { kind } : { kind, price };
      }
      return;
    case "OpeningStockCounted":
      draft.location = event.data.location;
      draft.stock = {};
      for (const { item, quantity } of event.data.counts) draft.stock[item] = quantity;
      draft.day = { businessDay: event.data.businessDay, status: "open", receipts: [] };
      return;
    case "StockReceived":
      for (const { item, quantity } of event.data.lines) move(draft, item, quantity);
      return;
    case "ItemsSold":
      for (const { item, quantity } of event.data.lines) move(draft, item, -quantity);
      draft.day?.receipts.push({
        lines: event.data.lines,
        total: event.data.total,
        payment: event.data.payment,
        voided: false,
      });
      return;
    case "ReceiptCorrected": {
      const receipt = draft.day?.receipts[event.data.receiptNumber - 1];
      if (!receipt) return;
      for (const { item, quantity } of receipt.lines) move(draft, item, quantity);
      for (const { item, quantity } of event.data.lines) move(draft, item, -quantity);
      receipt.lines = event.data.lines;
      receipt.total = event.data.total;
      return;
    }
    case "ReceiptVoided": {
      const receipt = draft.day?.receipts[event.data.receiptNumber - 1];
      if (!receipt) return;
      for (const { item, quantity } of receipt.lines) move(draft, item, quantity);
      receipt.voided = true;
      return;
    }
    case "PromotionGiftIssued":
    case "StockWrittenOff":
      move(draft, event.data.item, -event.data.quantity);
      return;
    case "ClosingStockCounted":
      draft.stock = {};
      for (const { item, quantity } of event.data.counts) draft.stock[item] = quantity;
      if (draft.day) draft.day.status = "closed";
      return;
    case "OpeningDifferencesReported":
    case "PackagingSaleRegistered":
    case "VoidLiabilityRecorded":
    case "StockDiscrepancyReported":
      return;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown inventory event ${JSON.stringify(unknown)}`);
    }
  }
}
