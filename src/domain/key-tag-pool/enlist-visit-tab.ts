import type { Enlistment } from "../../kernel/aggregate.js";
import { visitAggregate } from "../visit/aggregate.js";
import { ChargeTab, CreditTab } from "../visit/commands.js";
import type { KeyTagPoolEvent } from "./events.js";

/**
 * N2, V4: the charge the pool routed to a visit goes on that visit's tab, in the same atomic
 * append, through the Visit's own `ChargeTab` (so V4 keeps the visit from checking out until the
 * tab is settled); a credit (a receipt lowered or voided: N3, N4) comes off it through
 * `CreditTab`. Built as a plain message: its data comes from an event already checked.
 *
 * @example
 * ```ts
 * enlistVisitTab(KeyTagHolderCharged({ tag: "17", visitId: "v-1", amount: 1200, source: "waterBar", reference: "bar#1" }));
 * // [{ aggregate: visitAggregate, command: ChargeTab { visitId: "v-1", amount: 1200, … } }]
 * ```
 */
export function enlistVisitTab(event: KeyTagPoolEvent): readonly Enlistment[] {
  if (event.type !== "KeyTagHolderCharged" && event.type !== "KeyTagHolderCredited") return [];
  const { visitId, amount, source, reference } = event.data;
  const type = event.type === "KeyTagHolderCharged" ? ChargeTab.type : CreditTab.type;
  return [
    { aggregate: visitAggregate, command: { type, data: { visitId, amount, source, reference } } },
  ];
}
