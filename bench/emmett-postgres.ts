/**
 * Emmett 0.42 side of the front-desk day on PostgreSQL (scenario `emmett-postgres` of
 * `bench/durable-stores.ts`, which loads this file only in that scenario's child).
 *
 * Write side: Emmett's real command path, `DeciderCommandHandler` with the visit decider of
 * `bench/emmett-front-desk.ts` (aggregateStream = one `readStream` query, decide, then
 * `appendToStream` with the expected version: one transaction calling its
 * `emt_append_to_stream` function), over `getPostgreSQLEventStore(url, { connectionOptions:
 * { pool } })` with a pg Pool of 10 connections. 8 concurrent worker loops (`BENCH_PG_WORKERS`),
 * worker w handling visits [w·N/8, (w+1)·N/8) one after another, stream `visit-<n>`: 3N commands,
 * 3N events. Emmett has no key-tag pool stream, so its workers never contend.
 *
 * Read side: Emmett's way to read the whole log in order is a consumer (`eventStore.consumer`),
 * which pulls `readMessagesBatch` pages (ordered by transaction id, then global position) and
 * hands each message to its processors. The rebuild is one such consumer with a reactor that
 * folds the front-desk view, started from the beginning and stopped when no messages are left
 * (`stopWhen: { noMessagesLeft: true }`), pulling batches of 1,000 (as svcops's
 * ProjectionRunner) with a pulling frequency of 0 ms. As Emmett's PostgreSQL reactor does, it
 * stores its checkpoint after every message, in one transaction per batch, and its puller
 * waits 100 ms after the first batch. It runs 3 times (each with a fresh processor id) and the
 * median counts. A note also gives the bare `readMessagesBatch` read rate (no processor).
 */

import { dumbo } from "@event-driven-io/dumbo";
import { DeciderCommandHandler } from "@event-driven-io/emmett";
import {
  getPostgreSQLEventStore,
  messagesTable,
  type PostgresEventStore,
  readMessagesBatch,
} from "@event-driven-io/emmett-postgresql";
import pg from "pg";
import {
  benchPgUrl,
  commandsOfDay,
  type DurableResult,
  durabilityNote,
  median,
  note,
  pgWorkers,
  shares,
  startPhase,
  statementNotes,
  traceStatements,
  warmupVisits,
  withDatabase,
} from "./durable-stores.js";
import {
  type FrontDeskView,
  foldView,
  type Visit,
  type VisitCommand,
  type VisitEvent,
  visitDecider,
} from "./emmett-front-desk.js";
import { TAB_AMOUNT } from "./front-desk-visit.js";

const handleVisit = DeciderCommandHandler<Visit, VisitCommand, VisitEvent>(visitDecider);

const TAG_COUNT = 400;
const DAY_START_MS = Date.UTC(2025, 0, 6, 6, 0, 0);
const PG_POOL_SIZE = 10;
const REBUILD_RUNS = 3;
const BATCH_SIZE = 1000;

const streamOf = (n: number): string => `visit-${n}`;

/** Labels for the SQL that Emmett's store sends. */
function classifyEmmettSql(sql: string): string {
  const text = sql.trim();
  if (text === "BEGIN" || text === "COMMIT" || text === "ROLLBACK") return text;
  if (text.includes("emt_append_to_stream")) return "emt_append_to_stream";
  if (text.includes("WHERE stream_id =")) return "readStream";
  if (text.includes("pg_snapshot_xmin")) return "readMessagesBatch";
  if (text.includes("emt_try_acquire_processor_lock")) return "processor lock";
  if (text.includes("store_processor_checkpoint")) return "store checkpoint";
  return text.slice(0, 22);
}

/** Handles one command; throws unless it appended exactly one event. */
async function handle(
  eventStore: PostgresEventStore,
  visitId: string,
  command: VisitCommand,
): Promise<void> {
  const result = await handleVisit(eventStore, visitId, command);
  if (result.newEvents.length !== 1) {
    throw new Error(`${command.type} on ${visitId} produced ${result.newEvents.length} events`);
  }
}

interface Rebuild {
  view: FrontDeskView;
  folded: number;
  positions: Set<bigint>;
  seconds: number;
}

/** One rebuild through a consumer with a folding reactor (see the file comment). */
async function rebuildOnce(eventStore: PostgresEventStore, run: number): Promise<Rebuild> {
  const view: FrontDeskView = { female: 0, male: 0, tagsIssued: 0, tagsReturned: 0 };
  const positions = new Set<bigint>();
  let folded = 0;
  const consumer = eventStore.consumer<VisitEvent>({
    stopWhen: { noMessagesLeft: true },
    pulling: { batchSize: BATCH_SIZE, pullingFrequencyInMs: 0 },
  });
  consumer.reactor<VisitEvent>({
    processorId: `bench-front-desk-${run}`,
    startFrom: "BEGINNING",
    eachMessage: (event) => {
      foldView(view, event);
      positions.add(event.metadata.globalPosition);
      folded++;
    },
  });
  const started = performance.now();
  await consumer.start();
  const seconds = (performance.now() - started) / 1000;
  await consumer.close();
  return { view, folded, positions, seconds };
}

/**
 * Which events of the log a rebuild did not see, and how many of them come, in the log's order
 * (transaction id, then global position), after an event with a higher global position: a page
 * that ended on that event resumes after its position and steps over them.
 */
async function missedEvents(
  pool: pg.Pool,
  seen: ReadonlySet<bigint>,
): Promise<{ missed: string[]; behindHigher: number }> {
  const { rows } = await pool.query<{ position: string; tx: string }>(
    `SELECT global_position::text AS position, transaction_id::text AS tx
       FROM ${messagesTable.name} ORDER BY transaction_id, global_position`,
  );
  const missed: string[] = [];
  let behindHigher = 0;
  let highest = -1n;
  for (const row of rows) {
    const position = BigInt(row.position);
    if (!seen.has(position)) {
      missed.push(`${row.position} (transaction ${row.tx})`);
      if (highest > position) behindHigher++;
    }
    if (position > highest) highest = position;
  }
  return { missed, behindHigher };
}

