/**
 * The "front-desk day" on durable stores, and the child-process entry of `bench/run.ts` for them.
 *
 * The day is the one of `bench/front-desk.ts`: per visit n, CheckInMember (with a key tag); for
 * even n also ChargeTab(1500 fen, "waterBar") and SettleTab(1500, "cash"); then CheckOutMember.
 * That is 3N commands and 5N events (check-in and check-out also append to the site's key-tag
 * pool stream), after an untimed RegisterKeyTags. Every command goes through
 * `createServiceOps(...).execute`; commands are plain objects, parsed once inside `execute`.
 * Then the global log is rebuilt into the front-desk view by a ProjectionRunner (`readAll` in
 * batches of 1,000), 11 times, and the median rate counts.
 *
 * Scenarios:
 * - `svcops-sqlite-full`, `svcops-sqlite-normal`: `openSqliteStore` on a temporary file (WAL),
 *   with `synchronous: "full"` (the store's default) or `"normal"`; 8 concurrent desks sharing
 *   ONE `createServiceOps`, as in the PostgreSQL scenario (so their commits share group
 *   commits); 200 tags, desk w uses its own 25.
 * - `svcops-sqlite-full-1desk`, `svcops-sqlite-normal-1desk`: the same with one desk, sequential
 *   (every command waits for the one before: no two commits ever share a transaction); visit n
 *   takes `T<n % 200>` as in the in-memory day.
 * - `svcops-sqlite-normal-waterbar`: the water-bar day on `svcops-sqlite-normal`: each even
 *   visit's charge is a sale at the desk's own bar `bar-<w>` on the member's key tag (three
 *   streams in one append: the bar, the pool, the visit), see `bench/front-desk-visit.ts`.
 * - `svcops-postgres`: `createPostgresStore({ pool })` on a pg Pool of 10 connections, and
 *   8 concurrent worker loops sharing ONE `createServiceOps` (one app instance serving 8 desks:
 *   they share its state cache, so a worker decides on the pool state the others just wrote
 *   instead of a stale one). Worker w handles visits [w·N/8, (w+1)·N/8), one after another.
 *   400 tags; worker w only uses its own 50 (`T<50w + n % 50>`), so a tag is never refused as
 *   taken, while every check-in and check-out still appends to the one pool stream that all
 *   workers share: the VersionConflict retries are real.
 * - `emmett-postgres`: see `bench/emmett-postgres.ts` (loaded only in its own child).
 *
 * The PostgreSQL scenarios take the cluster's URL from `BENCH_PG_URL` (its host must be
 * 127.0.0.1) and work in a database of their own, created (and a separate one for the warm-up)
 * and dropped by the child.
 *
 * CLI: `node --expose-gc <bundle>/durable-stores.mjs <scenario> <N>` (by hand:
 * `node --import tsx bench/durable-stores.ts <scenario> <N>`). It prints notes (lines starting
 * with "#"), then one JSON line: { scenario, n, commands, commandsPerSec, events,
 * rebuildEventsPerSec, commandsPerCpuSec, peakRssMb, startRssMb, warmupVisits, ... }.
 *
 * Environment: `BENCH_WARMUP` (visits; default 2000, at most 2000 on SQLite and 400 on
 * PostgreSQL, 0: none); `BENCH_PG_WORKERS` (default 8); `BENCH_SQLITE_DESKS` (default 8); `BENCH_TRACE=1` also times every SQL
 * statement (PostgreSQL) and prints the breakdown per command.
 */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import {
  type Actor,
  createServiceOps,
  type EventStore,
  manualClock,
  ProjectionRunner,
  type ServiceOps,
  type ShippedCommand,
  VersionConflict,
} from "../src/index.js";
import { createPostgresStore } from "../src/stores/postgres/index.js";
import { openSqliteStore } from "../src/stores/sqlite/index.js";
import { frontDeskView } from "./front-desk-view.js";
import {
  type DayKind,
  eventsOfDay,
  frontDeskVisit,
  type WaterBar,
  waterBarAt,
  waterBarSetup,
} from "./front-desk-visit.js";

