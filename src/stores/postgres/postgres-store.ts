import pg, { type Pool, type PoolClient } from "pg";
import type { EventEnvelope, NewEvent } from "../../kernel/envelope.js";
import { DuplicateCommand, ValidationError, VersionConflict } from "../../kernel/errors.js";
import type {
  AppendToStream,
  Checkpoint,
  CommandRecord,
  CommandStamp,
  EventStore,
  GlobalBatch,
} from "../../kernel/event-store.js";
import { checkDistinctStreams, checkExpectedVersion } from "../../kernel/expected-version.js";
import { EVENT_COLUMNS, type EventRow, toEnvelope } from "./event-row.js";
import { lockKey } from "./lock-key.js";
import { migratePostgres } from "./migrate-postgres.js";
import { decodePostgresCheckpoint, encodePostgresCheckpoint } from "./postgres-checkpoint.js";
import { PostgresSnapshotStore } from "./postgres-snapshot-store.js";
import { quoteSchemaName } from "./schema-name.js";

/** How the store reaches PostgreSQL: a pool you own, or a connection string. */
export type PostgresStoreOptions = (
  | {
      /** A pool you own: `close()` leaves it open. */
      readonly pool: Pool;
    }
  | {
      /** The store makes (and `close()` ends) its own pool. */
      readonly connectionString: string;
      /** Connections in that pool (default 10). */
      readonly maxConnections?: number;
    }
) & {
  /** Schema of the store's tables (default `"svcops"`); see `migrate()`. */
  readonly schema?: string;
};

const DEFAULT_LIMIT = 1000;
const UNIQUE_VIOLATION = "23505";

interface VersionRow {
  readonly stream_id: string;
  readonly version: number;
  readonly known: boolean;
}

/**
 * An EventStore on PostgreSQL (13 or newer) through `pg`, for several app instances sharing
 * one server. Call `migrate()` once at start-up (safe from every instance at once).
 *
 * How it keeps the port's promises:
 * - An append is one transaction. It first takes a transaction-scoped advisory lock per
 *   stream (in key order, so two multi-stream appends cannot deadlock), then reads each
 *   stream's version (`max(stream_version)`) and checks it, then writes. Writers of one stream
 *   therefore run one after the other, the `actual` of a VersionConflict is exact, and `"any"`
 *   never fails. `UNIQUE (stream_id, stream_version)` refuses a second event at a version even
 *   from a writer that skipped the lock.
 * - Taking the locks writes nothing, so a transaction gets its id (xid8) only once it holds
 *   every lock: of two appends to one stream the later one has the higher transaction id.
 * - A command id is a row of `commands` (primary key); a known id throws DuplicateCommand and
 *   the transaction, with everything it wrote, rolls back.
 * - The global log is ordered by `(transaction_id, global_position)` and `readAll` returns only
 *   rows whose transaction id is below `pg_snapshot_xmin(pg_current_snapshot())`: every
 *   transaction that could still commit an earlier row has ended. The checkpoint is that
 *   pair, so an event that commits late is neither skipped nor read twice. The price: an open
 *   transaction holding an id (any, on the server) holds the reader back until it ends.
 *
 * @example
 * ```ts
 * import { createPostgresStore } from "svcops/postgres";
 *
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL ?? "" });
 * await store.migrate();
 * const ops = createServiceOps({ store, site: { id: "club-1" } });
 * ```
 */
export class PostgresEventStore implements EventStore {
  /** The schema's name, unquoted. */
  readonly schema: string;
  /** Snapshots in `<schema>.snapshots`. */
  readonly snapshots: PostgresSnapshotStore;
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly s: string;
  private readonly lockSpace: number;
  private closed = false;