/** The whole log read with `readMessagesBatch` alone, in pages of 1,000: events per second. */
async function rawReadRate(pool: pg.Pool, connectionString: string): Promise<number> {
  const { execute } = dumbo({ connectionString, pool });
  let after = 0n;
  let read = 0;
  const started = performance.now();
  for (;;) {
    const batch = await readMessagesBatch<VisitEvent>(execute, { after, batchSize: BATCH_SIZE });
    read += batch.messages.length;
    after = batch.currentGlobalPosition;
    if (!batch.areMessagesLeft) break;
  }
  return read / ((performance.now() - started) / 1000);
}

async function emmettDay(connectionString: string, n: number, report?: string) {
  const workers = pgWorkers();
  const pool = new pg.Pool({
    connectionString,
    max: PG_POOL_SIZE,
    application_name: "emmett-bench",
  });
  pool.on("error", () => undefined);
  const trace =
    report && process.env.BENCH_TRACE === "1" ? traceStatements(classifyEmmettSql) : undefined;
  const eventStore = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
  try {
    await eventStore.schema.migrate();
    trace?.stats.clear();

    // --- write side ----------------------------------------------------------
    // Counted after each await: `count += await …` would read the count before the await and
    // lose the other workers' increments.
    let commands = 0;
    const perWorker = TAG_COUNT / workers;
    const work = async ([start, end]: [number, number], w: number): Promise<void> => {
      for (let i = start; i < end; i++) {
        const visitId = streamOf(i);
        const keyTag = `T${w * Math.floor(perWorker) + (i % Math.floor(perWorker))}`;
        await handle(eventStore, visitId, {
          type: "CheckIn",
          data: {
            visitId,
            memberCard: `M${i}`,
            keyTag,
            gender: i % 2 === 0 ? "female" : "male",
            at: new Date(DAY_START_MS + i * 1000),
          },
        });
        commands++;
        if (i % 2 === 0) {
          await handle(eventStore, visitId, {
            type: "ChargeTab",
            data: { visitId, amount: TAB_AMOUNT },
          });
          await handle(eventStore, visitId, {
            type: "SettleTab",
            data: { visitId, amount: TAB_AMOUNT },
          });
          commands += 2;
        }
        await handle(eventStore, visitId, {
          type: "CheckOut",
          data: { visitId, keyTag },
        });
        commands++;
      }
    };
    const phase = startPhase();
    await Promise.all(shares(n, workers).map(work));
    const write = phase();
    if (commands !== commandsOfDay(n)) throw new Error(`Emmett: ${commands} commands, N=${n}`);
    const appended = commands; // one event each (checked in handle)
    if (report && trace) statementNotes(`${report} SQL`, trace.stats, commands);

    // --- read side -------------------------------------------------------------
    const rebuilds: Rebuild[] = [];
    for (let run = 0; run < REBUILD_RUNS; run++) rebuilds.push(await rebuildOnce(eventStore, run));
    const first = rebuilds[0] as Rebuild;
    if (first.folded !== appended || first.positions.size !== appended) {
      // Not thrown: this is Emmett's behaviour, reported as it is.
      const { missed, behindHigher } = await missedEvents(pool, first.positions);
      note(
        `emmett rebuild folded ${first.folded} events (${first.positions.size} distinct) of the ${appended} in the log; ` +
          `missed ${missed.length}: ${missed.slice(0, 3).join(", ")}${missed.length > 3 ? ", …" : ""}; ` +
          `${behindHigher} of them sit, in the log's order (transaction id, global position), after an event ` +
          "with a higher global position, and readMessagesBatch resumes a page after the last global position read",
      );
    } else {
      const { view } = first;
      if (view.female + view.male !== n || view.tagsIssued !== n || view.tagsReturned !== n) {
        throw new Error(`Emmett: bad view after rebuild ${JSON.stringify(view)} for N=${n}`);
      }
    }
    if (report) {
      const raw = await rawReadRate(pool, connectionString);
      note(
        `${report}: bare readMessagesBatch (pages of ${BATCH_SIZE}, no processor) reads ${Math.round(raw).toLocaleString("en-US")} events/s`,
      );
    }
    return {
      commands,
      commandsPerSec: commands / write.seconds,
      events: first.folded,
      rebuildEventsPerSec: first.folded / median(rebuilds.map((r) => r.seconds)),
      commandsPerCpuSec: commands / write.cpuSeconds,
      machineBusy: write.machineBusy,
      workers,
      versionConflicts: 0,
      resent: 0,
    } satisfies DurableResult;
  } finally {
    trace?.restore();
    await eventStore.close();
    await pool.end();
  }
}

/** The `emmett-postgres` scenario: an untimed warm-up in its own database, then the day. */
export async function runEmmettPostgresScenario(
  n: number,
): Promise<DurableResult & { warmupVisits: number }> {
  const cluster = benchPgUrl();
  note(`postgres: ${await durabilityNote(cluster.href)}`);
  const warmup = warmupVisits(400);
  if (warmup >= pgWorkers()) {
    await withDatabase(cluster, "bench_emmett_warmup", (url) => emmettDay(url, warmup));
  }
  (globalThis as { gc?: () => void }).gc?.();
  const result = await withDatabase(cluster, "bench_emmett", (url) =>
    emmettDay(url, n, `emmett postgres n=${n} workers=${pgWorkers()}`),
  );
  return { ...result, warmupVisits: warmup };
}
