import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { type BroadcastCommand, broadcastCommands } from "./commands.js";
import { decideBroadcast } from "./decide.js";
import { type BroadcastEvent, broadcastEvents } from "./events.js";
import { evolveBroadcast } from "./evolve.js";
import { type BroadcastState, initialBroadcastState } from "./state.js";

/**
 * A site's broadcast room as a decider (B1): merchants' requests through signature, approval and
 * recording, and the playlist plans checked against them.
 *
 * @example
 * ```ts
 * const room = replay(broadcastDecider, events);
 * ```
 */
export const broadcastDecider: Decider<BroadcastCommand, BroadcastEvent, BroadcastState> = {
  initialState: initialBroadcastState,
  decide: decideBroadcast,
  evolve: evolveBroadcast,
};

/**
 * One stream per site, `<siteId>/broadcast/room`: a plan is checked against every request at
 * once (only recorded announcements play), so requests and plans live on one stream. A mall takes
 * a few requests a day; the state is snapshotted every 500 events.
 *
 * @example
 * ```ts
 * await ops.execute(SignBroadcastRequest({ requestId: "b-1" }), { actor: floorManager });
 * ```
 */
export const broadcastAggregate = defineAggregate({
  name: "broadcast",
  version: 1,
  decider: broadcastDecider,
  commands: broadcastCommands,
  events: broadcastEvents,
  streamId: (_command, scope) => broadcastStream(scope.siteId),
  snapshot: {
    every: 500,
    encode: (state: BroadcastState) => state,
    decode: (encoded: unknown) => encoded as BroadcastState,
  },
});

/**
 * The site's broadcast room stream id.
 *
 * @example
 * ```ts
 * broadcastStream("mall-1"); // "mall-1/broadcast/room"
 * ```
 */
export function broadcastStream(siteId: string): string {
  return streamName(siteId, "broadcast", "room");
}
