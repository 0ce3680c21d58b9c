import pg, { type Pool, type QueryConfig } from "pg";
import type { EventEnvelope } from "../../kernel/envelope.js";
import {
  DuplicateCommand,
  SvcOpsError,
  ValidationError,
  VersionConflict,
} from "../../kernel/errors.js";
import type {
  AppendToStream,
  Checkpoint,
  CommandKey,
  CommandRecord,
  CommandStamp,
  Commit,
  CommitOutcome,
  EventStore,
  GlobalBatch,
} from "../../kernel/event-store.js";
import { scopedCommandId } from "../../kernel/event-store.js";
import { checkDistinctStreams, checkExpectedVersion } from "../../kernel/expected-version.js";
import { CommitsResult, type CommitsRow, expectedParameter } from "./commits-result.js";
import {
  EVENT_COLUMNS,
  type EventRow,
  type EventRowValues,
  envelopeOfValues,
  toEnvelope,
} from "./event-row.js";
import { type Lease, lease as takeLease } from "./lease.js";
import { lockKey } from "./lock-key.js";
import { migratePostgres } from "./migrate-postgres.js";
import { decodePostgresCheckpoint, encodePostgresCheckpoint } from "./postgres-checkpoint.js";
import { checkCommitNotifications, PostgresOutbox } from "./postgres-outbox.js";
import { PostgresSnapshotStore } from "./postgres-snapshot-store.js";
import { asUnavailable } from "./postgres-unavailable.js";
import { quoteSchemaName } from "./schema-name.js";
import { BEGIN, firstRow, sendTransaction } from "./send-transaction.js";
import { Writer } from "./writer.js";

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
const UNDEFINED_FUNCTION = "42883";
/** Raised by `append_commits` outside READ COMMITTED (migration 4). */
const NOT_READ_COMMITTED = "SV001";

interface VersionRow {
  readonly stream_id: string;
  readonly version: number;
}

