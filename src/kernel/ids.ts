import { monotonicFactory } from "ulid";
import type { Clock } from "./clock.js";

/** Where ids come from: event ids and command ids the app did not give. */
export interface IdGenerator {
  next(): string;
}

/**
 * ULIDs timed by the given clock, monotonic within a millisecond (sortable in creation order).
 *
 * @example
 * ```ts
 * const ids = ulidIds(manualClock("2026-11-22T01:00:00Z"));
 * ids.next(); // "01KAK…"
 * ```
 */
export function ulidIds(clock: Clock): IdGenerator {
  const next = monotonicFactory();
  return { next: () => next(clock.now().getTime()) };
}

/**
 * Predictable ids (`prefix-000001`, …) for tests and golden files.
 *
 * @example
 * ```ts
 * const ids = sequentialIds("evt");
 * ids.next(); // "evt-000001"
 * ```
 */
export function sequentialIds(prefix = "id"): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, "0")}` };
}
