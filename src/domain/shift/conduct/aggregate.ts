import { defineAggregate, streamName } from "../../../kernel/aggregate.js";
import type { Decider } from "../../../kernel/decider.js";
import { type ConductCommand, conductCommands } from "./commands.js";
import { decideConduct } from "./decide.js";
import { type ConductEvent, conductEvents } from "./events.js";
import { evolveConduct } from "./evolve.js";
import { type ConductState, initialConductState } from "./state.js";

/**
 * A person's conduct record as a decider (S9): penalties recorded per person, the warning-then-
 * fine ladder counted on the record.
 *
 * @example
 * ```ts
 * const state = replay(conductDecider, events);
 * ```
 */
export const conductDecider: Decider<ConductCommand, ConductEvent, ConductState> = {
  initialState: initialConductState,
  decide: decideConduct,
  evolve: evolveConduct,
};

/**
 * One stream per site and person, `<siteId>/conduct/<staffId>`.
 *
 * @example
 * ```ts
 * await ops.execute(RecordFailureToStand({ staffId: "a1", official: "deputy GM" }), { actor: teamLead });
 * ```
 */
export const conductAggregate = defineAggregate({
  name: "conduct",
  version: 1,
  decider: conductDecider,
  commands: conductCommands,
  events: conductEvents,
  streamId: (command, scope) => conductStream(scope.siteId, command.data.staffId),
});

/**
 * The stream of a person's conduct record.
 *
 * @example
 * ```ts
 * conductStream("mall-1", "a1"); // "mall-1/conduct/a1"
 * ```
 */
export function conductStream(siteId: string, staffId: string): string {
  return streamName(siteId, "conduct", staffId);
}
