import type { EventEnvelope } from "./envelope.js";
import type { Commit, CommitOutcome, EventStore } from "./event-store.js";

interface Queued {
  readonly commit: Commit;
  readonly resolve: (events: readonly EventEnvelope[]) => void;
  readonly reject: (error: unknown) => void;
}

/** How a GroupCommit batches. */
export interface GroupCommitOptions {
  /** Most commits in one batch (default 64). */
  readonly maxCommits?: number;
}

/**
 * The write side of one command handler: one batch in flight at a time, and every commit that
 * arrives meanwhile goes into the next one. With a store that has `appendBatch`, a batch is one
 * transaction, so the desks of an app instance share each durable write (group commit); under
 * no load a batch holds one commit and goes out at once.
 *
 * Commits reach the store in the order they were submitted, which is what lets the command
 * handler decide a command on the state an earlier, still unwritten commit will leave: the
 * later commit's expected versions are checked after the earlier one is written.
 *
 * When the store has no `appendBatch`, or a batch fails as a whole (the call throws), the
 * commits are appended one after another with `appendMany`, so each gets its own outcome.
 *
 * @example
 * ```ts
 * const commits = new GroupCommit(store);
 * const events = await commits.submit({
 *   requests: [{ streamId: "club-1/visit/v-1", expectedVersion: "no-stream", events: [event] }],
 *   command: { id: "cmd-1", fingerprint: "…" },
 * });
 * ```
 */
export class GroupCommit {
  private queue: Queued[] = [];
  /** A batch is being written, or about to be. */
  private busy = false;
  /** Commits in the last batch. */
  private lastBatch = 0;
  private readonly maxCommits: number;
  /** Batches written and commits in them, since start (for tests and benchmarks). */
  readonly stats = { batches: 0, commits: 0, largest: 0 };

  constructor(
    private readonly store: EventStore,
    options: GroupCommitOptions = {},
  ) {
    const max = options.maxCommits ?? 64;
    if (!Number.isSafeInteger(max) || max < 1) {
      throw new RangeError(`groupCommit.maxCommits must be a whole number >= 1, got ${max}`);
    }
    this.maxCommits = max;
  }

  /** Queues a commit; settles with its events, or with the error that refused it. */
  submit(commit: Commit): Promise<readonly EventEnvelope[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ commit, resolve, reject });
      this.kick();
    });
  }

  /**
   * Starts a batch unless one is in flight. While commits come in together (the last batch held
   * more than one), it goes out at the end of the event loop's turn (setImmediate), so that the
   * desks woken by the last batch's results, whose commands are decided in that turn, join it:
   * sent on a microtask, the first of them would often go alone. A lone desk's commit goes out
   * on a microtask, without waiting for the turn to end.
   */
  private kick(): void {
    if (this.busy || this.queue.length === 0) return;
    this.busy = true;
    if (this.lastBatch > 1) nextTurn(() => void this.drain());
    else queueMicrotask(() => void this.drain());
  }

  private async drain(): Promise<void> {
    const batch =
      this.queue.length <= this.maxCommits ? this.queue : this.queue.slice(0, this.maxCommits);
    this.queue = this.queue.length <= this.maxCommits ? [] : this.queue.slice(this.maxCommits);
    this.lastBatch = batch.length;
    this.stats.batches += 1;
    this.stats.commits += batch.length;
    if (batch.length > this.stats.largest) this.stats.largest = batch.length;
    try {
      await this.write(batch);
    } finally {
      this.busy = false;
      this.kick();
    }
  }

  private async write(batch: readonly Queued[]): Promise<void> {
    const only = batch[0];
    if (batch.length === 1 && only) return this.writeAlone(only);
    if (!this.store.appendBatch) {
      for (const queued of batch) await this.writeAlone(queued);
      return;
    }
    let outcomes: readonly CommitOutcome[];
    try {
      outcomes = await this.store.appendBatch(batch.map((queued) => queued.commit));
      if (outcomes.length !== batch.length) {
        throw new Error(
          `appendBatch returned ${outcomes.length} outcomes for ${batch.length} commits`,
        );
      }
    } catch {
      // Nothing is known of any commit: each goes again on its own. A commit that did land
      // comes back as DuplicateCommand, which the handler answers from the stored record.
      for (const queued of batch) await this.writeAlone(queued);
      return;
    }
    batch.forEach((queued, i) => {
      const outcome = outcomes[i] as CommitOutcome;
      if (outcome.ok) queued.resolve(outcome.events);
      else queued.reject(outcome.error);
    });
  }

  private async writeAlone(queued: Queued): Promise<void> {
    const { requests, command } = queued.commit;
    try {
      const only = requests.length === 1 ? requests[0] : undefined;
      queued.resolve(
        only
          ? await this.store.append(only, command)
          : await this.store.appendMany(requests, command),
      );
    } catch (error) {
      queued.reject(error);
    }
  }
}

/** setImmediate where there is one (Node, Deno, Bun); a zero timeout elsewhere. */
const nextTurn: (run: () => void) => void =
  typeof setImmediate === "function" ? (run) => setImmediate(run) : (run) => setTimeout(run, 0);
