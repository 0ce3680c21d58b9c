import type { Enlistment } from "../../kernel/aggregate.js";
import { visitAggregate } from "../visit/aggregate.js";
import { ChargeTab, CreditTab } from "../visit/commands.js";
import type { KeyTagPoolCommand } from "./commands.js";
import type { KeyTagPoolState } from "./state.js";

/**
 * N2, V4: the pool passes a charge on a key tag to the tab of the visit the tag is out on, in the
 * same atomic append, through the Visit's own `ChargeTab` (so V4 keeps the visit from checking
 * out until the tab is settled); a credit (a receipt lowered or voided: N3, N4) comes off it
 * through `CreditTab`. The pool writes no event of its own for it: `decide` has refused a tag
 * that is not out, and the pool's version is checked in the append, so the visit found here is
 * still the tag's holder when the charge lands. Built as a plain message: its data comes from a
 * command already checked.
 *
 * @example
 * ```ts
 * forwardToVisitTab(ChargeKeyTagHolder({ tag: "17", amount: 1200, source: "waterBar", reference: "bar#1" }), pool);
 * // [{ aggregate: visitAggregate, command: ChargeTab { visitId: "v-1", amount: 1200, … } }] (17 is out on v-1)
 * ```
 */
export function forwardToVisitTab(
  command: KeyTagPoolCommand,
  state: KeyTagPoolState,
): readonly Enlistment[] {
  if (command.type !== "ChargeKeyTagHolder" && command.type !== "CreditKeyTagHolder") return [];
  const { tag, amount, source, reference } = command.data;
  const visitId = state.out.get(tag);
  if (visitId === undefined) return [];
  const type = command.type === "ChargeKeyTagHolder" ? ChargeTab.type : CreditTab.type;
  return [
    { aggregate: visitAggregate, command: { type, data: { visitId, amount, source, reference } } },
  ];
}