/**
 * An EventStore on PostgreSQL (13 or newer) through `pg`, for several app instances sharing
 * one server. Call `migrate()` once at start-up (safe from every instance at once).
 *
 * How it keeps the port's promises:
 * - An append, and a batch of them (`appendBatch`, group commit), is one transaction around one
 *   call of the schema's `append_batch` function (migration 3): `BEGIN`,
 *   `SELECT … FROM append_batch(…)` (a named prepared statement), `COMMIT`. On a connection
 *   made with `pipeline: true` (the store's own pool is) the three go out together: one round
 *   trip.
 * - The function first takes a transaction-scoped advisory lock per stream (in key order, so
 *   two multi-stream appends cannot deadlock), then reads each stream's version and last event
 *   id and checks every commit in order against them, then writes. Writers of one stream therefore run one
 *   after the other, the `actual` of a VersionConflict is exact, and `"any"` never fails.
 *   `UNIQUE (stream_id, stream_version)` refuses a second event at a version even from a writer
 *   that skipped the lock.
 * - Taking the locks writes nothing, so a transaction gets its id (xid8) only once it holds
 *   every lock: of two appends to one stream the later one has the higher transaction id.
 * - A command id is a row of `commands` (primary key). A known id, like a wrong version, comes
 *   back from the function as a row, before anything is written; the store throws
 *   DuplicateCommand or VersionConflict.
 * - The global log is ordered by `(transaction_id, global_position)` and `readAll` (a query
 *   planned to walk the index of that pair, see `readPage`) returns only rows whose
 *   transaction id is below `pg_snapshot_xmin(pg_current_snapshot())`: every transaction that
 *   could still commit an earlier row has ended. The checkpoint is that pair, so an event that
 *   commits late is neither skipped nor read twice. The price: an open transaction holding an
 *   id (any, on the server) holds the reader back until it ends.
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
  /** Notifications in `<schema>.notifications`, written in the events' transaction. */
  readonly outbox: PostgresOutbox;
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly s: string;
  private readonly lockSpace: number;
  /** The prepared statements' names: one per schema, as their text names the schema. */
  private readonly commitsStatement: string;
  private readonly readAllStatement: string;
  private readonly readStreamStatement: string;
  private readonly readPageStatement: string;
  /** The connection `appendBatch` calls share while any is in flight (see `orderedBatches`). */
  private writer: Writer | undefined;
  /** Set once `append_commits` found a session not READ COMMITTED: wrap every call. */
  private explicitTransactions = false;
  private closed = false;
  /**
   * Two `appendBatch` calls may be in flight: they go out on one connection, one transaction
   * after the other, so the server applies them in the order they were made. With
   * `pipeline: true` the second is at the server already and starts as soon as the first
   * commits; without it, the store sends the second once the first has answered.
   */
  readonly orderedBatches = 2;

  constructor(options: PostgresStoreOptions) {
    this.schema = options.schema ?? "svcops";
    this.s = quoteSchemaName(this.schema);
    this.lockSpace = lockKey(`svcops:streams:${this.schema}`);
    this.commitsStatement = `svcops_append_commits:${this.schema}`;
    this.readAllStatement = `svcops_read_all:${this.schema}`;
    this.readStreamStatement = `svcops_read_stream:${this.schema}`;
    this.readPageStatement = `svcops_read_page:${this.schema}`;
    if ("pool" in options) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      this.pool = new pg.Pool({
        connectionString: options.connectionString,
        max: options.maxConnections ?? 10,
        application_name: "svcops",
        // An append sends BEGIN, the function call and COMMIT together: one round trip. A pg
        // without pipelining ignores the option, and the store then waits for each in turn.
        pipeline: true,
      });
      // An idle connection that breaks (server restart) must not crash the app; the next
      // query on the pool gets a fresh connection or reports the error to its caller.
      this.pool.on("error", () => undefined);
      this.ownsPool = true;
    }
    this.snapshots = new PostgresSnapshotStore(this.pool, this.schema);
    this.outbox = new PostgresOutbox(this.pool, this.s, this.schema);
  }

  /**
   * Creates or upgrades the store's tables and functions (see `migratePostgres`). Returns the
   * versions applied.
   *
   * @example
   * ```ts
   * await store.migrate(); // [1, 2] on an empty database, [] afterwards
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

  /**
   * Group commit: the commits in one transaction, as one call of `append_batch` (migration 3),
   * so they share one COMMIT and one WAL flush, and the server checks and writes them set-wise.
   * The call takes the advisory locks of every stream in the batch, in key order, so two
   * batches cannot deadlock. A refused commit (`duplicate`, `conflict`) writes nothing, and
   * the commits after it are checked against the versions the accepted ones before them left.
   * Anything raised rolls the whole batch back and is thrown.
   */
  async appendBatch(commits: readonly Commit[]): Promise<readonly CommitOutcome[]> {
    const outcomes: (CommitOutcome | undefined)[] = commits.map((commit) => {
      try {
        checkDistinctStreams(commit.requests);
        checkCommitNotifications(commit);
        return undefined;
      } catch (error) {
        return { ok: false, error: error as Error };
      }
    });
    const sent = commits.filter((_, i) => outcomes[i] === undefined);
    let result: CommitsResult | undefined;
    if (sent.length > 0) {
      try {
        const call = this.commitsCall(sent);
        const notify = this.outbox.insertCall(sent);
        result = new CommitsResult(
          await this.onWriter((held) => this.runCommits(held, call, notify)),
        );
      } catch (error) {
        throw this.notMigrated(error) ?? asUnavailable("an appendBatch", error);
      }
    }
    const outcomesInOrder = commits.map((commit, i): CommitOutcome => {
      const known = outcomes[i];
      if (known) return known;
      try {
        return { ok: true, events: (result as CommitsResult).next(commit) };
      } catch (error) {
        return { ok: false, error: error as Error };
      }
    });
    result?.finish();
    return outcomesInOrder;
  }

  async readStream(
    streamId: string,
    options: { readonly afterVersion?: number } = {},
  ): Promise<readonly EventEnvelope[]> {
    let result: pg.QueryArrayResult<EventRowValues>;
    try {
      result = await this.pool.query<EventRowValues>({
        name: this.readStreamStatement,
        text: `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
                WHERE stream_id = $1 AND stream_version > $2
                ORDER BY stream_version`,
        values: [streamId, options.afterVersion ?? 0],
        rowMode: "array",
      });
    } catch (error) {
      throw asUnavailable("a readStream", error);
    }
    return result.rows.map(envelopeOfValues);
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
    let rows: EventRowValues[];
    try {
      rows = await this.readPage(from.transactionId, from.globalPosition, limit);
    } catch (error) {
      throw asUnavailable("a readAll", error);
    }
    const last = rows.at(-1);
    return {
      events: rows.map(envelopeOfValues),
      checkpoint: last
        ? encodePostgresCheckpoint({ transactionId: last[1], globalPosition: last[0] })
        : after,
    };
  }

  /**
   * One page of the global log, planned to walk the (transaction_id, global_position) index with
   * `enable_sort = off`: on a table without statistics the planner would otherwise sort every
   * later row for each page (see docs/stores/postgres.md). On a pipelined connection the query
   * itself runs in a transaction of its own after `SET LOCAL enable_sort = off`, all sent at
   * once; otherwise it goes through the `read_all` function (migration 2), which sets it and
   * returns the same rows one round trip each, at the cost of materialising them first.
   */
  private async readPage(
    transactionId: string,
    globalPosition: string,
    limit: number,
  ): Promise<EventRowValues[]> {
    const values = [transactionId, globalPosition, limit];
    const held = await takeLease(this.pool);
    const client = held.client;
    try {
      if (!held.pipelined) {
        const result = await client.query<EventRowValues>({
          name: this.readAllStatement,
          text: `SELECT ${EVENT_COLUMNS} FROM ${this.s}.read_all($1::xid8, $2::bigint, $3::bigint)`,
          values,
          rowMode: "array",
        });
        return result.rows;
      }
      // Four queries at once: pg's pipelining (the connection is made with `pipeline: true`).
      const settled = await Promise.allSettled([
        client.query(`${BEGIN} READ ONLY`),
        client.query("SET LOCAL enable_sort = off"),
        client.query<EventRowValues>({
          name: this.readPageStatement,
          text: `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events e
                  WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
                    AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                  ORDER BY e.transaction_id, e.global_position
                  LIMIT $3::bigint`,
          values,
          rowMode: "array",
        }),
        client.query("COMMIT"),
      ]);
      for (const outcome of settled) if (outcome.status === "rejected") throw outcome.reason;
      return (settled[2] as PromiseFulfilledResult<pg.QueryArrayResult<EventRowValues>>).value.rows;
    } catch (error) {
      if (!held.fail(error) && client.getTransactionStatus() !== "I") {
        await client.query("ROLLBACK").catch((rollbackError: Error) => held.discard(rollbackError));
      }
      throw error;
    } finally {
      held.release();
    }
  }

  async findCommand(key: CommandKey): Promise<CommandRecord | undefined> {
    // Command rows are keyed `<siteId>/<id>` (see `scopedCommandId`): an id per site.
    const commandId = scopedCommandId(key);
    let row: { fingerprint: string } | undefined;
    let events: pg.QueryResult<EventRow>;
    try {
      const command = await this.pool.query<{ fingerprint: string }>(
        `SELECT fingerprint FROM ${this.s}.commands WHERE command_id = $1`,
        [commandId],
      );
      row = command.rows[0];
      if (!row) return undefined;
      events = await this.pool.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM ${this.s}.events
          WHERE command_id = $1 ORDER BY global_position`,
        [commandId],
      );
    } catch (error) {
      throw asUnavailable("a findCommand", error);
    }
    return {
      siteId: key.siteId,
      commandId: key.id,
      fingerprint: row.fingerprint,
      events: events.rows.map(toEnvelope),
    };
  }

  /** Ends the pool when the store made it; a pool passed in stays open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer?.idle;
    if (this.ownsPool) await this.pool.end();
  }

  private async write(
    requests: readonly AppendToStream[],
    command: CommandStamp | undefined,
  ): Promise<readonly EventEnvelope[]> {
    checkDistinctStreams(requests);
    const commit = { requests, command };
    checkCommitNotifications(commit);
    let row: CommitsRow;
    let held: Lease | undefined;
    try {
      held = await takeLease(this.pool);
      row = await this.runCommits(
        held,
        this.commitsCall([commit]),
        this.outbox.insertCall([commit]),
      );
    } catch (error) {
      const broken = held?.fail(error);
      held?.release();
      const explained = await this.explain(error, requests, command).catch((e: unknown) => e);
      throw asUnavailable("an append", explained, broken);
    }
    held.release();
    const result = new CommitsResult(row);
    const events = result.next(commit);
    result.finish();
    return events;
  }

  /**
   * One `append_commits` call on the lease's connection: alone, as its own transaction, unless
   * the session is not READ COMMITTED by default; from then on (the store remembers) inside
   * `BEGIN ISOLATION LEVEL READ COMMITTED` … `COMMIT`. With notifications (`notify`, the
   * outbox's INSERT), always in that transaction, the INSERT after the call.
   */
  private async runCommits(
    held: Lease,
    call: QueryConfig,
    notify?: QueryConfig,
  ): Promise<CommitsRow> {
    if (notify) {
      const [rows = []] = await sendTransaction<CommitsRow>(held, [call, notify]);
      return firstRow({ rows });
    }
    if (!this.explicitTransactions) {
      try {
        return firstRow(await held.client.query<CommitsRow>(call));
      } catch (error) {
        if (!isDatabaseError(error) || error.code !== NOT_READ_COMMITTED) throw error;
        this.explicitTransactions = true;
      }
    }
    const [rows = []] = await sendTransaction<CommitsRow>(held, [call]);
    return firstRow({ rows });
  }

  /**
   * Runs `work` on the writer connection: taken from the pool by the first call, shared by the
   * calls that overlap it, and given back when the last of them settles. Its queries therefore
   * reach the server in the order the calls made them: on a pipelined connection at once, one
   * call's statements after the other's; otherwise each call waits for the one before it to
   * settle (see `Writer.run`). A connection that fails is dropped, and the next call takes a
   * fresh one. While anyone waits for a pooled connection, a call takes a new
   * writer instead of joining the busy one, so that a busy group commit cannot starve reads on
   * a small pool; the two writers' batches may then land out of order, which costs the later
   * one's commits a VersionConflict and a retry, never a wrong write.
   */
  private async onWriter<T>(work: (held: Lease) => Promise<T>): Promise<T> {
    let writer = this.writer;
    // Someone waits for a connection (a read, on a small pool): this writer takes no more
    // calls, so it goes back to the pool once its own have settled, and the next call queues
    // for a connection behind that reader. (Until the writer has its connection, the one
    // waiting may be the writer itself.) A writer whose connection broke takes none either.
    if (writer && (writer.failed || (writer.connected && this.pool.waitingCount > 0))) {
      this.writer = undefined;
      writer = undefined;
    }
    if (!writer) {
      writer = new Writer(this.pool);
      this.writer = writer;
    }
    writer.inFlight += 1;
    try {
      return await writer.run(work);
    } catch (error) {
      if (writer.fail(error) && this.writer === writer) this.writer = undefined;
      throw error;
    } finally {
      writer.inFlight -= 1;
      if (writer.inFlight === 0) {
        if (this.writer === writer) this.writer = undefined;
        writer.release();
      }
    }
  }

  /** The `append_commits` call of a batch of commits (their streams already checked distinct). */
  private commitsCall(commits: readonly Commit[]): QueryConfig {
    const keys = new Set<number>();
    const commandIds: (string | null)[] = [];
    const fingerprints: (string | null)[] = [];
    const requestCommit: number[] = [];
    const requestStream: string[] = [];
    const requestExpected: (number | null)[] = [];
    const requestCount: number[] = [];
    const requestAfter: (string | null)[] = [];
    const requestLast: (string | null)[] = [];
    const events: object[] = [];
    commits.forEach(({ requests, command }, k) => {
      commandIds.push(command ? scopedCommandId(command) : null);
      fingerprints.push(command?.fingerprint ?? null);
      for (const request of requests) {
        keys.add(lockKey(request.streamId));
        requestCommit.push(k + 1);
        requestStream.push(request.streamId);
        requestExpected.push(expectedParameter(request.expectedVersion));
        requestCount.push(request.events.length);
        requestAfter.push(request.afterEventId ?? null);
        requestLast.push(request.events.at(-1)?.eventId ?? null);
        const r = requestStream.length;
        request.events.forEach((event, o) => {
          events.push({
            r,
            o: o + 1,
            id: event.eventId,
            t: event.type,
            v: event.schemaVersion,
            d: event.data ?? null,
            m: event.metadata,
          });
        });
      }
    });
    return {
      // A named statement is parsed and planned once per connection, not on every append.
      name: this.commitsStatement,
      text: `SELECT refused_commits, refused_outcomes, refused_streams, refused_versions, positions, versions
               FROM ${this.s}.append_commits($1::int, $2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[], $11::jsonb)`,
      values: [
        this.lockSpace,
        [...keys].sort((a, b) => a - b),
        commandIds,
        fingerprints,
        requestCommit,
        requestStream,
        requestExpected,
        requestCount,
        requestAfter,
        requestLast,
        JSON.stringify(events),
      ],
    };
  }

  /** Each stream's version now (0 when it has no events), for reporting a unique violation. */
  private async readVersions(requests: readonly AppendToStream[]): Promise<Map<string, number>> {
    const result = await this.pool.query<VersionRow>(
      `SELECT s.stream_id,
              COALESCE((SELECT max(e.stream_version) FROM ${this.s}.events e
                         WHERE e.stream_id = s.stream_id), 0) AS version
         FROM unnest($1::text[]) AS s(stream_id)`,
      [requests.map((r) => r.streamId)],
    );
    return new Map(result.rows.map((row) => [row.stream_id, row.version]));
  }

  /** The error to throw when the schema lacks this version's functions: migrate first. */
  private notMigrated(error: unknown): SvcOpsError | undefined {
    if (!isDatabaseError(error) || error.code !== UNDEFINED_FUNCTION) return undefined;
    if (!error.message.includes("append_commits")) return undefined;
    return new SvcOpsError(
      "store_not_migrated",
      `The PostgreSQL schema ${this.schema} is not migrated to this svcops (append_commits is missing); run store.migrate() first.`,
      { cause: error },
    );
  }

  /** Turns a failed append's error into the port's error where one fits. */
  private async explain(
    error: unknown,
    requests: readonly AppendToStream[],
    command: CommandStamp | undefined,
  ): Promise<unknown> {
    if (!isDatabaseError(error)) return error;
    const notMigrated = this.notMigrated(error);
    if (notMigrated) return notMigrated;
    if (error.code !== UNIQUE_VIOLATION) return error;
    if (error.constraint === "commands_pkey" && command)
      return new DuplicateCommand(command.id, command.siteId);
    if (error.constraint === "events_event_id_key") {
      return new ValidationError("Append", [
        { path: "events.eventId", message: `an event id is already stored (${error.detail})` },
      ]);
    }
    if (error.constraint !== "events_stream_version_key") return error;
    // Another writer took a version without the stream lock. Report the stream it moved.
    const actual = await this.readVersions(requests);
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
