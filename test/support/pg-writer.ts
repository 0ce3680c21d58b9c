/**
 * A writer process for the PostgreSQL load tests: `node --import tsx test/support/pg-writer.ts
 * '<json WriterJob>'`. It prints one line per step to stdout (`begin <commandId>`,
 * `ok <commandId>`, `done <appends> <conflicts>`) so the parent can follow it, and kill it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { VersionConflict } from "../../src/kernel/errors.js";
import { createPostgresStore } from "../../src/stores/postgres/index.js";
import { newEvent } from "../../src/testing/index.js";
import { explicitCommits } from "./explicit-commits.js";

/** What one writer process does. */
export interface WriterJob {
  readonly connectionString: string;
  readonly schema: string;
  /** Names this writer's events, command ids and connections (`svcops-writer-<tag>`). */
  readonly tag: string;
  /**
   * - `optimistic`: `count` one-event appends spread over `streams`, each with the version it
   *   last knew, retried with the VersionConflict's actual version.
   * - `multi`: `count` appends (0: until killed), each two events to every one of `streams`
   *   in one `appendMany`, under command id `<tag>-<i>`.
   * - `commit-then-crash`: one such `appendMany` under command id `<tag>`, then SIGKILL itself
   *   before it can report the result.
   */
  readonly mode: "optimistic" | "multi" | "commit-then-crash";
  readonly streams: readonly string[];
  readonly count: number;
  /**
   * Wait before every statement, to hold transactions open longer (default 0). The writer's
   * sessions then default to SERIALIZABLE, so the store wraps each append in
   * `BEGIN ISOLATION LEVEL READ COMMITTED` … `COMMIT` (its fallback for such roles) and the
   * transaction stays open across the delays, where a kill can catch it.
   */
  readonly statementDelayMs?: number;
}

/**
 * The appends of a `multi` or `commit-then-crash` command: two events to each stream.
 *
 * @example
 * ```ts
 * await store.appendMany(multiStreamAppend(["a", "b"], "cmd-1"), { siteId: "site-1", id: "cmd-1", fingerprint: "multi" });
 * ```
 */
export function multiStreamAppend(streams: readonly string[], commandId: string) {
  return streams.map((streamId) => ({
    streamId,
    expectedVersion: "any" as const,
    events: [
      newEvent("Leg", { commandId, n: 1 }, commandId),
      newEvent("Leg", { commandId, n: 2 }, commandId),
    ],
  }));
}

function delayedPool(job: WriterJob): pg.Pool {
  const delay = job.statementDelayMs ?? 0;
  const pool = new pg.Pool({
    connectionString: job.connectionString,
    max: 2,
    application_name: `svcops-writer-${job.tag}`,
    ...(delay > 0 ? explicitCommits : {}),
  });
  if (delay > 0) {
    pool.on("connect", (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      // The store queues BEGIN, the call and COMMIT at once: each waits for the one before
      // it to finish, then `delay`, so the transaction stays open between them.
      let previous: Promise<unknown> = Promise.resolve();
      Object.assign(client, {
        query: (...args: unknown[]) => {
          const run = previous
            .catch(() => undefined)
            .then(() => sleep(delay))
            .then(() => query(...args));
          previous = run;
          return run;
        },
      });
    });
  }
  return pool;
}

async function runWriter(job: WriterJob): Promise<void> {
  const pool = delayedPool(job);
  const store = createPostgresStore({ pool, schema: job.schema });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let conflicts = 0;
  let appends = 0;
  if (job.mode === "optimistic") {
    const known = new Map<string, number>();
    for (let i = 0; i < job.count; i++) {
      const streamId = job.streams[i % job.streams.length] as string;
      const event = newEvent("Written", { tag: job.tag, i });
      for (;;) {
        try {
          const [written] = await store.append({
            streamId,
            expectedVersion: known.get(streamId) ?? "no-stream",
            events: [{ ...event, eventId: `${job.tag}-${i}` }],
          });
          known.set(streamId, written?.streamVersion ?? 0);
          break;
        } catch (error) {
          if (!(error instanceof VersionConflict)) throw error;
          conflicts += 1;
          known.set(streamId, error.actual);
        }
      }
      appends += 1;
    }
  } else if (job.mode === "multi") {
    for (let i = 0; job.count === 0 || i < job.count; i++) {
      const id = `${job.tag}-${i}`;
      say(`begin ${id}`);
      await store.appendMany(multiStreamAppend(job.streams, id), {
        siteId: "site-1",
        id,
        fingerprint: "multi",
      });
      say(`ok ${id}`);
      appends += 1;
    }
  } else {
    await store.appendMany(multiStreamAppend(job.streams, job.tag), {
      siteId: "site-1",
      id: job.tag,
      fingerprint: "multi",
    });
    process.kill(process.pid, "SIGKILL");
  }
  say(`done ${appends} ${conflicts}`);
  await pool.end();
}

const script = process.argv[1];
const arg = process.argv[2];
if (script && arg && import.meta.url === pathToFileURL(script).href) {
  runWriter(JSON.parse(arg) as WriterJob).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
