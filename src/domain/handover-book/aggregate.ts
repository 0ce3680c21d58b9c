import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { type HandoverBookCommand, handoverBookCommands } from "./commands.js";
import { decideHandoverBook } from "./decide.js";
import { type HandoverBookEvent, handoverBookEvents } from "./events.js";
import { evolveHandoverBook } from "./evolve.js";
import { type HandoverBookState, initialHandoverBookState } from "./state.js";

/**
 * A business day's handover book as a decider: who wrote and who countersigned each shift's
 * entry (S5). The figures are not in it: the `handoverBook` projection counts them.
 *
 * @example
 * ```ts
 * const book = replay(handoverBookDecider, events);
 * ```
 */
export const handoverBookDecider: Decider<
  HandoverBookCommand,
  HandoverBookEvent,
  HandoverBookState
> = {
  initialState: initialHandoverBookState,
  decide: decideHandoverBook,
  evolve: evolveHandoverBook,
};

/**
 * One stream per site and business day, `<siteId>/handover-book/<YYYY-MM-DD>`.
 *
 * @example
 * ```ts
 * await ops.execute(WriteHandoverEntry({ shift: "early", notableEvents: ["fire drill at 15:00"] }), { actor: outgoing });
 * await ops.execute(CountersignHandover({ shift: "early" }), { actor: incoming });
 * ```
 */
export const handoverBookAggregate = defineAggregate({
  name: "handover-book",
  version: 1,
  decider: handoverBookDecider,
  commands: handoverBookCommands,
  events: handoverBookEvents,
  streamId: (_command, scope) => handoverBookStream(scope.siteId, scope.businessDay),
});

/**
 * The handover-book stream of a site on a business day.
 *
 * @example
 * ```ts
 * handoverBookStream("club-1", "2026-11-22"); // "club-1/handover-book/2026-11-22"
 * ```
 */
export function handoverBookStream(siteId: string, businessDay: string): string {
  return streamName(siteId, "handover-book", businessDay);
}
