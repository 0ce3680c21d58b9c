/**
 * The PostgreSQL key store (personal data, issue 13) and a connection that breaks as the pool
 * hands it over: pg emits `error` on the client, and an `error` event with no listener crashes
 * the app. The key store takes its one held connection (creating its table) through a lease,
 * whose listener is on before any event can come; the call fails with a typed
 * PostgresUnavailable and the app lives on. No server is needed: a pool that breaks every
 * connection it hands over stands in for a server whose backends are terminated.
 */
import { EventEmitter } from "node:events";
import type { Pool } from "pg";
import { createPostgresKeyStore, PostgresUnavailable } from "svcops/postgres";
import { describe, expect, it } from "vitest";

const terminated = () =>
  Object.assign(new Error("terminating connection due to administrator command"), {
    code: "57P01",
    severity: "FATAL",
  });

/** A client whose connection is broken: every query fails as the server's goodbye does. */
class BrokenClient extends EventEmitter {
  released: unknown[] = [];
  async query(): Promise<never> {
    throw terminated();
  }
  release(error?: unknown): void {
    this.released.push(error);
  }
}

/**
 * A pool whose connections break as they are handed over: the `error` event comes right after
 * the hand-over, before code that awaited `pool.connect()` could add a listener.
 */
function breakingPool() {
  const clients: BrokenClient[] = [];
  const handOver = (): BrokenClient => {
    const client = new BrokenClient();
    clients.push(client);
    queueMicrotask(() => client.emit("error", terminated()));
    return client;
  };
  const pool = {
    connect(callback?: (error: Error | undefined, client: BrokenClient, done: () => void) => void) {
      const client = handOver();
      if (callback) {
        callback(undefined, client, () => undefined);
        return undefined;
      }
      return Promise.resolve(client);
    },
    async query(): Promise<never> {
      throw terminated();
    },
    on() {
      return pool;
    },
    async end() {},
  };
  return { pool: pool as unknown as Pool, clients };
}

describe("PostgreSQL key store, connection faults", () => {
  it("a connection broken as it is handed over fails find, obtain and erase with PostgresUnavailable, and the app lives on", async () => {
    const { pool, clients } = breakingPool();
    const keys = createPostgresKeyStore({ pool });
    for (const call of [
      () => keys.find("club-1", ["member:M-1"]),
      () => keys.obtain("club-1", ["member:M-1"]),
      () => keys.erase("club-1", "member:M-1"),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PostgresUnavailable);
      expect((error as PostgresUnavailable).code).toBe("store_unavailable");
    }
    // Let every queued `error` event fire: an unheard one would fail this test run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(clients.length).toBeGreaterThanOrEqual(3);
    // Each broken connection went back to the pool with its error, so the pool discards it.
    for (const client of clients) expect(client.released[0]).toBeInstanceOf(Error);
  });
});
