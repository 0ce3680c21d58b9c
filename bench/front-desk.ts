/**
 * svcops side of the "front-desk day" benchmark, and the child-process entry of `bench/run.ts`.
 *
 * N visits, each in its own stream `<site>/visit/v<n>`. Every command goes through the full
 * command path, `createServiceOps(...).execute` over a memory store: zod parse, actor check,
 * idempotency lookup, state load (cached), decide, the Visit aggregate enlisting the key-tag
 * pool, and one atomic append to both streams for check-in and check-out.
 *
 * Per visit n (sequential): CheckInMember (tag `T<n % 200>`); for even n also ChargeTab(1500)
 * and SettleTab(1500); then CheckOutMember. The "water-bar day" (scenario `svcops-waterbar`)
 * replaces each ChargeTab with a water-bar sale on the member's key tag (SellItems at location
 * `bar`, receipts 1, 2, 3…), which appends two events to two streams in one append, the sale and
 * the visit's TabCharged, with the pool's and the day close's versions checked (N2, V4, S7).
 * That is 3N commands, and 5N events on the Visit-only day (check-in and check-out also append
 * KeyTagIssued / KeyTagReturned to the pool stream), 5.5N on the water-bar day, after one untimed
 * RegisterKeyTags of 200 tags. Commands are plain objects, not built with the creator functions,
 * so the schema parse is paid once, inside `execute`. Then the global log is rebuilt into a
 * front-desk view (entries by gender, tags issued / returned) by a ProjectionRunner.
 *
 * CLI (one scenario per process, so peak RSS is the scenario's own):
 *   node --expose-gc --import tsx bench/front-desk.ts <svcops|svcops-waterbar|emmett> <N>
 * prints one JSON line: { scenario, n, commands, commandsPerSec, events, rebuildEventsPerSec,
 * commandsPerCpuSec, peakRssMb, startRssMb (peak RSS after the imports, before any work),
 * warmupVisits }. BENCH_WARMUP=<visits> sets the warm-up run (default 2000, 0: none).
 * BENCH_DAYS=<days> times that many days after the warm-up, each on a store of its own, and
 * reports the median day (for an even count, the lower of the two middle days), with every day's
 * rate in `dayRates` (default 1); peak RSS then spans every day.
 */

import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import {
  type Actor,
  createMemoryStore,
  createServiceOps,
  manualClock,
  ProjectionRunner,
  type ShippedCommand,
} from "../src/index.js";
import { frontDeskView } from "./front-desk-view.js";
import {
  type DayKind,
  eventsOfDay,
  frontDeskVisit,
  waterBarAt,
  waterBarSetup,
} from "./front-desk-visit.js";

export interface ScenarioResult {
  commands: number;
  commandsPerSec: number;
  events: number;
  rebuildEventsPerSec: number;
  /** Commands per second of this process's CPU time (user + system) in the write phase. */
  commandsPerCpuSec?: number;
}

// ---------------------------------------------------------------------------
// Scenario
// ---------------------------------------------------------------------------

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const SITE_ID = "club-1";
const TAG_COUNT = 200;
/** 09:00 in Asia/Shanghai (the default site zone): the day starts at opening. */
const DAY_START = "2026-11-22T01:00:00Z";
/** The clock moves 100 ms per command: 300k commands span about 8 hours of one business day. */
const STEP_MS = 100;

