import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { type ShiftOpeningCommand, shiftOpeningCommands } from "./commands.js";
import { decideShiftOpening } from "./decide.js";
import { type ShiftOpeningEvent, shiftOpeningEvents } from "./events.js";
import { evolveShiftOpening } from "./evolve.js";
import { initialShiftOpeningState, type ShiftOpeningState } from "./state.js";

/**
 * A business day's opening as a decider.
 *
 * @example
 * ```ts
 * const state = replay(shiftOpeningDecider, events);
 * ```
 */
export const shiftOpeningDecider: Decider<
  ShiftOpeningCommand,
  ShiftOpeningEvent,
  ShiftOpeningState
> = {
  initialState: initialShiftOpeningState,
  decide: decideShiftOpening,
  evolve: evolveShiftOpening,
};

/**
 * One stream per site and business day (the day of the clock), `<siteId>/shift-opening/<day>`:
 * arrivals, the pre-shift meeting, posts, the opening checks, the message book, the opening. Apart
 * from the day's close stream, so that a late arrival never moves the stream every front-desk
 * command checks.
 *
 * @example
 * ```ts
 * await ops.execute(RecordArrival({ staffId: "s-1" }), { actor: { id: "s-1", role: "frontDesk", sites: ["club-1"] } });
 * ```
 */
export const shiftOpeningAggregate = defineAggregate({
  name: "shift-opening",
  version: 1,
  decider: shiftOpeningDecider,
  commands: shiftOpeningCommands,
  events: shiftOpeningEvents,
  streamId: (_command, scope) => shiftOpeningStream(scope.siteId, scope.businessDay),
});

/**
 * A business day's opening stream id.
 *
 * @example
 * ```ts
 * shiftOpeningStream("club-1", "2026-12-06"); // "club-1/shift-opening/2026-12-06"
 * ```
 */
export function shiftOpeningStream(siteId: string, businessDay: string): string {
  return streamName(siteId, "shift-opening", businessDay);
}
