import { once } from "node:events";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** What the checkpoint thread needs: plain data, cloned into it. */
interface CheckpointerData {
  /** The resolved path of better-sqlite3, so the thread loads the same driver as the store. */
  readonly driver: string;
  readonly path: string;
  readonly intervalMs: number;
  readonly synchronous: "FULL" | "NORMAL";
}

// The thread's code, run as a CommonJS script (`eval`): the package ships no separate file for
// it, so the same code runs from the ESM and CJS builds and from the TypeScript sources.
// `wal_checkpoint(PASSIVE)` copies what it can without waiting for anyone (no busy handler), so a
// failed or busy round is simply tried again at the next tick.
const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("synchronous = " + workerData.synchronous);
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.intervalMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints an SQLite file's WAL from a worker thread with a connection of its own, every
 * `intervalMs`: the pages the commits wrote to the WAL are copied into the database file, and
 * the file synced, while the thread that commits goes on. The committing connection's own
 * automatic checkpoint (`wal_autocheckpoint`) then finds little left to copy when it comes due,
 * and lets the WAL start again from its beginning. `openSqliteStore` starts one (see
 * `SqliteStoreOptions.checkpointIntervalMs`); `stop()` ends it.
 *
 * @example
 * ```ts
 * const checkpointer = BackgroundCheckpointer.start({ path: "club-1.db", intervalMs: 100, synchronous: "FULL" });
 * // … commits on another connection …
 * await checkpointer.stop();
 * ```
 */
export class BackgroundCheckpointer {
  /** Settles when the thread has ended, however it ended. */
  private readonly ended: Promise<void>;

  private constructor(private readonly worker: Worker) {
    this.ended = once(worker, "exit").then(
      () => undefined,
      () => undefined,
    );
    // A failure of the thread (the driver cannot load, the file cannot open) only loses the
    // background copies: the committing connection's own checkpoints still run.
    worker.on("error", () => undefined);
    // The thread never keeps the process alive on its own.
    worker.unref();
  }

  /** Starts the thread. */
  static start(options: {
    readonly path: string;
    readonly intervalMs: number;
    readonly synchronous: "FULL" | "NORMAL";
  }): BackgroundCheckpointer {
    const data: CheckpointerData = {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      path: options.path,
      intervalMs: options.intervalMs,
      synchronous: options.synchronous,
    };
    return new BackgroundCheckpointer(new Worker(THREAD, { eval: true, workerData: data }));
  }

  /** Asks the thread to close its connection and waits until it has ended. Idempotent. */
  stop(): Promise<void> {
    // Unreferenced, the thread would let the process end before it has closed its connection
    // (and a top-level `await store.close()` would never settle).
    this.worker.ref();
    this.worker.postMessage("stop");
    return this.ended;
  }
}
