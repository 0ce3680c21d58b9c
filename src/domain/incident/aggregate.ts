import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { type IncidentCommand, incidentCommands } from "./commands.js";
import { decideIncident } from "./decide.js";
import { type IncidentEvent, incidentEvents } from "./events.js";
import { evolveIncident } from "./evolve.js";
import { incidentNotifications } from "./notifications.js";
import { type IncidentState, initialIncidentState } from "./state.js";

/**
 * An injury or emergency as a decider: report, first aid, statement, hospital, care calls,
 * written report and close (I1–I7). A report notifies those told first through the outbox (I1).
 *
 * @example
 * ```ts
 * const incident = replay(incidentDecider, events);
 * ```
 */
export const incidentDecider: Decider<IncidentCommand, IncidentEvent, IncidentState> = {
  initialState: initialIncidentState,
  decide: decideIncident,
  evolve: evolveIncident,
};

/**
 * One stream per incident, `<siteId>/incident/<incidentId>`.
 *
 * @example
 * ```ts
 * await ops.execute(RecordFirstAid({ incidentId: "inc-1", measures: ["clean", "dress"] }), { actor: coach });
 * ```
 */
export const incidentAggregate = defineAggregate({
  name: "incident",
  version: 1,
  decider: incidentDecider,
  commands: incidentCommands,
  events: incidentEvents,
  streamId: (command, scope) => incidentStream(scope.siteId, command.data.incidentId),
  notifications: incidentNotifications,
});

/**
 * An incident's stream id.
 *
 * @example
 * ```ts
 * incidentStream("club-1", "inc-1"); // "club-1/incident/inc-1"
 * ```
 */
export function incidentStream(siteId: string, incidentId: string): string {
  return streamName(siteId, "incident", incidentId);
}
