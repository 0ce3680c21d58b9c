import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventEnvelope } from "../../src/kernel/envelope.js";
import { DuplicateCommand, VersionConflict } from "../../src/kernel/errors.js";
import type { Checkpoint, EventStore } from "../../src/kernel/event-store.js";
import { createPostgresStore, type PostgresEventStore } from "../../src/stores/postgres/index.js";
import { newEvent, readAllFrom } from "../../src/testing/index.js";
import { explicitCommits } from "../support/explicit-commits.js";
import { idleSafe } from "../support/idle-safe.js";
import { findPostgres, type PgCluster, startPgCluster } from "../support/pg-cluster.js";
import { multiStreamAppend, type WriterJob } from "../support/pg-writer.js";

const found = findPostgres();
const skip = typeof found === "string" ? found : undefined;
if (skip) console.warn(`PostgreSQL load tests skipped: ${skip}`);

const SCHEMA = "svcops";
const RUNS = 20;
const EVENTS_PER_RUN = 200;
const WRITER_SCRIPT = fileURLToPath(new URL("../support/pg-writer.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Holds about a third of the COMMITs on `pool` for 0–3 ms, so commits land out of order. The
 * pool's sessions must default to SERIALIZABLE (`explicitCommits`), or the store sends
 * each append as one statement, with no COMMIT to hold.
 */
function jitterCommits(pool: pg.Pool): void {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(client, {
      query: async (...args: unknown[]) => {
        if (args[0] === "COMMIT" && Math.random() < 0.35) await sleep(Math.random() * 3);
        return query(...args);
      },
    });
  });
}

/** Checks that each stream's events come in versions 1, 2, 3… and returns their counts. */
function streamLengths(events: readonly EventEnvelope[]): Map<string, number> {
  const lengths = new Map<string, number>();
  for (const event of events) {
    const next = (lengths.get(event.streamId) ?? 0) + 1;
    expect(event.streamVersion, `${event.streamId} in global order`).toBe(next);
    lengths.set(event.streamId, next);
  }
  return lengths;
}

