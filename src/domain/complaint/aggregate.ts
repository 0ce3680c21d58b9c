import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { type ComplaintCommand, complaintCommands } from "./commands.js";
import { decideComplaint } from "./decide.js";
import { type ComplaintEvent, complaintEvents } from "./events.js";
import { evolveComplaint } from "./evolve.js";
import { complaintNotifications } from "./notifications.js";
import { type ComplaintState, initialComplaintState } from "./state.js";

/**
 * A complaint case as a decider (C1–C15).
 *
 * @example
 * ```ts
 * const state = replay(complaintDecider, events);
 * ```
 */
export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  initialState: initialComplaintState,
  decide: decideComplaint,
  evolve: evolveComplaint,
};

/**
 * One stream per case, `<siteId>/complaint/<caseId>`.
 *
 * @example
 * ```ts
 * await ops.execute(LodgeComplaint({ caseId: "k-1", channel: "phone", ... }), { actor: dutyManager });
 * ```
 */
export const complaintAggregate = defineAggregate({
  name: "complaint",
  version: 2,
  decider: complaintDecider,
  commands: complaintCommands,
  events: complaintEvents,
  streamId: (command, scope) => complaintStream(scope.siteId, command.data.caseId),
  notifications: complaintNotifications,
});

/**
 * The stream of a complaint case.
 *
 * @example
 * ```ts
 * complaintStream("club-1", "k-1"); // "club-1/complaint/k-1"
 * ```
 */
export function complaintStream(siteId: string, caseId: string): string {
  return streamName(siteId, "complaint", caseId);
}