// ---------------------------------------------------------------------------
// Results and small helpers (also used by bench/emmett-postgres.ts)
// ---------------------------------------------------------------------------

export interface DurableResult {
  commands: number;
  commandsPerSec: number;
  events: number;
  rebuildEventsPerSec: number;
  /** Commands per second of this process's CPU time (user + system) in the write phase. */
  commandsPerCpuSec: number;
  /** Share of the whole machine's CPU (all cores) busy during the write phase, 0..1. */
  machineBusy: number | null;
  workers: number;
  /** Appends refused with VersionConflict (each one is retried by the command handler). */
  versionConflicts: number;
  /** Commands whose VersionConflict outlasted the handler's retries, so the desk sent them again. */
  resent: number;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Prints a note line (the runner passes lines starting with "#" through). */
export const note = (text: string): void => {
  console.log(`# ${text}`);
};

/** Visits [start, end) of each of `workers` workers: contiguous blocks, sizes differ by 1 at most. */
export function shares(n: number, workers: number): [number, number][] {
  return Array.from({ length: workers }, (_, w) => [
    Math.floor((w * n) / workers),
    Math.floor(((w + 1) * n) / workers),
  ]);
}

/** Commands of a day with N visits: 3N for an even N (even visits also charge and settle). */
export const commandsOfDay = (n: number): number => 2 * n + 2 * Math.ceil(n / 2);

/** CPU ticks of the whole machine (from /proc/stat), to tell how busy all cores were. */
function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    const total = ticks.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** Wall time, this process's CPU and the machine's CPU over a phase. */
export function startPhase(): () => {
  seconds: number;
  cpuSeconds: number;
  machineBusy: number | null;
} {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const machine = machineTicks();
  return () => {
    const seconds = (performance.now() - wall) / 1000;
    const used = process.cpuUsage(cpu);
    const after = machineTicks();
    const machineBusy =
      machine && after && after.total > machine.total
        ? (after.busy - machine.busy) / (after.total - machine.total)
        : null;
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6, machineBusy };
  };
}

// ---------------------------------------------------------------------------
// PostgreSQL: the cluster's URL, a database per scenario, statement timing
// ---------------------------------------------------------------------------

/** `BENCH_PG_URL`, refused unless it points at 127.0.0.1. */
export function benchPgUrl(): URL {
  const text = process.env.BENCH_PG_URL;
  if (!text) throw new Error("BENCH_PG_URL is not set (bench/run.ts starts a cluster and sets it)");
  const url = new URL(text);
  if (url.hostname !== "127.0.0.1") {
    throw new Error(`BENCH_PG_URL must point at 127.0.0.1, not ${url.hostname}`);
  }
  return url;
}

/** Creates database `name` on the cluster (dropping a leftover one), runs `work`, drops it. */
export async function withDatabase<T>(
  cluster: URL,
  name: string,
  work: (connectionString: string) => Promise<T>,
): Promise<T> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new pg.Client({ connectionString: cluster.href });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(cluster.href);
    url.pathname = `/${name}`;
    try {
      return await work(url.href);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

/** The server settings that decide what a commit costs, as one note. */
export async function durabilityNote(connectionString: string): Promise<string> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const names = ["server_version", "fsync", "synchronous_commit", "wal_sync_method"];
    const values: string[] = [];
    for (const name of names) {
      const result = await client.query<Record<string, string>>(`SHOW ${name}`);
      values.push(`${name}=${result.rows[0]?.[name] ?? "?"}`);
    }
    return values.join(", ");
  } finally {
    await client.end();
  }
}

interface StatementStats {
  count: number;
  ms: number;
}

/**
 * Times every query of every pg Client in this process (pool queries included), by a label
 * that `classify` gives the SQL text. Returns the table and a function that puts `pg` back.
 * A query's time runs from the call to its result: waiting for a lock is part of it.
 */
