/** A line of a purchase request: an item and how many to buy. */
export interface PurchaseLine {
  readonly item: string;
  readonly quantity: number;
}

/**
 * N8: next month's purchase request from the month-end stocktake: for each item with a par
 * level, what brings the counted stock back up to it (nothing for an item at or above par), in
 * item order.
 *
 * @example
 * ```ts
 * purchaseRequest({ water: 48, cola: 24 }, { water: 10, cola: 30 }); // [{ item: "water", quantity: 38 }]
 * ```
 */
export function purchaseRequest(
  parLevels: Readonly<Record<string, number>>,
  counts: Readonly<Record<string, number>>,
): PurchaseLine[] {
  return Object.keys(parLevels)
    .sort()
    .map((item) => ({ item, quantity: (parLevels[item] ?? 0) - Math.max(0, counts[item] ?? 0) }))
    .filter((line) => line.quantity > 0);
}
