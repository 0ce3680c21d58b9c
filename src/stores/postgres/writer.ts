import type { Pool } from "pg";
import { type Lease, lease as takeLease } from "./lease.js";
import { isConnectionError } from "./postgres-unavailable.js";

/**
 * The writer connection (see `PostgresEventStore.onWriter`): a lease taken when the first call
 * comes, shared by the calls that overlap it, given back when the last one settles.
 */
export class Writer {
  /** Calls using it and not settled. */
  inFlight = 0;
  /** Set when a call found the connection broken: it is destroyed, not given back. */
  private broken: Error | undefined;
  /** The lease, once the pool has handed the connection over. */
  private held: Lease | undefined;
  private readonly lease: Promise<Lease>;
  /** On a connection without pipelining: settles when the last call queued has settled. */
  private tail: Promise<unknown> = Promise.resolve();
  private done: () => void = () => undefined;
  /** Settles once the connection has been given back (or was never had). */
  readonly idle = new Promise<void>((resolve) => {
    this.done = resolve;
  });

  constructor(pool: Pool) {
    this.lease = takeLease(pool).then((held) => {
      this.held = held;
      return held;
    });
    // A failed connect is reported to the calls; this one only keeps it from going unhandled.
    this.lease.catch(() => undefined);
  }

  /** The pool has handed the connection over. */
  get connected(): boolean {
    return this.held !== undefined;
  }

  /** The connection broke (an error event, or a call's connection error). */
  get failed(): boolean {
    return this.broken !== undefined || this.held?.failure !== undefined;
  }

  /**
   * Runs `work` on the connection. A pipelined connection takes every call's statements at
   * once, in the order of the calls (pg sends them, and the server runs them, in that order).
   * Without pipelining a call waits for the one before it to settle, then sends its
   * statements, one answer at a time: pg 9 no longer queues a query sent while another runs.
   */
  async run<T>(work: (held: Lease) => Promise<T>): Promise<T> {
    const held = await this.lease;
    if (held.pipelined) return work(held);
    const result = this.tail.then(() => work(held));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Notes a call's error; returns the failure when it broke the connection. */
  fail(error: unknown): Error | undefined {
    const failure = this.held
      ? this.held.fail(error)
      : isConnectionError(error)
        ? error
        : undefined;
    this.broken ??= failure;
    return this.broken;
  }

  /** Gives the connection back (destroyed when it failed), once the pool has handed it over. */
  release(): void {
    this.lease.then(
      (held) => {
        held.release(this.broken);
        this.done();
      },
      () => this.done(),
    );
  }
}