export function traceStatements(classify: (sql: string) => string): {
  stats: Map<string, StatementStats>;
  restore: () => void;
} {
  const stats = new Map<string, StatementStats>();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const record = (label: string, started: number): void => {
    const entry = stats.get(label) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += performance.now() - started;
    stats.set(label, entry);
  };
  proto.query = function tracedQuery(this: unknown, ...args: unknown[]): unknown {
    const first = args[0];
    const text =
      typeof first === "string"
        ? first
        : typeof (first as { text?: unknown } | null)?.text === "string"
          ? (first as { text: string }).text
          : "";
    const label = classify(text);
    const started = performance.now();
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (...result: unknown[]) => {
        record(label, started);
        return (last as (...a: unknown[]) => unknown)(...result);
      };
      return original.apply(this, args);
    }
    const returned = original.apply(this, args);
    if (returned && typeof (returned as Promise<unknown>).then === "function") {
      (returned as Promise<unknown>).then(
        () => record(label, started),
        () => record(label, started),
      );
    }
    return returned;
  };
  return {
    stats,
    restore: () => {
      proto.query = original;
    },
  };
}

/** The statement table as notes: per label, calls per command and mean latency. */
export function statementNotes(
  title: string,
  stats: ReadonlyMap<string, StatementStats>,
  commands: number,
): void {
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  const calls = rows.reduce((sum, [, s]) => sum + s.count, 0);
  note(`${title}: ${(calls / commands).toFixed(2)} round trips per command`);
  for (const [label, s] of rows) {
    note(
      `  ${label.padEnd(22)} ${(s.count / commands).toFixed(3).padStart(6)} per command, ` +
        `mean ${((s.ms / s.count) * 1000).toFixed(0).padStart(5)} µs, total ${s.ms.toFixed(0)} ms`,
    );
  }
}

/** Labels for the SQL of svcops's PostgreSQL store. */
function classifySvcopsSql(sql: string): string {
  const text = sql.trim();
  if (text === "BEGIN" || text === "COMMIT" || text === "ROLLBACK") return text;
  if (text.includes("pg_advisory_xact_lock")) return "stream locks";
  if (text.includes("COALESCE((SELECT max(e.stream_version)")) return "versions + command?";
  if (text.startsWith("INSERT INTO") && text.includes(".commands")) return "insert command";
  if (text.startsWith("INSERT INTO") && text.includes(".events")) return "insert events";
  if (text.includes("stream_version > $2")) return "readStream";
  if (text.includes("pg_snapshot_xmin")) return "readAll";
  if (text.includes(".snapshots")) return "snapshot";
  if (text.includes(".commands")) return "findCommand";
  return text.slice(0, 22);
}

// ---------------------------------------------------------------------------
// A store wrapper that counts VersionConflicts and times the store's methods
// ---------------------------------------------------------------------------

interface MethodStats {
  calls: number;
  ms: number;
  conflicts: number;
  /** appendBatch only: the commits in its batches. */
  commits: number;
}

/** Delegates to a store and records, per method, calls, time spent and VersionConflicts. */
class TimedStore implements EventStore {
  readonly stats = new Map<string, MethodStats>();
  readonly snapshots: EventStore["snapshots"];
  readonly appendBatch: EventStore["appendBatch"];
  readonly orderedBatches: number | undefined;

  constructor(private readonly inner: EventStore) {
    this.snapshots = inner.snapshots;
    this.orderedBatches = inner.orderedBatches;
    const batch = inner.appendBatch?.bind(inner);
    this.appendBatch = batch
      ? (commits) =>
          this.time("appendBatch", async () => {
            const outcomes = await batch(commits);
            const entry = this.stats.get("appendBatch") as MethodStats;
            entry.commits += commits.length;
            for (const outcome of outcomes) {
              if (!outcome.ok && outcome.error instanceof VersionConflict) entry.conflicts += 1;
            }
            return outcomes;
          })
      : undefined;
  }

  get conflicts(): number {
    let sum = 0;
    for (const s of this.stats.values()) sum += s.conflicts;
    return sum;
  }

