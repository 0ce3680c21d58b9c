import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { SvcOpsError } from "../../kernel/errors.js";

/**
 * True for SQLite's "database is locked" family (`SQLITE_BUSY`, `SQLITE_BUSY_RECOVERY`,
 * `SQLITE_BUSY_SNAPSHOT`, `SQLITE_BUSY_TIMEOUT`): another connection holds the lock longer
 * than the busy timeout. Nothing of the failed statement or transaction was written.
 *
 * @example
 * ```ts
 * if (isBusyError(error)) console.warn("the SQLite file is locked by another writer");
 * ```
 */
export function isBusyError(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === "SQLITE_BUSY" || error.code.startsWith("SQLITE_BUSY_"))
  );
}

/**
 * Runs `work` (a whole statement or transaction, which SQLite rolled back if it failed) and,
 * while it fails with SQLITE_BUSY after the connection's own busy timeout, runs it again up to
 * `retries` more times, waiting 25, 50, 100… ms (at most 400, with jitter) without blocking the
 * event loop. When the lock never frees, throws a SvcOpsError `store_busy`.
 *
 * @example
 * ```ts
 * const rows = await retryBusy(() => statement.all(), 4);
 * ```
 */
export async function retryBusy<T>(work: () => T, retries: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      if (attempt >= retries) {
        throw new SvcOpsError(
          "store_busy",
          `The SQLite file stayed locked by another connection after ${attempt + 1} attempts; nothing was written.`,
          { cause: error },
        );
      }
      const wait = Math.min(25 * 2 ** attempt, 400);
      await sleep(wait + Math.floor(Math.random() * wait));
    }
  }
}
