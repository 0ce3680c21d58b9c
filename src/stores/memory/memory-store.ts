import type { EventEnvelope } from "../../kernel/envelope.js";
import { DuplicateCommand, ValidationError } from "../../kernel/errors.js";
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
import { checkNotifications } from "../../kernel/outbox.js";
import type { Snapshot, SnapshotStore } from "../../kernel/snapshot.js";
import { MemoryOutbox } from "./memory-outbox.js";

const EMPTY: readonly EventEnvelope[] = Object.freeze([]);

/**
 * An EventStore in memory: for tests, examples and short-lived tools. Appends are O(1)
 * amortised (a map of streams and one global array; no scan), atomic across streams, and
 * idempotent by command id. Everything is lost when the process ends.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * const ops = createServiceOps({ store, site: { id: "club-1" } });
 * ```
 */
export class MemoryEventStore implements EventStore {
  private readonly streams = new Map<string, EventEnvelope[]>();
  private readonly log: EventEnvelope[] = [];
  /**
   * Command key (`<siteId>/<id>`) → fingerprint and where its events start in the log: a command's events are
   * contiguous there, so the record needs no array of its own (memory is the memory store's cost).
   */
  private readonly commands = new Map<string, CommandEntry>();
  private readonly snapshotMap = new Map<string, Snapshot>();

  /** Notifications written with the events (see NotificationOutbox). */
  readonly outbox = new MemoryOutbox();

  /** Snapshots kept in memory (see SnapshotStore). */
  readonly snapshots: SnapshotStore = {
    load: async (streamId, aggregate) => this.snapshotMap.get(`${aggregate}\u0000${streamId}`),
    save: async (snapshot) => {
      const key = `${snapshot.aggregate}\u0000${snapshot.streamId}`;
      const known = this.snapshotMap.get(key);
      if (
        known &&
        known.aggregateVersion === snapshot.aggregateVersion &&
        known.streamVersion >= snapshot.streamVersion
      ) {
        return;
      }
      this.snapshotMap.set(key, snapshot);
    },
  };

  /** Number of events in the global log. */
  get size(): number {
    return this.log.length;
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

  /** Each commit in turn; a refused one writes nothing (the memory store has no fsync to share). */
  async appendBatch(commits: readonly Commit[]): Promise<readonly CommitOutcome[]> {
    return commits.map((commit): CommitOutcome => {
      try {
        return { ok: true, events: this.write(commit.requests, commit.command) };
      } catch (error) {
        return { ok: false, error: error as Error };
      }
    });
  }

  async readStream(
    streamId: string,
    options: { readonly afterVersion?: number } = {},
  ): Promise<readonly EventEnvelope[]> {
    const stream = this.streams.get(streamId);
    if (!stream) return EMPTY;
    const after = options.afterVersion ?? 0;
    return after >= stream.length ? EMPTY : stream.slice(after);
  }

  async readAll(
    options: { readonly after?: Checkpoint; readonly limit?: number } = {},
  ): Promise<GlobalBatch> {
    const after = parseCheckpoint(options.after ?? "");
    const limit = options.limit ?? 1000;
    const events = this.log.slice(after, after + limit);
    return {
      events,
      checkpoint: events.length === 0 ? (options.after ?? "") : String(after + events.length),
    };
  }

  async findCommand(command: CommandKey): Promise<CommandRecord | undefined> {
    const entry = this.commands.get(scopedCommandId(command));
    if (!entry) return undefined;
    return {
      siteId: command.siteId,
      commandId: command.id,
      fingerprint: entry.fingerprint,
      events: this.log.slice(entry.first, entry.first + entry.count),
    };
  }

  async close(): Promise<void> {}

  private write(
    requests: readonly AppendToStream[],
    command?: CommandStamp,
  ): readonly EventEnvelope[] {
    const key = command ? scopedCommandId(command) : undefined;
    if (command && key !== undefined && this.commands.has(key)) {
      throw new DuplicateCommand(command.id, command.siteId);
    }
    checkDistinctStreams(requests);
    let notified = false;
    for (const request of requests) {
      const stream = this.streams.get(request.streamId);
      checkExpectedVersion(request, stream?.length ?? 0, stream?.at(-1)?.eventId);
      if (request.notifications) {
        checkNotifications(request);
        for (const n of request.notifications) {
          if (this.outbox.has(n.notificationId)) {
            throw new ValidationError("Append", [
              {
                path: "notifications.notificationId",
                message: `notification id ${n.notificationId} is already stored`,
              },
            ]);
          }
        }
        notified = true;
      }
    }
    let total = 0;
    for (const request of requests) total += request.events.length;
    // Exactly sized: kept in the command record, and `[]` + push would reserve 17 slots.
    const written = new Array<EventEnvelope>(total);
    let count = 0;
    for (const request of requests) {
      let stream = this.streams.get(request.streamId);
      if (!stream) {
        stream = [];
        this.streams.set(request.streamId, stream);
      }
      // One string per stream: every command computes its stream ids afresh, and each event
      // would otherwise keep its own copy.
      const streamId = stream[0]?.streamId ?? request.streamId;
      for (const event of request.events) {
        const envelope = {
          eventId: event.eventId,
          streamId,
          streamVersion: stream.length + 1,
          globalPosition: this.log.length + 1,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata: event.metadata,
        } as EventEnvelope;
        stream.push(envelope);
        this.log.push(envelope);
        written[count++] = envelope;
      }
    }
    if (notified) {
      for (const request of requests) {
        if (request.notifications) this.outbox.add(request.notifications);
      }
    }
    if (key !== undefined && command) {
      this.commands.set(key, {
        fingerprint: command.fingerprint,
        first: this.log.length - total,
        count: total,
      });
    }
    return written;
  }
}

interface CommandEntry {
  readonly fingerprint: string;
  /** Index in the log of the command's first event. */
  readonly first: number;
  readonly count: number;
}

function parseCheckpoint(checkpoint: Checkpoint): number {
  if (checkpoint === "") return 0;
  const n = Number(checkpoint);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ValidationError("Checkpoint", [
      { path: "after", message: `"${checkpoint}" is not a checkpoint of the memory store` },
    ]);
  }
  return n;
}

/**
 * Creates an empty in-memory EventStore.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * ```
 */
export function createMemoryStore(): MemoryEventStore {
  return new MemoryEventStore();
}