  append: EventStore["append"] = (request, command) =>
    this.time("append", () => this.inner.append(request, command));
  appendMany: EventStore["appendMany"] = (requests, command) =>
    this.time("appendMany", () => this.inner.appendMany(requests, command));
  readStream: EventStore["readStream"] = (streamId, options) =>
    this.time("readStream", () => this.inner.readStream(streamId, options));
  readAll: EventStore["readAll"] = (options) => this.inner.readAll(options);
  findCommand: EventStore["findCommand"] = (command) =>
    this.time("findCommand", () => this.inner.findCommand(command));
  close: EventStore["close"] = () => this.inner.close();

  reset(): void {
    this.stats.clear();
  }

  private async time<T>(method: string, call: () => Promise<T>): Promise<T> {
    const entry = this.stats.get(method) ?? { calls: 0, ms: 0, conflicts: 0, commits: 0 };
    this.stats.set(method, entry);
    const started = performance.now();
    try {
      return await call();
    } catch (error) {
      if (error instanceof VersionConflict) entry.conflicts += 1;
      throw error;
    } finally {
      entry.calls += 1;
      entry.ms += performance.now() - started;
    }
  }
}

function storeNotes(title: string, store: TimedStore, commands: number): void {
  const parts = [...store.stats].map(
    ([method, s]) =>
      `${method} ${(s.calls / commands).toFixed(2)}/command mean ${((s.ms / s.calls) * 1000).toFixed(0)} µs` +
      (s.commits > 0 ? ` (${(s.commits / s.calls).toFixed(1)} commits per batch)` : "") +
      (s.conflicts > 0 ? ` (${s.conflicts} VersionConflicts)` : ""),
  );
  note(`${title}: ${parts.join(", ")}`);
}

// ---------------------------------------------------------------------------
// The day on svcops
// ---------------------------------------------------------------------------

const SITE_ID = "club-1";
/** 09:00 in Asia/Shanghai (the default site zone): the day starts at opening. */
const DAY_START = "2026-11-22T01:00:00Z";
/** The clock moves 100 ms per command. */
const STEP_MS = 100;
/** How often the desk sends a command that failed with VersionConflict before giving up. */
const RESENDS = 1000;
const REBUILD_RUNS = 11;

interface DayOptions {
  readonly store: EventStore;
  readonly n: number;
  readonly workers: number;
  /** The Visit-only day (default) or the water-bar day: desk w sells at its own bar `bar-<w>`. */
  readonly day?: DayKind;
  /** Tags in the pool; each worker uses its own tagCount / workers of them. */
  readonly tagCount: number;
  /**
   * Timed rebuilds; the median counts (default 11). A rebuild of the 2k day's 10,001 events
   * takes about 80 ms, and the five timed in one child ranged from 63 to 113 ms on PostgreSQL.
   */
  readonly rebuildRuns?: number;
  /** Prints the store's timing breakdown (and the statement table when `trace` is given). */
  readonly report?: string;
  readonly trace?: Map<string, StatementStats>;
  /** Runs after the measured rebuilds (PostgreSQL: ANALYZE), then the rebuild is timed again. */
  readonly afterRebuild?: () => Promise<string>;
  /**
   * Visits sent through the same `createServiceOps` and store before the timed ones, untimed
   * (visit ids N, N + 1…; the rebuild reads their events too). A warm-up in another instance
   * leaves V8's optimized code for the command path bound to that instance's objects: when they
   * die, the code is thrown away ("marking dependent code … for deoptimization, reason: weak
   * objects" in `--trace-deopt-verbose`) and the timed day compiles it again.
   */
  readonly warmupVisits?: number;
}

