import type { Snapshot, SnapshotStore } from "../../kernel/snapshot.js";
import { retryBusy } from "./retry-busy.js";
import type { SqliteStatements } from "./sqlite-statements.js";

/**
 * Snapshots in the table `svcops_snapshots`, one per (aggregate, stream). `save` is one upsert
 * that replaces the kept snapshot only when the new one is of another aggregate version or of a
 * higher stream version, so an older snapshot never replaces a newer one, even when two
 * processes save at once. `state` is stored as JSON text.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore({ path: "front-desk.db" });
 * await store.snapshots.save({ streamId, aggregate: "key-tag-pool", aggregateVersion: 1, streamVersion: 400, state });
 * ```
 */
export class SqliteSnapshotStore implements SnapshotStore {
  constructor(
    private readonly statements: SqliteStatements,
    private readonly busyRetries: number,
  ) {}

  async load(streamId: string, aggregate: string): Promise<Snapshot | undefined> {
    const row = await retryBusy(
      () => this.statements.loadSnapshot.get(aggregate, streamId),
      this.busyRetries,
    );
    if (!row) return undefined;
    return {
      streamId,
      aggregate,
      aggregateVersion: row.aggregate_version,
      streamVersion: row.stream_version,
      state: JSON.parse(row.state),
    };
  }

  async save(snapshot: Snapshot): Promise<void> {
    const state = JSON.stringify(snapshot.state) ?? "null";
    await retryBusy(
      () =>
        this.statements.saveSnapshot.run(
          snapshot.aggregate,
          snapshot.streamId,
          snapshot.aggregateVersion,
          snapshot.streamVersion,
          state,
        ),
      this.busyRetries,
    );
  }
}