  constructor(options: PostgresStoreOptions) {
    this.schema = options.schema ?? "svcops";
    this.s = quoteSchemaName(this.schema);
    this.lockSpace = lockKey(`svcops:streams:${this.schema}`);
    if ("pool" in options) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      this.pool = new pg.Pool({
        connectionString: options.connectionString,
        max: options.maxConnections ?? 10,
        application_name: "svcops",
      });
      // An idle connection that breaks (server restart) must not crash the app; the next
      // query on the pool gets a fresh connection or reports the error to its caller.
      this.pool.on("error", () => undefined);
      this.ownsPool = true;
    }
    this.snapshots = new PostgresSnapshotStore(this.pool, this.schema);
  }

  /**
   * Creates or upgrades the store's tables (see `migratePostgres`). Returns the versions applied.
   *
   * @example
   * ```ts
   * await store.migrate(); // [1] on an empty database, [] afterwards
   * ```
   */
  migrate(): Promise<readonly number[]> {
    return migratePostgres(this.pool, { schema: this.schema });
  }

  async append(request: AppendToStream, command?: CommandStamp): Promise<readonly EventEnvelope[]> {
    return this.write([request], command);
  }

  async appendMany(
    requests: readonly AppendToStream[],
    command?: CommandStamp,
  ): Promise<readonly EventEnvelope[]> {
    return this.write(requests, command);
  }

  async readStream(
    streamId: string,
    options: { readonly afterVersion?: number } = {},
  ): Promise<readonly EventEnvelope[]> {
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
        WHERE stream_id = $1 AND stream_version > $2
        ORDER BY stream_version`,
      [streamId, options.afterVersion ?? 0],
    );
    return result.rows.map(toEnvelope);
  }

  async readAll(
    options: { readonly after?: Checkpoint; readonly limit?: number } = {},
  ): Promise<GlobalBatch> {
    const after = options.after ?? "";
    const from = decodePostgresCheckpoint(after);
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new ValidationError("readAll", [
        { path: "limit", message: `expected a whole number >= 0, found ${limit}` },
      ]);
    }
    if (limit === 0) return { events: [], checkpoint: after };
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, global_position
        LIMIT $3`,
      [from.transactionId, from.globalPosition, limit],
    );
    const last = result.rows.at(-1);
    return {
      events: result.rows.map(toEnvelope),
      checkpoint: last
        ? encodePostgresCheckpoint({
            transactionId: last.transaction_id,
            globalPosition: last.global_position,
          })
        : after,
    };
  }

  async findCommand(commandId: string): Promise<CommandRecord | undefined> {
    const command = await this.pool.query<{ fingerprint: string }>(
      `SELECT fingerprint FROM ${this.s}.commands WHERE command_id = $1`,
      [commandId],
    );
    const row = command.rows[0];
    if (!row) return undefined;
    const events = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
        WHERE command_id = $1 ORDER BY global_position`,
      [commandId],
    );
    return { commandId, fingerprint: row.fingerprint, events: events.rows.map(toEnvelope) };
  }

  /** Ends the pool when the store made it; a pool passed in stays open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  private async write(
    requests: readonly AppendToStream[],
    command: CommandStamp | undefined,
  ): Promise<readonly EventEnvelope[]> {
    checkDistinctStreams(requests);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const written = await this.writeInTransaction(client, requests, command);
      await client.query("COMMIT");
      return written;
    } catch (error) {
      // A ROLLBACK that fails means the connection is gone: drop it from the pool.
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw await this.explain(error, requests, command);
    } finally {
      client.release(broken);
    }
  }

  private async writeInTransaction(
    client: PoolClient,
    requests: readonly AppendToStream[],
    command: CommandStamp | undefined,
  ): Promise<readonly EventEnvelope[]> {
    let versions = new Map<string, number>();
    if (requests.length > 0) {
      // The locks come first, and nothing is written before them (see the class comment).
      const keys = [...new Set(requests.map((r) => lockKey(r.streamId)))].sort((a, b) => a - b);
      await client.query("SELECT pg_advisory_xact_lock($1::int, k) FROM unnest($2::int[]) AS k", [
        this.lockSpace,
        keys,
      ]);
      const found = await this.readVersions(client, requests, command);
      if (command && found.known) throw new DuplicateCommand(command.id);
      versions = found.versions;
      for (const request of requests)
        checkExpectedVersion(request, versions.get(request.streamId) ?? 0);
    }
    if (command) {
      const inserted = await client.query(
        `INSERT INTO ${this.s}.commands (command_id, fingerprint) VALUES ($1, $2)
         ON CONFLICT (command_id) DO NOTHING`,
        [command.id, command.fingerprint],
      );
      if (inserted.rowCount !== 1) throw new DuplicateCommand(command.id);
    }
    return this.insertEvents(client, requests, versions, command);
  }

  private async insertEvents(
    client: PoolClient,
    requests: readonly AppendToStream[],
    versions: ReadonlyMap<string, number>,
    command: CommandStamp | undefined,
  ): Promise<readonly EventEnvelope[]> {
    const rows: { streamId: string; version: number; event: NewEvent }[] = [];
    for (const request of requests) {
      let version = versions.get(request.streamId) ?? 0;
      for (const event of request.events) {
        version += 1;
        rows.push({ streamId: request.streamId, version, event });
      }
    }
    if (rows.length === 0) return [];
    const result = await client.query<{ event_id: string; global_position: string }>(
      `INSERT INTO ${this.s}.events
         (stream_id, stream_version, event_id, type, schema_version, data, metadata, command_id)
       SELECT u.*, $8::text
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[]) AS u
       RETURNING event_id, global_position`,
      [
        rows.map((r) => r.streamId),
        rows.map((r) => r.version),
        rows.map((r) => r.event.eventId),
        rows.map((r) => r.event.type),
        rows.map((r) => r.event.schemaVersion),
        rows.map((r) => JSON.stringify(r.event.data ?? null)),
        rows.map((r) => JSON.stringify(r.event.metadata)),
        command?.id ?? null,
      ],
    );
    const positions = new Map(
      result.rows.map((row) => [row.event_id, Number(row.global_position)]),
    );
    return rows.map(
      (r) =>
        ({
          eventId: r.event.eventId,
          streamId: r.streamId,
          streamVersion: r.version,
          globalPosition: positions.get(r.event.eventId) ?? 0,
          type: r.event.type,
          schemaVersion: r.event.schemaVersion,
          data: r.event.data,
          metadata: r.event.metadata,
        }) as EventEnvelope,
    );
  }

  /** Each stream's version (0 when it has no events) and whether the command id is known. */
  private async readVersions(
    client: PoolClient | Pool,
    requests: readonly AppendToStream[],
    command: CommandStamp | undefined,
  ): Promise<{ versions: Map<string, number>; known: boolean }> {
    // max() per stream through a correlated subquery walks the (stream_id, stream_version)
    // index backwards: one index probe however long the stream is.
    const result = await client.query<VersionRow>(
      `SELECT s.stream_id,
              COALESCE((SELECT max(e.stream_version) FROM ${this.s}.events e
                         WHERE e.stream_id = s.stream_id), 0) AS version,
              EXISTS (SELECT 1 FROM ${this.s}.commands c WHERE c.command_id = $2) AS known
         FROM unnest($1::text[]) AS s(stream_id)`,
      [requests.map((r) => r.streamId), command?.id ?? null],
    );
    return {
      versions: new Map(result.rows.map((row) => [row.stream_id, row.version])),
      known: result.rows[0]?.known ?? false,
    };
  }

  /** Turns a failed append's error into the port's error where one fits. */
  private async explain(
    error: unknown,
    requests: readonly AppendToStream[],
    command: CommandStamp | undefined,
  ): Promise<unknown> {
    if (!isDatabaseError(error) || error.code !== UNIQUE_VIOLATION) return error;
    if (error.constraint === "commands_pkey" && command) return new DuplicateCommand(command.id);
    if (error.constraint === "events_event_id_key") {
      return new ValidationError("Append", [
        { path: "events.eventId", message: `an event id is already stored (${error.detail})` },
      ]);
    }
    if (error.constraint !== "events_stream_version_key") return error;
    // Another writer took a version without the stream lock. Report the stream it moved.
    const { versions: actual } = await this.readVersions(this.pool, requests, undefined);
    for (const request of requests) {
      try {
        checkExpectedVersion(request, actual.get(request.streamId) ?? 0);
      } catch (conflict) {
        return conflict;
      }
    }
    const first = requests[0];
    return first
      ? new VersionConflict(first.streamId, first.expectedVersion, actual.get(first.streamId) ?? 0)
      : error;
  }
}

function isDatabaseError(
  error: unknown,
): error is Error & { code: string; constraint?: string; detail?: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string";
}

/**
 * Creates a PostgreSQL EventStore (with `snapshots`). Run `await store.migrate()` before the
 * first append.
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { createPostgresStore } from "svcops/postgres";
 *
 * const store = createPostgresStore({ pool: new pg.Pool({ connectionString }), schema: "club_1" });
 * await store.migrate();
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresEventStore {
  return new PostgresEventStore(options);
}
