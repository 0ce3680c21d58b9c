import type { Pool, QueryResult } from "pg";
import type { Snapshot, SnapshotStore } from "../../kernel/snapshot.js";
import { asUnavailable } from "./postgres-unavailable.js";
import { quoteSchemaName } from "./schema-name.js";

interface SnapshotRow {
  readonly stream_id: string;
  readonly aggregate: string;
  readonly aggregate_version: number;
  readonly stream_version: number;
  readonly state: unknown;
}

/**
 * Snapshots in `<schema>.snapshots`, one row per stream and aggregate. `save` is one upsert
 * that replaces the row only with another aggregate version or a higher stream version, so
 * an older snapshot never replaces a newer one, even when two instances save at once. A lost
 * connection throws a PostgresUnavailable (`store_unavailable`).
 *
 * @example
 * ```ts
 * const snapshots = new PostgresSnapshotStore(pool, "svcops"); // or store.snapshots
 * await snapshots.save({ streamId, aggregate: "key-tag-pool", aggregateVersion: 1, streamVersion: 400, state });
 * ```
 */
export class PostgresSnapshotStore implements SnapshotStore {
  private readonly schema: string;

  /** `schema` is the store's schema name (default `"svcops"`), migrated by `migratePostgres`. */
  constructor(
    private readonly pool: Pool,
    schema = "svcops",
  ) {
    this.schema = quoteSchemaName(schema);
  }

  async load(streamId: string, aggregate: string): Promise<Snapshot | undefined> {
    let result: QueryResult<SnapshotRow>;
    try {
      result = await this.pool.query<SnapshotRow>(
        `SELECT stream_id, aggregate, aggregate_version, stream_version, state
           FROM ${this.schema}.snapshots WHERE stream_id = $1 AND aggregate = $2`,
        [streamId, aggregate],
      );
    } catch (error) {
      throw asUnavailable("a snapshot load", error);
    }
    const row = result.rows[0];
    if (!row) return undefined;
    return {
      streamId: row.stream_id,
      aggregate: row.aggregate,
      aggregateVersion: row.aggregate_version,
      streamVersion: row.stream_version,
      state: row.state,
    };
  }

  async save(snapshot: Snapshot): Promise<void> {
    try {
      await this.upsert(snapshot);
    } catch (error) {
      throw asUnavailable("a snapshot save", error);
    }
  }

  private async upsert(snapshot: Snapshot): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.schema}.snapshots (stream_id, aggregate, aggregate_version, stream_version, state)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (stream_id, aggregate) DO UPDATE
         SET aggregate_version = EXCLUDED.aggregate_version,
             stream_version = EXCLUDED.stream_version,
             state = EXCLUDED.state,
             saved_at = now()
         WHERE snapshots.aggregate_version <> EXCLUDED.aggregate_version
            OR snapshots.stream_version < EXCLUDED.stream_version`,
      [
        snapshot.streamId,
        snapshot.aggregate,
        snapshot.aggregateVersion,
        snapshot.streamVersion,
        JSON.stringify(snapshot.state ?? null),
      ],
    );
  }
}
