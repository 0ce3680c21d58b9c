import type { DayCloseDiscrepancy, DiscrepancyKind } from "./commands.js";

/** Where a business day's close stands. */
export type DayClosePhase = "open" | "closing" | "closed";

/** A listed discrepancy and, once given, its annotation. */
export interface ListedDiscrepancy extends DayCloseDiscrepancy {
  readonly note?: string;
  readonly annotatedBy?: string;
}

/**
 * One business day's close: its phase, the drawer's count, the discrepancies (undefined until
 * listed) and the closing list (valuables locked, handover written).
 */
export interface DayCloseState {
  readonly phase: DayClosePhase;
  readonly cashCounted: readonly { method: string; amount: number }[] | undefined;
  readonly discrepancies: readonly ListedDiscrepancy[] | undefined;
  readonly valuablesLocked: boolean;
  /** The handover entry's id, once written. */
  readonly handoverId: string | undefined;
}

export const initialDayCloseState: DayCloseState = {
  phase: "open",
  cashCounted: undefined,
  discrepancies: undefined,
  valuablesLocked: false,
  handoverId: undefined,
};

/**
 * Who annotates a discrepancy of each kind (S7, V6, N5): key tags the front desk or the duty
 * manager; stock the CS manager (N5: reported to the CS manager); cash the cashier or the duty
 * manager.
 *
 * @example
 * ```ts
 * ANNOTATING_ROLES.stock; // ["csManager"]
 * ```
 */
export const ANNOTATING_ROLES: Readonly<Record<DiscrepancyKind, readonly string[]>> = {
  keyTags: ["frontDesk", "dutyManager"],
  stock: ["csManager"],
  cash: ["cashier", "dutyManager"],
};

/**
 * What the day still lacks before `CloseBusinessDay`, in words; empty when it may close.
 *
 * @example
 * ```ts
 * missingForClose(state); // ["the valuables are not locked", "stock:bar:water is not annotated (csManager)"]
 * ```
 */
export function missingForClose(state: DayCloseState): string[] {
  if (state.phase === "open") return ["the close has not begun"];
  if (state.phase === "closed") return [];
  const missing: string[] = [];
  if (state.cashCounted === undefined) missing.push("the cash drawer is not counted");
  if (state.discrepancies === undefined) missing.push("the discrepancies are not listed");
  for (const d of state.discrepancies ?? []) {
    if (d.note === undefined) {
      missing.push(`${d.id} is not annotated (${ANNOTATING_ROLES[d.kind].join(" or ")})`);
    }
  }
  if (!state.valuablesLocked) missing.push("the valuables are not locked");
  if (state.handoverId === undefined) missing.push("the handover is not written");
  return missing;
}