/** Runs the day through createServiceOps over `store`, checks it, rebuilds the view. */
export async function runSvcopsDay(options: DayOptions): Promise<DurableResult> {
  const { n, workers, tagCount } = options;
  if (!Number.isSafeInteger(n) || n < workers || tagCount % workers !== 0) {
    throw new RangeError(`need N >= workers and tags divisible by workers (N=${n})`);
  }
  const store = new TimedStore(options.store);
  const clock = manualClock(DAY_START);
  const ops: ServiceOps = createServiceOps({ site: { id: SITE_ID }, store, clock });
  const desk: { actor: Actor } = { actor: { id: "desk-1", role: "frontDesk", sites: [SITE_ID] } };
  const lead: { actor: Actor } = { actor: { id: "lead-1", role: "teamLead", sites: [SITE_ID] } };

  // --- set-up, not timed: the pool's tags ------------------------------------
  const tags = Array.from({ length: tagCount }, (_, i) => `T${i}`);
  const setup = await ops.execute({ type: "RegisterKeyTags", data: { tags } }, lead);
  let setupEvents = setup.events.length;
  // The water-bar day: a bar per desk (its receipts are numbered in the order it sells, N2),
  // stocked for every sale of the day and the warm-up.
  const day = options.day ?? "visit";
  const bars: WaterBar[] = [];
  if (day === "waterBar") {
    for (let w = 0; w < workers; w++) {
      const bar = waterBarAt(`bar-${w}`);
      bars.push(bar);
      const stock = n + (options.warmupVisits ?? 0);
      for (const command of waterBarSetup(bar.location, stock)) {
        setupEvents += (await ops.execute(command, lead)).events.length;
      }
    }
  }
  store.reset();
  options.trace?.clear();

  // --- write side: 3N commands, `workers` concurrent loops -------------------
  let commands = 0;
  let appended = 0;
  let gaveUp = 0;
  // The handler retries a VersionConflict `maxRetries` (5) times; when even that loses the race
  // for the pool stream, the desk sends the command again, as a person at the desk would.
  const send = async (command: ShippedCommand): Promise<void> => {
    clock.advance(STEP_MS);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await ops.execute(command, desk);
        appended += result.events.length;
        commands++;
        return;
      } catch (error) {
        if (!(error instanceof VersionConflict) || attempt >= RESENDS) throw error;
        gaveUp++;
      }
    }
  };
  const perWorker = tagCount / workers;
  const work = async ([start, end]: [number, number], w: number): Promise<void> => {
    for (let i = start; i < end; i++) {
      await frontDeskVisit(i, `T${w * perWorker + (i % perWorker)}`, send, bars[w]);
    }
  };

  const warmup = options.warmupVisits ?? 0;
  if (warmup >= workers) {
    await Promise.all(
      shares(warmup, workers).map(([start, end], w) => work([n + start, n + end], w)),
    );
    if (commands !== commandsOfDay(warmup)) {
      throw new Error(`Warm-up sent ${commands} commands, expected ${commandsOfDay(warmup)}`);
    }
    commands = 0;
    appended = 0;
    gaveUp = 0;
    store.reset();
    options.trace?.clear();
    (globalThis as { gc?: () => void }).gc?.();
  }
  const warmupEvents = warmup >= workers ? eventsOfDay(warmup, day) : 0;
  const warmed = warmup >= workers ? warmup : 0;

  const phase = startPhase();
  await Promise.all(shares(n, workers).map(work));
  const write = phase();

  const expectedCommands = commandsOfDay(n);
  const expectedEvents = eventsOfDay(n, day);
  if (commands !== expectedCommands || appended !== expectedEvents) {
    throw new Error(
      `Sent ${commands} commands / appended ${appended} events, expected ${expectedCommands} / ${expectedEvents}`,
    );
  }
  const versionConflicts = store.conflicts;
  if (options.report) {
    storeNotes(options.report, store, commands);
    if (gaveUp > 0) {
      note(
        `${options.report}: ${gaveUp} commands failed with VersionConflict after the handler's retries and were sent again`,
      );
    }
    if (options.trace) statementNotes(`${options.report} SQL`, options.trace, commands);
  }

  // --- read side: rebuild the front-desk view from the global log -----------
  const runner = new ProjectionRunner(store, frontDeskView, {
    siteId: SITE_ID,
    upcasters: ops.upcasters,
  });
  const rebuildTimes: number[] = [];
  let read = 0;
  for (let run = 0; run < (options.rebuildRuns ?? REBUILD_RUNS); run++) {
    const rebuildStart = performance.now();
    read = await runner.rebuild();
    rebuildTimes.push((performance.now() - rebuildStart) / 1000);
  }
  const view = runner.view;
  if (options.afterRebuild && options.report) {
    const what = await options.afterRebuild();
    const again: number[] = [];
    for (let run = 0; run < (options.rebuildRuns ?? REBUILD_RUNS); run++) {
      const rebuildStart = performance.now();
      await runner.rebuild();
      again.push((performance.now() - rebuildStart) / 1000);
    }
    note(
      `${options.report}: rebuild ${Math.round(read / median(rebuildTimes)).toLocaleString("en-US")} events/s as measured, ` +
        `${Math.round(read / median(again)).toLocaleString("en-US")} events/s after ${what}`,
    );
  }
  if (read !== setupEvents + warmupEvents + expectedEvents) {
    throw new Error(
      `Rebuild read ${read} events, expected ${setupEvents + warmupEvents + expectedEvents}`,
    );
  }
  const visits = n + warmed;
  if (
    view.female + view.male !== visits ||
    view.tagsIssued !== visits ||
    view.tagsReturned !== visits
  ) {
    throw new Error(`Bad view after rebuild: ${JSON.stringify(view)} for N=${n}`);
  }

  return {
    commands,
    commandsPerSec: commands / write.seconds,
    events: read,
    rebuildEventsPerSec: read / median(rebuildTimes),
    commandsPerCpuSec: commands / write.cpuSeconds,
    machineBusy: write.machineBusy,
    workers,
    versionConflicts,
    resent: gaveUp,
  };
}

