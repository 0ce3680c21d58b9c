import type { Pool, PoolClient } from "pg";
import { isConnectionError } from "./postgres-unavailable.js";

/**
 * A connection the store holds, from the moment the pool hands it over to its release.
 *
 * pg emits `error` on a client whose connection breaks (the session terminated, the server
 * restarted, a socket reset), also between queries, and an `error` event with no listener
 * crashes the process. The pool listens while a client is idle, and stops when it hands it
 * out; `lease` takes the client in `pool.connect`'s callback, which the pool calls in the same
 * step, so the lease's listener is on before any event can come (with `await pool.connect()`
 * it would come a few microtasks later, and a message that arrived with the connection's
 * first ReadyForQuery could be emitted in between). The queries in flight are rejected by pg
 * itself; the listener only remembers the failure, so that the connection is released with it
 * and the pool discards it.
 */
export class Lease {
  /** The error that broke the connection, once one did. */
  failure: Error | undefined;
  private released = false;
  private readonly onError = (error: Error): void => {
    this.failure ??= error;
  };

  constructor(readonly client: PoolClient) {
    client.on("error", this.onError);
  }

  /** True for a connection made with `pipeline: true` (a pg with pipelining, e.g. 8.23). */
  get pipelined(): boolean {
    return (this.client as { pipeline?: unknown }).pipeline === true;
  }

  /**
   * Notes that `error`, which a call on this connection got, broke it (a connection error):
   * the connection is then discarded at release. Returns the failure, if any.
   */
  fail(error: unknown): Error | undefined {
    if (isConnectionError(error)) this.failure ??= error;
    return this.failure;
  }

  /** Marks the connection unusable whatever `error` was (a ROLLBACK that failed). */
  discard(error: Error): void {
    this.failure ??= error;
  }

  /**
   * Gives the connection back; a failed one (`failure`, or `error` when it is a connection
   * error) is released with its error, so the pool destroys it. A failed connection keeps the
   * lease's listener: a late event (a reset after the server's goodbye) finds it.
   */
  release(error?: unknown): void {
    if (this.released) return;
    this.released = true;
    const failure = error === undefined ? this.failure : this.fail(error);
    if (!failure) this.client.removeListener("error", this.onError);
    this.client.release(failure);
  }
}

/**
 * A connection from `pool`, with the lease's `error` listener on from the start (see Lease).
 *
 * @example
 * ```ts
 * const lease = await lease(pool);
 * try { await lease.client.query("SELECT 1"); } catch (e) { lease.fail(e); throw e; } finally { lease.release(); }
 * ```
 */
export function lease(pool: Pool): Promise<Lease> {
  return new Promise((resolve, reject) => {
    pool.connect((error, client) => {
      if (error || !client) reject(error ?? new Error("the pool handed over no connection"));
      else resolve(new Lease(client));
    });
  });
}
