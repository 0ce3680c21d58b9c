import { defineAggregate, streamName } from "../../../kernel/aggregate.js";
import type { Decider } from "../../../kernel/decider.js";
import { type PostDutyCommand, postDutyCommands } from "./commands.js";
import { decidePostDuty } from "./decide.js";
import { type PostDutyEvent, postDutyEvents } from "./events.js";
import { evolvePostDuty } from "./evolve.js";
import { initialPostDutyState, type PostDutyState } from "./state.js";

/**
 * Leave from the post as a decider (S8): asked for, granted by the team lead, taken, returned;
 * and breaches found by a supervisor.
 *
 * @example
 * ```ts
 * const state = replay(postDutyDecider, events);
 * ```
 */
export const postDutyDecider: Decider<PostDutyCommand, PostDutyEvent, PostDutyState> = {
  initialState: initialPostDutyState,
  decide: decidePostDuty,
  evolve: evolvePostDuty,
};

/**
 * One stream per site and business day, `<siteId>/post-duty/<YYYY-MM-DD>`: a leave is asked for,
 * granted and taken on the day.
 *
 * @example
 * ```ts
 * await ops.execute(GrantLeaveFromPost({ leaveId: "l-1" }), { actor: teamLead });
 * ```
 */
export const postDutyAggregate = defineAggregate({
  name: "post-duty",
  version: 1,
  decider: postDutyDecider,
  commands: postDutyCommands,
  events: postDutyEvents,
  streamId: (_command, scope) => postDutyStream(scope.siteId, scope.businessDay),
});

/**
 * The stream of a site's business day at its posts.
 *
 * @example
 * ```ts
 * postDutyStream("mall-1", "2026-11-02"); // "mall-1/post-duty/2026-11-02"
 * ```
 */
export function postDutyStream(siteId: string, day: string): string {
  return streamName(siteId, "post-duty", day);
}
