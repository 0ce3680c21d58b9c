import Database from "better-sqlite3";
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
import { checkDistinctStreams, checkExpectedVersion } from "../../kernel/expected-version.js";
import { checkNotifications } from "../../kernel/outbox.js";
import { BackgroundCheckpointer } from "./background-checkpointer.js";
import { migrate } from "./migrate.js";
import { retryBusy } from "./retry-busy.js";
import { SqliteOutbox } from "./sqlite-outbox.js";
import { SqliteSnapshotStore } from "./sqlite-snapshot-store.js";
import { prepareStatements, type SqliteStatements, toEnvelope } from "./sqlite-statements.js";

/**
 * Options of `openSqliteStore`.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { path: "club-1.db", busyTimeoutMs: 10_000, synchronous: "full" };
 * ```
 */
export interface SqliteStoreOptions {
  /** The database file; created when missing. Every process of the app opens the same path. */
  readonly path: string;
  /**
   * How long a statement waits for another connection's lock before failing with SQLITE_BUSY
   * (SQLite's `busy_timeout`, default 5000). better-sqlite3 is synchronous: the wait blocks
   * this process's event loop.
   */
  readonly busyTimeoutMs?: number;
  /**
   * `"full"` (default): each commit is fsynced, so an acknowledged event survives a power loss
   * or OS crash. `"normal"`: faster; with WAL the file never corrupts and a killed process loses
   * nothing, but a power loss may drop the last commits.
   */
  readonly synchronous?: "full" | "normal";
  /** Extra attempts, with backoff, when the file stays locked past the busy timeout (default 4). */
  readonly busyRetries?: number;
  /**
   * SQLite's `wal_autocheckpoint`: a commit that leaves at least this many pages in the WAL
   * copies them into the database file (default 10000 pages, about 40 MB; SQLite's own default
   * is 1000). Fewer, larger checkpoints copy a hot page once instead of many times; at 1000 they
   * took about a fifth of an append's time. 0 turns automatic checkpoints off (only for an app
   * that runs its own). Durability does not depend on it.
   */
  readonly walAutocheckpointPages?: number;
  /**
   * How often a worker thread with a connection of its own checkpoints the WAL, in ms (default
   * 100): it copies the committed pages into the database file and syncs it while this thread
   * goes on committing, so a commit seldom stops for that copy and sync (which on a 2k-visit day
   * took 10–15 % of the write time). The connection's own checkpoint every
   * `walAutocheckpointPages` pages stays, and then finds little left to copy. 0: no thread (the
   * commits do all the checkpoints). No thread either for `walAutocheckpointPages: 0` or an
   * in-memory database.
   */
  readonly checkpointIntervalMs?: number;
}

/** `wal_autocheckpoint` of the store's connections unless told otherwise. */
export const DEFAULT_WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** `checkpointIntervalMs` unless told otherwise. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 100;

const EMPTY: readonly EventEnvelope[] = Object.freeze([]);

/** A stream's number (none before its first event), version and last event id, in a transaction. */
interface StreamHead {
  readonly streamNo: number | undefined;
  readonly version: number;
  readonly lastEventId: string | undefined;
}

/**
 * An EventStore in one SQLite file (better-sqlite3): the embedded, durable default. Several
 * processes may share the file. Every append is one `BEGIN IMMEDIATE` transaction that checks
 * the command id and every expected version, then writes; SQLite has one writer at a time, so
 * global positions (the rowid: the last one + 1, as events are never deleted) increase in
 * commit order and `readAll` never skips an event that commits late. Checkpoints are the last
 * position read, as a string. A worker thread checkpoints the WAL (see
 * `SqliteStoreOptions.checkpointIntervalMs`). Open it with `openSqliteStore`.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore({ path: "front-desk.db" });
 * await store.append({ streamId: "club-1/visit/v-1", expectedVersion: "no-stream", events });
 * await store.close();
 * ```
 */
export class SqliteEventStore implements EventStore {
  /** Snapshots kept in the same file (see SnapshotStore). */
  readonly snapshots: SqliteSnapshotStore;
  /** Notifications written in the events' transaction (see SqliteOutbox). */
  readonly outbox: SqliteOutbox;
  private readonly statements: SqliteStatements;
  private readonly writeTransaction: Database.Transaction<
    (requests: readonly AppendToStream[], command?: CommandStamp) => EventEnvelope[]
  >;

  private readonly batchTransaction: Database.Transaction<
    (commits: readonly Commit[]) => CommitOutcome[]
  >;

