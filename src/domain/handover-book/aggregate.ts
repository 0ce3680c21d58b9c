import { defineAggregate, type Enlistment, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { dayCloseAggregate } from "../day-close/aggregate.js";
import { RecordHandoverWritten } from "../day-close/commands.js";
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
  enlist: enlistDayCloseHandover,
});

/**
 * S5, S7: a countersigned entry is the day's handover written, which the day close requires: the
 * countersignature enlists `RecordHandoverWritten` on the day's close stream, in the same append.
 *
 * @example
 * ```ts
 * enlistDayCloseHandover(HandoverEntryCountersigned({ businessDay: "2026-11-23", shift: "late", incoming }));
 * // [{ aggregate: dayCloseAggregate, command: RecordHandoverWritten { businessDay: "2026-11-23", handoverId: "2026-11-23 late" } }]
 * ```
 */
export function enlistDayCloseHandover(event: HandoverBookEvent): readonly Enlistment[] {
  if (event.type !== "HandoverEntryCountersigned") return [];
  const { businessDay, shift } = event.data;
  return [
    {
      aggregate: dayCloseAggregate,
      command: {
        type: RecordHandoverWritten.type,
        data: { businessDay, handoverId: `${businessDay} ${shift}` },
      },
    },
  ];
}

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
