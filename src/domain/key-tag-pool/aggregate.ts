import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { type KeyTagPoolCommand, keyTagPoolCommands } from "./commands.js";
import { decideKeyTagPool } from "./decide.js";
import { type KeyTagPoolEvent, keyTagPoolEvents } from "./events.js";
import { evolveKeyTagPool } from "./evolve.js";
import { forwardToVisitTab } from "./forward-to-visit-tab.js";
import { initialKeyTagPoolState, type KeyTagPoolState } from "./state.js";

/**
 * The key-tag pool as a decider: which tags exist, which are out and with whom, which are retired.
 *
 * @example
 * ```ts
 * const state = replay(keyTagPoolDecider, events);
 * ```
 */
export const keyTagPoolDecider: Decider<KeyTagPoolCommand, KeyTagPoolEvent, KeyTagPoolState> = {
  initialState: initialKeyTagPoolState,
  decide: decideKeyTagPool,
  evolve: evolveKeyTagPool,
};

/**
 * One pool per site, stream `<siteId>/key-tag-pool/main`. The stream grows by two events a visit
 * so it is snapshotted every 500 events where the store keeps snapshots. A sale on a key tag (N2)
 * is charged to the visit the tag is out on: the pool forwards `ChargeKeyTagHolder` as
 * `ChargeTab` on that visit, writing nothing itself (its version is checked in the append).
 *
 * @example
 * ```ts
 * await ops.execute(RegisterKeyTags({ tags: ["1", "2", "3"] }), { actor: teamLead });
 * ```
 */
export const keyTagPoolAggregate = defineAggregate({
  name: "key-tag-pool",
  version: 1,
  decider: keyTagPoolDecider,
  commands: keyTagPoolCommands,
  events: keyTagPoolEvents,
  streamId: (_command, scope) => keyTagPoolStream(scope.siteId),
  forward: forwardToVisitTab,
  snapshot: {
    every: 500,
    encode: (state: KeyTagPoolState) => ({
      registered: [...state.registered],
      out: [...state.out],
      retired: [...state.retired],
    }),
    decode: (encoded: unknown): KeyTagPoolState => {
      const json = encoded as { registered: string[]; out: [string, string][]; retired: string[] };
      return {
        registered: new Set(json.registered),
        out: new Map(json.out),
        retired: new Set(json.retired),
      };
    },
  },
});

/**
 * The pool's stream id at a site.
 *
 * @example
 * ```ts
 * keyTagPoolStream("club-1"); // "club-1/key-tag-pool/main"
 * ```
 */
export function keyTagPoolStream(siteId: string): string {
  return streamName(siteId, "key-tag-pool", "main");
}