  /** Wraps a connection to a migrated file; use `openSqliteStore`, which configures and migrates. */
  constructor(
    private readonly db: Database.Database,
    private readonly busyRetries = 4,
    private readonly checkpointer?: BackgroundCheckpointer,
  ) {
    this.statements = prepareStatements(db);
    this.snapshots = new SqliteSnapshotStore(this.statements, busyRetries);
    this.outbox = new SqliteOutbox(db, busyRetries);
    this.writeTransaction = db.transaction((requests, command) => this.write(requests, command));
    this.batchTransaction = db.transaction((commits) => {
      // The batch's own writes move its streams on: later commits read them here, not again.
      const heads = new Map<string, StreamHead>();
      return commits.map((commit) => this.writeOne(commit, heads));
    });
  }

  /** The database file. */
  get path(): string {
    return this.db.name;
  }

  async append(request: AppendToStream, command?: CommandStamp): Promise<readonly EventEnvelope[]> {
    return this.appendMany([request], command);
  }

  async appendMany(
    requests: readonly AppendToStream[],
    command?: CommandStamp,
  ): Promise<readonly EventEnvelope[]> {
    checkDistinctStreams(requests);
    return retryBusy(() => this.writeTransaction.immediate(requests, command), this.busyRetries);
  }

  /**
   * Group commit: the commits in one `BEGIN IMMEDIATE` transaction, so they share one commit
   * (one fsync with `synchronous: "full"`). Each is checked before it writes anything, against
   * the file as the commits before it left it; a refused one is skipped with its error.
   */
  async appendBatch(commits: readonly Commit[]): Promise<readonly CommitOutcome[]> {
    return retryBusy(() => this.batchTransaction.immediate(commits), this.busyRetries);
  }

  async readStream(
    streamId: string,
    options: { readonly afterVersion?: number } = {},
  ): Promise<readonly EventEnvelope[]> {
    const after = options.afterVersion ?? 0;
    const rows = await retryBusy(
      () => this.statements.readStream.all(streamId, after),
      this.busyRetries,
    );
    return rows.length === 0 ? EMPTY : rows.map(toEnvelope);
  }

  async readAll(
    options: { readonly after?: Checkpoint; readonly limit?: number } = {},
  ): Promise<GlobalBatch> {
    const after = options.after ?? "";
    const position = parseCheckpoint(after);
    const limit = options.limit ?? 1000;
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new ValidationError("Read", [
        { path: "limit", message: `expected a whole number of events >= 0, found ${limit}` },
      ]);
    }
    const rows = await retryBusy(
      () => this.statements.readAll.all(position, limit),
      this.busyRetries,
    );
    const last = rows.at(-1);
    return { events: rows.map(toEnvelope), checkpoint: last ? String(last[0]) : after };
  }

  async findCommand(command: CommandKey): Promise<CommandRecord | undefined> {
    return retryBusy(() => this.readCommand(command), this.busyRetries);
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  /** One commit of a batch: its events, or the refusal that wrote nothing of it. */
  private writeOne(commit: Commit, heads: Map<string, StreamHead>): CommitOutcome {
    try {
      checkDistinctStreams(commit.requests);
      return { ok: true, events: this.write(commit.requests, commit.command, heads) };
    } catch (error) {
      if (
        error instanceof VersionConflict ||
        error instanceof DuplicateCommand ||
        error instanceof ValidationError
      ) {
        return { ok: false, error };
      }
      throw error;
    }
  }

  /**
   * Runs inside BEGIN IMMEDIATE: the command id, then every expected version, then the writes.
   * `heads` holds the streams this transaction has already read or written. (Plain loops: this
   * runs once per command under the write lock.)
   */
  private write(
    requests: readonly AppendToStream[],
    command?: CommandStamp,
    heads?: Map<string, StreamHead>,
  ): EventEnvelope[] {
    const s = this.statements;
    if (command && s.commandSeen.get(command.siteId, command.id) !== undefined) {
      throw new DuplicateCommand(command.id, command.siteId);
    }
    const found: StreamHead[] = [];
    for (const request of requests) {
      let head = heads?.get(request.streamId);
      if (!head) {
        const last = s.streamHead.get(request.streamId);
        head = last
          ? { streamNo: last[0], version: last[1], lastEventId: last[2] }
          : { streamNo: undefined, version: 0, lastEventId: undefined };
      }
      checkExpectedVersion(request, head.version, head.lastEventId);
      if (request.notifications) checkNotifications(request);
      found.push(head);
    }
    const written: EventEnvelope[] = [];
    // The handler gives every event of a command one metadata object: serialise it once.
    let metadata: unknown;
    let metadataJson = "";
    for (let i = 0; i < requests.length; i++) {
      const request = requests[i] as AppendToStream;
      const head = found[i] as StreamHead;
      const count = request.events.length;
      if (count === 0) continue;
      const streamNo =
        head.streamNo ?? Number(s.insertStream.run(request.streamId).lastInsertRowid);
      let streamVersion = head.version;
      for (const event of request.events) {
        streamVersion += 1;
        if (event.metadata !== metadata) {
          metadata = event.metadata;
          metadataJson = JSON.stringify(event.metadata);
        }
        const { lastInsertRowid } = s.insertEvent.run(
          event.eventId,
          streamNo,
          request.streamId,
          streamVersion,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data) ?? "null",
          metadataJson,
        );
        written.push({
          eventId: event.eventId,
          streamId: request.streamId,
          streamVersion,
          globalPosition: Number(lastInsertRowid),
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata: event.metadata,
        } as EventEnvelope);
      }
      // The request's notifications, in the same transaction (most requests have none).
      if (request.notifications) this.outbox.write(request);
      heads?.set(request.streamId, {
        streamNo,
        version: streamVersion,
        lastEventId: request.events[count - 1]?.eventId,
      });
    }
    if (command) {
      s.insertCommand.run(
        command.siteId,
        command.id,
        command.fingerprint,
        written[0]?.globalPosition ?? null,
        written.length,
      );
    }
    return written;
  }

  /** A command's row, then its events: they were committed together, so both are there. */
  private readCommand(command: CommandKey): CommandRecord | undefined {
    const row = this.statements.command.get(command.siteId, command.id);
    if (!row) return undefined;
    const rows =
      row.first_position === null || row.event_count === 0
        ? []
        : this.statements.readAll.all(row.first_position - 1, row.event_count);
    return {
      siteId: command.siteId,
      commandId: command.id,
      fingerprint: row.fingerprint,
      events: rows.map(toEnvelope),
    };
  }
}