interface Writer {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnWriter(job: WriterJob): Writer {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER_SCRIPT, JSON.stringify(job)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) =>
    lines.push(line),
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => {
      if (code) console.error(`writer ${job.tag} failed:\n${stderr}`);
      resolve({ code, signal });
    }),
  );
  return { child, lines, exited };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe.skipIf(skip !== undefined)("PostgreSQL store under load", () => {
  let cluster: PgCluster | undefined;
  let admin: pg.Pool;
  let reader: PostgresEventStore;
  /** The end of the global log, moved on by each test. */
  let logEnd: Checkpoint = "";

  beforeAll(async () => {
    if (typeof found === "string") return;
    cluster = await startPgCluster(found, { max_connections: 200 });
    admin = idleSafe(new pg.Pool({ connectionString: cluster.connectionString, max: 4 }));
    reader = createPostgresStore({ connectionString: cluster.connectionString, maxConnections: 2 });
    await reader.migrate();
  });

  afterAll(async () => {
    try {
      await reader?.close();
      await admin?.end();
    } finally {
      await cluster?.stop();
    }
  });

  /** Moves `logEnd` to the end of the log, past whatever an earlier (failed) test left. */
  async function catchUp(): Promise<Checkpoint> {
    logEnd = (await readAllFrom(reader, logEnd)).checkpoint;
    return logEnd;
  }

  /** One run: `writers` tasks append EVENTS_PER_RUN events while a reader follows the log. */
  async function concurrentRun(store: EventStore, writers: number, run: number) {
    const p = `w${writers}-r${run}`;
    const streams = Array.from({ length: 16 }, (_, i) => `${p}/s${i}`);
    const perWriter = Math.ceil(EVENTS_PER_RUN / writers / 1.5);
    const committed: EventEnvelope[] = [];
    let writing = true;
    let conflicts = 0;
    const lastPosition = await admin.query<{ p: string }>(
      `SELECT COALESCE(max(global_position), 0)::text AS p FROM ${SCHEMA}.events`,
    );

    const writeAll = Array.from({ length: writers }, async (_, w) => {
      const known = new Map<string, number>();
      for (let i = 0; i < perWriter; i++) {
        const a = streams[(w * 7 + i * 3) % streams.length] as string;
        const b = streams[(w * 5 + i * 11 + 1) % streams.length] as string;
        const events = [newEvent("E", { w, i }), newEvent("E", { w, i, second: true })];
        if (i % 3 === 2 && a !== b) {
          const written = await store.appendMany([
            { streamId: a, expectedVersion: "any", events: events.slice(0, 1) },
            { streamId: b, expectedVersion: "any", events: events.slice(1) },
          ]);
          committed.push(...written);
          continue;
        }
        const batch = events.slice(0, 1 + (i % 2));
        if (w % 2 === 0) {
          committed.push(
            ...(await store.append({ streamId: a, expectedVersion: "any", events: batch })),
          );
          continue;
        }
        for (;;) {
          try {
            const expectedVersion = known.get(a) ?? "no-stream";
            const written = await store.append({ streamId: a, expectedVersion, events: batch });
            known.set(a, written.at(-1)?.streamVersion ?? 0);
            committed.push(...written);
            break;
          } catch (error) {
            if (!(error instanceof VersionConflict)) throw error;
            conflicts += 1;
            known.set(a, error.actual);
          }
        }
      }
    });

    const start = logEnd;
    const seen: EventEnvelope[] = [];
    const follow = async () => {
      let checkpoint = start;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const batch = await reader.readAll({ after: checkpoint, limit: 20 });
        checkpoint = batch.checkpoint;
        seen.push(...batch.events);
        if (batch.events.length > 0) continue;
        if (!writing && seen.length >= committed.length) return checkpoint;
        if (Date.now() > deadline) throw new Error(`run ${p}: reader saw ${seen.length} events`);
        await sleep(1);
      }
    };
    // Control: a reader that orders by global_position alone, as peers have shipped.
    const naiveSeen = new Set<string>();
    const followByPosition = async () => {
      let position = lastPosition.rows[0]?.p ?? "0";
      for (;;) {
        const batch = await admin.query<{ event_id: string; global_position: string }>(
          `SELECT event_id, global_position FROM ${SCHEMA}.events
            WHERE global_position > $1 ORDER BY global_position LIMIT 20`,
          [position],
        );
        for (const row of batch.rows) naiveSeen.add(row.event_id);
        position = batch.rows.at(-1)?.global_position ?? position;
        if (batch.rows.length === 0) {
          if (!writing) return;
          await sleep(1);
        }
      }
    };
    const following = follow();
    const naive = followByPosition();
    try {
      await Promise.all(writeAll);
    } finally {
      writing = false;
    }
    const end = await following;
    await naive;

    const ids = seen.map((e) => e.eventId);
    expect(new Set(ids).size, `run ${p}: no event twice`).toBe(ids.length);
    expect([...ids].sort(), `run ${p}: every committed event`).toEqual(
      committed.map((e) => e.eventId).sort(),
    );
    const lengths = streamLengths(seen);
    for (const [streamId, length] of lengths) {
      expect((await store.readStream(streamId)).length).toBe(length);
    }
    expect((await reader.readAll({ after: end })).events).toEqual([]);
    const reread = await readAllFrom(reader, start, 97);
    expect(
      reread.events.map((e) => e.eventId),
      `run ${p}: same order on re-read`,
    ).toEqual(ids);
    logEnd = end;
    const missed = committed.filter((e) => !naiveSeen.has(e.eventId)).length;
    return { events: committed.length, conflicts, missed };
  }

  describe.each([8, 32, 64])("%i concurrent writers", (writers) => {
    it(`a live global reader sees every committed event exactly once, ${RUNS} of ${RUNS} runs`, async () => {
      const pool = idleSafe(
        new pg.Pool({
          connectionString: cluster?.connectionString,
          max: writers + 2,
          ...explicitCommits,
        }),
      );
      jitterCommits(pool);
      const store = createPostgresStore({ pool, schema: SCHEMA });
      await catchUp();
      const started = Date.now();
      let passed = 0;
      let events = 0;
      let conflicts = 0;
      let missed = 0;
      try {
        for (let run = 0; run < RUNS; run++) {
          const result = await concurrentRun(store, writers, run);
          passed += 1;
          events += result.events;
          conflicts += result.conflicts;
          missed += result.missed;
        }
      } finally {
        await pool.end();
      }
      console.log(
        `${writers} writers: ${passed}/${RUNS} runs, ${events} events, ${conflicts} version conflicts retried, ` +
          `${Date.now() - started} ms; a position-only reader would have missed ${missed}`,
      );
      expect(passed).toBe(RUNS);
      expect(missed, "control: the runs had transactions that committed late").toBeGreaterThan(0);
    }, 120_000);
  });

  it("4 writer processes appending to shared streams lose and repeat nothing", async () => {
    const p = `procs${Date.now().toString(36)}`;
    const streams = Array.from({ length: 6 }, (_, i) => `${p}/s${i}`);
    const jobs: WriterJob[] = [0, 1, 2, 3].map((w) => ({
      connectionString: cluster?.connectionString ?? "",
      schema: SCHEMA,
      tag: `${p}-w${w}`,
      mode: "optimistic",
      streams: streams.slice(w % 2).concat(streams.slice(0, w % 2)),
      count: 100,
    }));
    const start = await catchUp();
    const children = jobs.map(spawnWriter);
    const seen: EventEnvelope[] = [];
    let checkpoint = start;
    let running = true;
    const exits = Promise.all(children.map((c) => c.exited)).finally(() => {
      running = false;
    });
    while (running || seen.length < 400) {
      const batch = await reader.readAll({ after: checkpoint, limit: 50 });
      checkpoint = batch.checkpoint;
      seen.push(...batch.events);
      if (batch.events.length === 0) {
        if (!running && seen.length < 400) break;
        await sleep(2);
      }
    }
    const results = await exits;
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const expected = jobs.flatMap((job) =>
      Array.from({ length: 100 }, (_, i) => `${job.tag}-${i}`),
    );
    const ids = seen.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected.sort());
    const lengths = streamLengths(seen);
    expect([...lengths.values()].reduce((a, b) => a + b, 0)).toBe(400);
    const conflicts = children
      .map((c) => Number(c.lines.find((l) => l.startsWith("done"))?.split(" ")[2] ?? 0))
      .reduce((a, b) => a + b, 0);
    console.log(`4 processes: 400 events, ${conflicts} version conflicts retried across processes`);
    logEnd = checkpoint;
  }, 60_000);

  describe("crashes", () => {
    const rolledBack: { commandId: string; streams: string[] }[] = [];

    it("kill -9 of a writer in the middle of multi-stream appends leaves no partial commit, 3 rounds", async () => {
      await catchUp();
      for (let round = 0; round < 3; round++) {
        const p = `kill${round}-${Date.now().toString(36)}`;
        const streams = ["a", "b", "c"].map((s) => `${p}/${s}`);
        const tag = `${p}-cmd`;
        const writer = spawnWriter({
          connectionString: cluster?.connectionString ?? "",
          schema: SCHEMA,
          tag,
          mode: "multi",
          streams,
          count: 0,
          statementDelayMs: 10,
        });
        const app = `svcops-writer-${tag}`;
        await until(
          "two commits",
          () => writer.lines.filter((l) => l.startsWith("ok")).length >= 2,
        );
        // Kill while the writer's transaction has written (it holds a transaction id).
        await until("an open write transaction", async () => {
          const open = await admin.query(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND backend_xid IS NOT NULL",
            [app],
          );
          return open.rowCount === 1;
        });
        writer.child.kill("SIGKILL");
        expect((await writer.exited).signal).toBe("SIGKILL");
        await until("the server to end the writer's session", async () => {
          const left = await admin.query(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = $1",
            [app],
          );
          return left.rowCount === 0;
        });

        const begun = writer.lines.filter((l) => l.startsWith("begin ")).map((l) => l.slice(6));
        const acknowledged = new Set(
          writer.lines.filter((l) => l.startsWith("ok ")).map((l) => l.slice(3)),
        );
        // The store keys command rows `<siteId>/<id>`; the writer's site is "site-1".
        const keys = begun.map((id) => `site-1/${id}`);
        const stored = await admin.query<{ command_id: string; events: number; streams: number }>(
          `SELECT substr(command_id, 8) AS command_id, count(*)::int AS events,
                  count(DISTINCT stream_id)::int AS streams
             FROM ${SCHEMA}.events WHERE command_id = ANY($1) GROUP BY command_id`,
          [keys],
        );
        const commands = await admin.query<{ command_id: string }>(
          `SELECT substr(command_id, 8) AS command_id FROM ${SCHEMA}.commands
            WHERE command_id = ANY($1)`,
          [keys],
        );
        const recorded = new Set(commands.rows.map((r) => r.command_id));
        const byCommand = new Map(stored.rows.map((r) => [r.command_id, r]));
        for (const id of begun) {
          const row = byCommand.get(id);
          if (recorded.has(id)) expect(row, id).toMatchObject({ events: 6, streams: 3 });
          else expect(row, id).toBeUndefined();
          if (acknowledged.has(id)) expect(recorded.has(id), id).toBe(true);
        }
        const inFlight = begun.filter((id) => !acknowledged.has(id));
        expect(inFlight.length).toBeLessThanOrEqual(1);
        for (const id of inFlight)
          if (!recorded.has(id)) rolledBack.push({ commandId: id, streams });

        // Readable and writable: each stream is whole, and its lock is free.
        for (const streamId of streams) {
          const events = await reader.readStream(streamId);
          expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
          expect(events.length).toBe(recorded.size * 2);
          await reader.append({
            streamId,
            expectedVersion: events.length,
            events: [newEvent("After", {})],
          });
        }
        const tail = await readAllFrom(reader, logEnd);
        streamLengths(tail.events.filter((e) => e.streamId.startsWith(p)));
        logEnd = tail.checkpoint;
      }
      expect(rolledBack.length, "kills that caught a transaction before COMMIT").toBeGreaterThan(0);
    }, 60_000);

    it("a command id retried after a crash appends nothing once it had committed, and once if it had not", async () => {
      const p = `crash${Date.now().toString(36)}`;
      const streams = ["a", "b", "c"].map((s) => `${p}/${s}`);
      const writer = spawnWriter({
        connectionString: cluster?.connectionString ?? "",
        schema: SCHEMA,
        tag: `${p}-cmd`,
        mode: "commit-then-crash",
        streams,
        count: 1,
      });
      const exit = await writer.exited;
      expect(exit.signal).toBe("SIGKILL");
      expect(writer.lines.filter((l) => l.startsWith("done"))).toEqual([]);
      const first = await reader.findCommand({ siteId: "site-1", id: `${p}-cmd` });
      expect(first?.events.length).toBe(6);

      // The restarted instance retries the same command id.
      await expect(
        reader.appendMany(multiStreamAppend(streams, `${p}-cmd`), {
          siteId: "site-1",
          id: `${p}-cmd`,
          fingerprint: "multi",
        }),
      ).rejects.toThrow(DuplicateCommand);
      for (const streamId of streams) expect((await reader.readStream(streamId)).length).toBe(2);
      expect(
        (await reader.findCommand({ siteId: "site-1", id: `${p}-cmd` }))?.events.map(
          (e) => e.eventId,
        ),
      ).toEqual(first?.events.map((e) => e.eventId));

      // The commands a kill rolled back: the retry appends them once, a second retry nothing.
      expect(rolledBack.length).toBeGreaterThan(0);
      for (const { commandId, streams: legs } of rolledBack) {
        const before = await Promise.all(legs.map((s) => reader.readStream(s)));
        const stamp = { siteId: "site-1", id: commandId, fingerprint: "multi" };
        expect(await reader.appendMany(multiStreamAppend(legs, commandId), stamp)).toHaveLength(6);
        await expect(reader.appendMany(multiStreamAppend(legs, commandId), stamp)).rejects.toThrow(
          DuplicateCommand,
        );
        const after = await Promise.all(legs.map((s) => reader.readStream(s)));
        expect(after.map((e) => e.length)).toEqual(before.map((e) => e.length + 2));
      }
    }, 30_000);
  });
});
