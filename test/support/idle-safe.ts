import type pg from "pg";

/**
 * Gives a test's pool an `error` listener. pg emits `error` on the pool when an idle
 * connection is closed by the server (as when a test cluster stops); with no listener that is
 * an uncaught exception that fails the whole run although every test passed.
 */
export function idleSafe(pool: pg.Pool): pg.Pool {
  pool.on("error", () => undefined);
  return pool;
}
