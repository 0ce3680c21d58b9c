import { defineAggregate, streamName } from "../../../kernel/aggregate.js";
import type { Decider } from "../../../kernel/decider.js";
import { type RosterCommand, rosterCommands } from "./commands.js";
import { decideRoster } from "./decide.js";
import { type RosterEvent, rosterEvents } from "./events.js";
import { evolveRoster } from "./evolve.js";
import { initialRosterState, type RosterState } from "./state.js";

/**
 * A site's monthly roster as a decider: scheduled, adjusted and published by the CS manager
 * (S1–S4), with each day's break plan (S3).
 *
 * @example
 * ```ts
 * const state = replay(rosterDecider, events);
 * ```
 */
export const rosterDecider: Decider<RosterCommand, RosterEvent, RosterState> = {
  initialState: initialRosterState,
  decide: decideRoster,
  evolve: evolveRoster,
};

/**
 * One stream per site and calendar month, `<siteId>/roster/<YYYY-MM>`; a day's break plan goes
 * to its month's roster.
 *
 * @example
 * ```ts
 * await ops.execute(PublishRoster({ month: "2026-11" }), { actor: csManager });
 * ```
 */
export const rosterAggregate = defineAggregate({
  name: "roster",
  version: 1,
  decider: rosterDecider,
  commands: rosterCommands,
  events: rosterEvents,
  streamId: (command, scope) =>
    rosterStream(
      scope.siteId,
      command.type === "PlanBreaks" ? command.data.day.slice(0, 7) : command.data.month,
    ),
});

/**
 * The stream of a month's roster.
 *
 * @example
 * ```ts
 * rosterStream("mall-1", "2026-11"); // "mall-1/roster/2026-11"
 * ```
 */
export function rosterStream(siteId: string, month: string): string {
  return streamName(siteId, "roster", month);
}