export async function runSvcopsFrontDesk(
  n: number,
  rebuildRuns = 5,
  day: DayKind = "visit",
): Promise<ScenarioResult> {
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new RangeError(`n must be a positive integer, got ${n}`);
  }

  const store = createMemoryStore();
  const clock = manualClock(DAY_START);
  const ops = createServiceOps({ site: { id: SITE_ID }, store, clock });
  const desk: { actor: Actor } = { actor: { id: "desk-1", role: "frontDesk", sites: [SITE_ID] } };
  const lead: { actor: Actor } = { actor: { id: "lead-1", role: "teamLead", sites: [SITE_ID] } };

  // --- set-up, not timed: the pool's tags ------------------------------------
  const tags = Array.from({ length: TAG_COUNT }, (_, i) => `T${i}`);
  await ops.execute({ type: "RegisterKeyTags", data: { tags } }, lead);
  // The water-bar day: one bar with a bottle per sale in stock (N6 never refuses one).
  const bar = day === "waterBar" ? waterBarAt("bar") : undefined;
  if (bar) for (const command of waterBarSetup(bar.location, n)) await ops.execute(command, lead);
  const setupEvents = store.size;

  // --- write side: 3N commands through createServiceOps(...).execute --------
  let commands = 0;
  let appended = 0;
  const send = async (command: ShippedCommand): Promise<void> => {
    clock.advance(STEP_MS);
    const result = await ops.execute(command, desk);
    appended += result.events.length;
    commands++;
  };

  const writeStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < n; i++) await frontDeskVisit(i, `T${i % TAG_COUNT}`, send, bar);
  const writeSeconds = (performance.now() - writeStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const writeCpuSeconds = (cpu.user + cpu.system) / 1e6;

  // Even visits (ceil(n / 2) of them) also charge and settle: 3N commands for an even N.
  const tabbed = Math.ceil(n / 2);
  if (commands !== 2 * n + 2 * tabbed) {
    throw new Error(`Sent ${commands} commands, expected ${2 * n + 2 * tabbed}`);
  }
  const expectedEvents = eventsOfDay(n, day);
  if (appended !== expectedEvents || store.size !== setupEvents + expectedEvents) {
    throw new Error(
      `Appended ${appended} events (log ${store.size}), expected ${expectedEvents} (+${setupEvents})`,
    );
  }

  // --- read side: rebuild the front-desk view from the global log -----------
  // The rebuild is short (tens of ms), so it runs `rebuildRuns` times; the median rate counts.
  // The options `ops.read` gives its runners: this site's events, upcast to current versions.
  const runner = new ProjectionRunner(store, frontDeskView, {
    siteId: SITE_ID,
    upcasters: ops.upcasters,
  });
  const rebuildTimes: number[] = [];
  let read = 0;
  for (let run = 0; run < rebuildRuns; run++) {
    const rebuildStart = performance.now();
    read = await runner.rebuild();
    rebuildTimes.push((performance.now() - rebuildStart) / 1000);
  }
  const rebuildSeconds = median(rebuildTimes);

  const view = runner.view;
  if (read !== store.size) {
    throw new Error(`Rebuild read ${read} events, but the log holds ${store.size}`);
  }
  if (view.female + view.male !== n) {
    throw new Error(`Gender mismatch: female ${view.female} + male ${view.male} !== ${n}`);
  }
  if (view.tagsIssued !== n || view.tagsReturned !== n) {
    throw new Error(
      `Tag mismatch: issued ${view.tagsIssued}, returned ${view.tagsReturned}, expected ${n}`,
    );
  }

  return {
    commands,
    commandsPerSec: commands / writeSeconds,
    events: read,
    rebuildEventsPerSec: read / rebuildSeconds,
    commandsPerCpuSec: commands / writeCpuSeconds,
  };
}

// ---------------------------------------------------------------------------
// CLI (bench/run.ts runs an esbuild bundle of this file on plain node; by hand: node --import tsx bench/front-desk.ts) <svcops|emmett> <N>
// ---------------------------------------------------------------------------

const SCENARIOS = ["svcops", "svcops-waterbar", "emmett"] as const;
type Scenario = (typeof SCENARIOS)[number];

async function loadScenario(scenario: Scenario): Promise<(n: number) => Promise<ScenarioResult>> {
  if (scenario === "svcops") return runSvcopsFrontDesk;
  if (scenario === "svcops-waterbar") return (n) => runSvcopsFrontDesk(n, 5, "waterBar");
  // Loaded only in the Emmett child, so the svcops child's RSS holds no Emmett code.
  const { runEmmettFrontDesk } = await import("./emmett-front-desk.js");
  return runEmmettFrontDesk;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && resolve(invokedPath) === fileURLToPath(import.meta.url)) {
  const scenario = process.argv[2] as Scenario | undefined;
  const n = Number(process.argv[3] ?? "10000");
  const warmupVisits = Number(process.env.BENCH_WARMUP ?? "2000");
  const days = Number(process.env.BENCH_DAYS ?? "1");
  if (
    scenario === undefined ||
    !SCENARIOS.includes(scenario) ||
    !Number.isSafeInteger(n) ||
    n <= 0 ||
    !Number.isSafeInteger(warmupVisits) ||
    warmupVisits < 0 ||
    !Number.isSafeInteger(days) ||
    days < 1
  ) {
    console.error(`usage: node --import tsx bench/front-desk.ts <${SCENARIOS.join("|")}> <N>`);
    process.exit(2);
  }
  const runScenario = await loadScenario(scenario);
  // Peak RSS so far: node and the imported modules (and tsx, when run by hand), before any work.
  const startRssMb = process.resourceUsage().maxRSS / 1024;
  // Warm-up: a small run in its own store, so the timed run measures optimised code; then
  // collect it (with --expose-gc) so it weighs little in the peak RSS.
  if (warmupVisits > 0) await runScenario(warmupVisits);
  (globalThis as { gc?: () => void }).gc?.();
  // BENCH_DAYS > 1: that many timed days, each on a store of its own, and the day of the median
  // command rate is reported (with every day's rate). The first day after the warm-up runs on
  // code V8 is still compiling (bench/README.md, "Why the median of three days").
  const results: ScenarioResult[] = [];
  for (let day = 0; day < days; day++) {
    results.push(await runScenario(n));
    (globalThis as { gc?: () => void }).gc?.();
  }
  const byRate = [...results].sort((a, b) => a.commandsPerSec - b.commandsPerSec);
  const result = byRate[Math.floor((byRate.length - 1) / 2)] as ScenarioResult;
  const dayRates = days > 1 ? { dayRates: results.map((r) => Math.round(r.commandsPerSec)) } : {};
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({ scenario, n, ...result, ...dayRates, peakRssMb, startRssMb, warmupVisits }),
  );
}