// ---------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------

const SQLITE_TAGS = 200;
const PG_TAGS = 400;
const PG_POOL_SIZE = 10;

export const pgWorkers = (): number => {
  const text = process.env.BENCH_PG_WORKERS;
  const workers = text ? Number(text) : 8;
  if (!Number.isSafeInteger(workers) || workers < 1) throw new RangeError(`bad BENCH_PG_WORKERS`);
  return workers;
};

/** Concurrent desks of the SQLite scenarios (BENCH_SQLITE_DESKS, default 8; the -1desk ones: 1). */
export const sqliteDesks = (): number => {
  const text = process.env.BENCH_SQLITE_DESKS;
  const desks = text ? Number(text) : 8;
  if (!Number.isSafeInteger(desks) || desks < 1 || SQLITE_TAGS % desks !== 0) {
    throw new RangeError(`BENCH_SQLITE_DESKS must divide ${SQLITE_TAGS}`);
  }
  return desks;
};

const traceOn = (): boolean => process.env.BENCH_TRACE === "1";

async function sqliteDay(
  synchronous: "full" | "normal",
  n: number,
  desks: number,
  warmupVisits: number,
  report?: string,
  day: DayKind = "visit",
): Promise<DurableResult> {
  const dir = mkdtempSync(join(tmpdir(), "svcops-bench-sqlite-"));
  try {
    const store = await openSqliteStore({ path: join(dir, "front-desk.db"), synchronous });
    try {
      return await runSvcopsDay({
        store,
        n,
        workers: desks,
        tagCount: SQLITE_TAGS,
        warmupVisits,
        day,
        ...(report ? { report } : {}),
      });
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresDay(
  connectionString: string,
  n: number,
  report?: string,
): Promise<DurableResult> {
  const pool = new pg.Pool({
    connectionString,
    max: PG_POOL_SIZE,
    application_name: "svcops-bench",
    // As the store's own pool does: BEGIN, the append call and COMMIT in one round trip.
    pipeline: true,
  });
  pool.on("error", () => undefined);
  const trace = report && traceOn() ? traceStatements(classifySvcopsSql) : undefined;
  try {
    const store = createPostgresStore({ pool });
    await store.migrate();
    return await runSvcopsDay({
      store,
      n,
      workers: pgWorkers(),
      tagCount: PG_TAGS,
      ...(report ? { report } : {}),
      ...(trace ? { trace: trace.stats } : {}),
      // Fresh tables have no planner statistics (autovacuum analyzes after a minute or so), and
      // then readAll's LIMIT query may be planned as a bitmap scan + sort of every later row.
      afterRebuild: async () => {
        await pool.query(`ANALYZE ${store.schema}.events`);
        return `ANALYZE ${store.schema}.events`;
      },
    });
  } finally {
    trace?.restore();
    await pool.end();
  }
}

export const SCENARIOS = [
  "svcops-sqlite-full",
  "svcops-sqlite-normal",
  "svcops-sqlite-full-1desk",
  "svcops-sqlite-normal-1desk",
  "svcops-sqlite-normal-waterbar",
  "svcops-postgres",
  "emmett-postgres",
] as const;
export type DurableScenario = (typeof SCENARIOS)[number];

/** Warm-up visits: BENCH_WARMUP (default 2000), capped per store kind. */
export function warmupVisits(cap: number): number {
  const visits = Number(process.env.BENCH_WARMUP ?? "2000");
  if (!Number.isSafeInteger(visits) || visits < 0) throw new RangeError("bad BENCH_WARMUP");
  return Math.min(visits, cap);
}

/** One scenario: an untimed warm-up in a store of its own, then the measured day. */
async function runScenario(
  scenario: DurableScenario,
  n: number,
): Promise<DurableResult & { warmupVisits: number }> {
  switch (scenario) {
    case "svcops-sqlite-full":
    case "svcops-sqlite-normal":
    case "svcops-sqlite-full-1desk":
    case "svcops-sqlite-normal-1desk":
    case "svcops-sqlite-normal-waterbar": {
      const synchronous = scenario.startsWith("svcops-sqlite-full") ? "full" : "normal";
      const desks = scenario.endsWith("-1desk") ? 1 : sqliteDesks();
      const day: DayKind = scenario.endsWith("-waterbar") ? "waterBar" : "visit";
      // The warm-up runs in the measured day's own instance and file (see DayOptions).
      const warmup = warmupVisits(2000);
      const result = await sqliteDay(
        synchronous,
        n,
        desks,
        warmup,
        `svcops sqlite ${synchronous}${day === "waterBar" ? " water-bar day" : ""} n=${n} desks=${desks}`,
        day,
      );
      return { ...result, warmupVisits: warmup };
    }
    case "svcops-postgres": {
      const cluster = benchPgUrl();
      note(`postgres: ${await durabilityNote(cluster.href)}`);
      const warmup = Math.max(warmupVisits(400), 0);
      if (warmup >= pgWorkers()) {
        await withDatabase(cluster, "bench_svcops_warmup", (url) => postgresDay(url, warmup));
      }
      (globalThis as { gc?: () => void }).gc?.();
      const result = await withDatabase(cluster, "bench_svcops", (url) =>
        postgresDay(url, n, `svcops postgres n=${n} workers=${pgWorkers()}`),
      );
      return { ...result, warmupVisits: warmup };
    }
    case "emmett-postgres": {
      // Loaded only in this child: the svcops children hold no Emmett code, and Emmett's driver
      // layer (dumbo) changes pg's global type parsers (int8 -> BigInt), which svcops must not see.
      const { runEmmettPostgresScenario } = await import("./emmett-postgres.js");
      return runEmmettPostgresScenario(n);
    }
  }
}

async function main(): Promise<void> {
  const scenario = process.argv[2] as DurableScenario | undefined;
  const n = Number(process.argv[3] ?? "2000");
  if (
    scenario === undefined ||
    !SCENARIOS.includes(scenario) ||
    !Number.isSafeInteger(n) ||
    n < 8
  ) {
    console.error(`usage: durable-stores <${SCENARIOS.join("|")}> <N >= 8>`);
    process.exit(2);
  }
  const startRssMb = process.resourceUsage().maxRSS / 1024;
  const result = await runScenario(scenario, n);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ scenario, n, ...result, peakRssMb, startRssMb }));
}

// bench/emmett-postgres.ts imports this module, so in the runner's bundle its code may sit in a
// shared chunk, where import.meta.url is not the entry's: the entry is recognised by its name.
// And no top-level await: main() imports bench/emmett-postgres.ts, which imports this module.
const invokedPath = process.argv[1];
if (invokedPath !== undefined && /^durable-stores\.(ts|mjs|js)$/.test(basename(invokedPath))) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
