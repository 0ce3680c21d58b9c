import { deepStrictEqual, equal } from "node:assert/strict";
import type { ConformanceContext } from "./helpers.js";

/**
 * Snapshots, when the store keeps them: one per stream and aggregate, the newest; a save at the
 * same aggregate version and an older stream version does not replace it, a new aggregate version
 * does. Without `store.snapshots` the test returns at once.
 *
 * @example
 * ```ts
 * describe("EventStore conformance", () => snapshotGuarantees(context));
 * ```
 */
export function snapshotGuarantees(context: ConformanceContext): void {
  const { options, withStore } = context;
  const { it } = options;

  it(
    "keeps the newest snapshot of a stream and aggregate, when the store keeps snapshots",
    withStore(async (store, p) => {
      const snapshots = store.snapshots;
      if (!snapshots) return;
      const streamId = `${p}/pool`;
      equal(await snapshots.load(streamId, "pool"), undefined);
      const state = { out: [["17", "v-1"]], registered: ["17", "18"] };
      await snapshots.save({
        streamId,
        aggregate: "pool",
        aggregateVersion: 1,
        streamVersion: 10,
        state,
      });
      await snapshots.save({
        streamId,
        aggregate: "pool",
        aggregateVersion: 1,
        streamVersion: 4,
        state: { stale: true },
      });
      deepStrictEqual(await snapshots.load(streamId, "pool"), {
        streamId,
        aggregate: "pool",
        aggregateVersion: 1,
        streamVersion: 10,
        state,
      });
      await snapshots.save({
        streamId,
        aggregate: "pool",
        aggregateVersion: 2,
        streamVersion: 12,
        state: { v: 2 },
      });
      equal((await snapshots.load(streamId, "pool"))?.aggregateVersion, 2);
      equal(await snapshots.load(streamId, "other"), undefined);
    }),
  );
}
