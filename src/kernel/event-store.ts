import type { EventEnvelope, NewEvent } from "./envelope.js";
import type { Notification } from "./notification.js";
import type { NotificationOutbox } from "./outbox.js";
import type { SnapshotStore } from "./snapshot.js";

/**
 * The version a writer expects a stream to be at: a number (the count of events in it; 0 for
 * a stream that does not exist), `"no-stream"` (must not exist), or `"any"` (no check).
 */
export type ExpectedVersion = number | "no-stream" | "any";

/** Events to append to one stream, guarded by an expected version. */
export interface AppendToStream {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
  /**
   * The id of the stream's last event this append was decided after. When given, the store
   * also refuses (VersionConflict) a stream whose last event has another id, even at the
   * expected version. The command handler sets it on a commit it chains on one of its own that
   * is not written yet: if that one is refused and another writer's event takes its version,
   * the version alone would match, and the chained commit would land on a state it was not
   * decided on.
   */
  readonly afterEventId?: string;
  /**
   * Notifications the request's events cause (each names one of them), written in the same
   * atomic step as the events, into the store's `outbox`. Absent (not empty) when there are
   * none, so the usual append costs nothing more. A store without an outbox must not be given
   * any: the command handler refuses such a command before it appends.
   */
  readonly notifications?: readonly Notification[];
}

/**
 * Which command: an id unique within its site. Two sites of a chain that share a store may use
 * the same command id for different commands; neither sees the other's (tenant isolation).
 */
export interface CommandKey {
  /** The site the command was sent to (a site id never contains "/"). */
  readonly siteId: string;
  /** The caller's command id, or one the handler generated. */
  readonly id: string;
}

/** The command an append carries out, for idempotency. */
export interface CommandStamp extends CommandKey {
  /** Digest of the command's type and data (see `fingerprint`). */
  readonly fingerprint: string;
}

/**
 * A command key as one string, `<siteId>/<id>`: unambiguous, since a site id has no "/". The
 * memory and PostgreSQL stores key their command records by it.
 *
 * @example
 * ```ts
 * scopedCommandId({ siteId: "club-1", id: "kiosk-7" }); // "club-1/kiosk-7"
 * ```
 */
export function scopedCommandId(key: CommandKey): string {
  return `${key.siteId}/${key.id}`;
}

/** What a command id was first used for at a site, and the events it appended. */
export interface CommandRecord {
  readonly siteId: string;
  readonly commandId: string;
  readonly fingerprint: string;
  readonly events: readonly EventEnvelope[];
}

/** One command's writes in a batch (see `EventStore.appendBatch`). */
export interface Commit {
  readonly requests: readonly AppendToStream[];
  readonly command?: CommandStamp;
}

/**
 * What became of one commit of a batch: its events, or the error an `appendMany` of it alone
 * would have thrown (VersionConflict, DuplicateCommand, ValidationError), with nothing of it
 * written.
 */
export type CommitOutcome =
  | { readonly ok: true; readonly events: readonly EventEnvelope[] }
  | { readonly ok: false; readonly error: Error };

/**
 * An opaque position in a store's global log. `""` is the start. Stores may encode more than a
 * number in it (PostgreSQL keeps a transaction fence); only pass back what a read returned.
 */
export type Checkpoint = string;

/** The start of every global log. */
export const START: Checkpoint = "";

/** A batch of the global log and the checkpoint after it. */
export interface GlobalBatch {
  readonly events: readonly EventEnvelope[];
  /** Pass it to the next read. Equal to the `after` given when nothing new was found. */
  readonly checkpoint: Checkpoint;
}

/**
 * The storage port every adapter implements (memory, SQLite, PostgreSQL, or an app's own; check
 * yours with `eventStoreConformance` from `svcops/testing`).
 *
 * Guarantees: an append is all or nothing; expected versions are checked in the same atomic
 * step as the write; `appendMany` commits every stream or none; a command id is stored once per
 * site, and an append naming a command id known at its site throws `DuplicateCommand` and
 * writes nothing (the same id at another site is another command); the global log is read in an order that never skips an event that commits late;
 * a request's notifications are written with its events or not at all (see `outbox`).
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.append({ streamId: "s-1", expectedVersion: "no-stream", events: [event] });
 * const events = await store.readStream("s-1");
 * ```
 */
export interface EventStore {
  /** Appends to one stream. Throws VersionConflict, or DuplicateCommand. */
  append(request: AppendToStream, command?: CommandStamp): Promise<readonly EventEnvelope[]>;
  /** Appends to several streams in one atomic step, each guarded by its own expected version. */
  appendMany(
    requests: readonly AppendToStream[],
    command?: CommandStamp,
  ): Promise<readonly EventEnvelope[]>;
  /**
   * Group commit: several commands' appends in one transaction, so they share one durable
   * write (one fsync) instead of paying one each. The commits are applied in order, each
   * checked (command id, expected versions) against the store as the commits before it left
   * it, so a commit may build on an earlier one of the same batch. A refused commit writes
   * nothing and does not stop the others: its outcome carries the error. Every accepted commit
   * becomes visible and durable at once, when the batch ends. When the call itself throws
   * (connection lost, disk full), no outcome is known: retry each command by its id.
   *
   * Optional: the command handler falls back to one `appendMany` per commit without it.
   */
  appendBatch?(commits: readonly Commit[]): Promise<readonly CommitOutcome[]>;
  /**
   * How many `appendBatch` calls may be in flight at once with the store still applying them
   * in the order they were made (default 1). Above 1, the command handler sends its next batch
   * while the one before is being written: the PostgreSQL store queues them on one connection,
   * so the server starts the next transaction as soon as the last one commits.
   */
  readonly orderedBatches?: number;
  /** A stream's events in version order, after `afterVersion` (default 0: all). */
  readStream(
    streamId: string,
    options?: { readonly afterVersion?: number },
  ): Promise<readonly EventEnvelope[]>;
  /** Up to `limit` events of the global log after a checkpoint. */
  readAll(options?: { readonly after?: Checkpoint; readonly limit?: number }): Promise<GlobalBatch>;
  /** The record of a command already handled at a site, if any (another site's: never). */
  findCommand(command: CommandKey): Promise<CommandRecord | undefined>;
  /** Releases connections or file handles. */
  close(): Promise<void>;
  /** Snapshots of long streams, when the store keeps them (the durable stores do). */
  readonly snapshots?: SnapshotStore;
  /**
   * The outbox of notifications written with the events (memory, SQLite and PostgreSQL keep
   * one). Without it, an append that carries notifications is refused by the command handler.
   */
  readonly outbox?: NotificationOutbox;
}