function parseCheckpoint(checkpoint: Checkpoint): number {
  if (checkpoint === "") return 0;
  const position = /^\d{1,15}$/.test(checkpoint) ? Number(checkpoint) : Number.NaN;
  if (!Number.isSafeInteger(position)) {
    throw new ValidationError("Checkpoint", [
      { path: "after", message: `"${checkpoint}" is not a checkpoint of the SQLite store` },
    ]);
  }
  return position;
}

/**
 * Opens (creating if needed) an SQLite event store: sets the busy timeout, WAL journal,
 * `synchronous` and `wal_autocheckpoint`, runs `migrate`, and prepares its statements. Close it
 * with `close()`.
 *
 * @example
 * ```ts
 * import { createServiceOps } from "svcops";
 * import { openSqliteStore } from "svcops/sqlite";
 *
 * const store = await openSqliteStore({ path: "/var/lib/front-desk/club-1.db" });
 * const ops = createServiceOps({ store, site: { id: "club-1" } });
 * ```
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteEventStore> {
  const busyRetries = options.busyRetries ?? 4;
  const checkpointPages = options.walAutocheckpointPages ?? DEFAULT_WAL_AUTOCHECKPOINT_PAGES;
  if (!Number.isSafeInteger(checkpointPages) || checkpointPages < 0) {
    throw new ValidationError("SQLite store options", [
      {
        path: "walAutocheckpointPages",
        message: `expected a whole number of pages >= 0, found ${checkpointPages}`,
      },
    ]);
  }
  const intervalMs = options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 0) {
    throw new ValidationError("SQLite store options", [
      {
        path: "checkpointIntervalMs",
        message: `expected a whole number of milliseconds >= 0, found ${intervalMs}`,
      },
    ]);
  }
  const db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    const mode = await retryBusy(
      () => db.pragma("journal_mode = WAL", { simple: true }),
      busyRetries,
    );
    if (mode !== "wal" && !db.memory) {
      throw new SvcOpsError(
        "store_unsupported",
        `SQLite refused WAL journal mode for ${options.path} (got ${String(mode)}); use a local file system.`,
      );
    }
    const synchronous = options.synchronous === "normal" ? "NORMAL" : "FULL";
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`wal_autocheckpoint = ${checkpointPages}`);
    await migrate(db, { busyRetries });
    const background =
      intervalMs > 0 && checkpointPages > 0 && !db.memory
        ? BackgroundCheckpointer.start({ path: db.name, intervalMs, synchronous })
        : undefined;
    return new SqliteEventStore(db, busyRetries, background);
  } catch (error) {
    db.close();
    throw error;
  }
}
