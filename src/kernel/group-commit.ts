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
  /**
   * Most batches in flight at once: by default the store's `orderedBatches`, else 1. It may
   * be lower than the store's, never higher (a RangeError): batches beyond what the store
   * keeps in order could land out of order, and the commits built on earlier ones would be
   * refused.
   */
  readonly maxBatchesInFlight?: number;
}

/**
 * The write side of one command handler: one batch in flight at a time (or as many as the
 * store keeps in order), and every commit that arrives meanwhile goes into the next one. With a store that has `appendBatch`, a batch is one
 * transaction, so the desks of an app instance share each durable write (group commit); under
 * no load a batch holds one commit and goes out at once. A store that keeps several batches in
 * order (`orderedBatches`, PostgreSQL) gets the next batch while it writes the last one.
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
  /** A batch is due to start (a microtask or the end of this turn). */
  private scheduled = false;
  /** Batches sent to the store and not settled yet. */
  private inFlight = 0;
  /** Commits in the last batch. */
  private lastBatch = 0;
  private readonly maxCommits: number;
  private readonly maxInFlight: number;
  /** Batches written and commits in them, since start (for tests and benchmarks). */
  readonly stats = { batches: 0, commits: 0, largest: 0, mostInFlight: 0 };

  constructor(
    private readonly store: EventStore,
    options: GroupCommitOptions = {},
  ) {
    const max = options.maxCommits ?? 64;
    if (!Number.isSafeInteger(max) || max < 1) {
      throw new RangeError(`groupCommit.maxCommits must be a whole number >= 1, got ${max}`);
    }
    this.maxCommits = max;
    const ordered = store.appendBatch ? (store.orderedBatches ?? 1) : 1;
    const inFlight = options.maxBatchesInFlight ?? ordered;
    if (!Number.isSafeInteger(inFlight) || inFlight < 1 || inFlight > ordered) {
      throw new RangeError(
        `groupCommit.maxBatchesInFlight must be a whole number from 1 to ${ordered} (the batches this store keeps in order), got ${inFlight}`,
      );
    }
    this.maxInFlight = inFlight;
  }

  /** Queues a commit; settles with its events, or with the error that refused it. */
  submit(commit: Commit): Promise<readonly EventEnvelope[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ commit, resolve, reject });
      this.kick();
    });
  }

  /**
   * Starts a batch unless as many as allowed are in flight. While commits come in together
   * (the last batch held more than one, or another batch is being written), it goes out at
   * the end of the event loop's turn (setImmediate), so that the desks woken by the last
   * batch's results, whose commands are decided in that turn, join it: sent on a microtask,
   * the first of them would often go alone. A lone desk's commit goes out on a microtask,
   * without waiting for the turn to end.
   */
  private kick(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    if (this.lastBatch > 1 || this.inFlight > 0) nextTurn(() => void this.drain());
    else queueMicrotask(() => void this.drain());
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    if (this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    let take = Math.min(this.queue.length, this.maxCommits);
    // Nothing is being written and another batch may follow this one: send half now and the
    // rest right behind it. The store writes one while the desks of the other decide their
    // next commands, and the two halves keep taking turns.
    if (this.inFlight === 0 && this.maxInFlight > 1 && take > 1) take = Math.ceil(take / 2);
    const batch = take === this.queue.length ? this.queue : this.queue.slice(0, take);
    this.queue = take === this.queue.length ? [] : this.queue.slice(take);
    this.lastBatch = batch.length;
    this.inFlight += 1;
    this.stats.batches += 1;
    this.stats.commits += batch.length;
    if (batch.length > this.stats.largest) this.stats.largest = batch.length;
    if (this.inFlight > this.stats.mostInFlight) this.stats.mostInFlight = this.inFlight;
    const written = this.write(batch);
    // Commits still waiting (the other half, or more than maxCommits) and room for another
    // batch in flight: it goes at the end of this turn, without waiting for this one.
    this.kick();
    try {
      await written;
    } finally {
      this.inFlight -= 1;
      this.kick();
    }
  }

  private async write(batch: readonly Queued[]): Promise<void> {
    const only = batch[0];
    // With one batch in flight a lone commit takes the plain append; with several, every batch
    // takes appendBatch, the call the store keeps in order.
    if (batch.length === 1 && only && this.maxInFlight === 1) return this.writeAlone(only);
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
