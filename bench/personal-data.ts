/**
 * The cost of encrypting personal data on the command path (docs/personal-data.md), and the
 * child-process entry of `bench/run.ts`'s personal-data scenarios.
 *
 * N customers, one after another, each with three commands whose events carry personal fields:
 * RegisterVisitor (name and phone of visitor n: a new data subject, so a new key), LendUmbrella
 * (name and phone of loan n: another new subject) and ReturnUmbrella (the customer signs with
 * the phone: a field under the loan's existing key). That is 3N commands and 3N events. Then
 * the global log is rebuilt into a view that reads the personal fields, 5 times (median). The
 * clock moves a day per customer, so that the reception's stream (one per day) stays short.
 *
 * Variants, each in a fresh process:
 * - `pd-memory-off`: memory store, no `personalData` option (the baseline);
 * - `pd-memory-on`: memory store, `personalData: { keys: createMemoryKeyStore() }`;
 * - `pd-sqlite-off`: SQLite store (WAL, synchronous NORMAL), no option;
 * - `pd-sqlite-on`: the same, and `openSqliteKeyStore` in a second file of its own.
 *
 * CLI: node --expose-gc <bundle> <variant> <N>; by hand:
 *   npx tsx bench/personal-data.ts pd-memory-on 5000
 * prints one JSON line: { scenario, n, commands, commandsPerSec, events, rebuildEventsPerSec,
 * commandsPerCpuSec, peakRssMb, startRssMb, warmupVisits }. BENCH_WARMUP sets the warm-up
 * customers (default 500).
 */
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import {
  type Actor,
  createMemoryKeyStore,
  createMemoryStore,
  createServiceOps,
  defaultAggregates,
  defineProjection,
  type EventStore,
  manualClock,
  PersonalDataCodec,
  type PersonalDataKeyStore,
  ProjectionRunner,
  type ShippedCommand,
} from "../src/index.js";
import { openSqliteKeyStore, openSqliteStore } from "../src/stores/sqlite/index.js";

export const PERSONAL_DATA_VARIANTS = [
  "pd-memory-off",
  "pd-memory-on",
  "pd-sqlite-off",
  "pd-sqlite-on",
] as const;
export type PersonalDataVariant = (typeof PERSONAL_DATA_VARIANTS)[number];

const SITE_ID = "club-1";
const shippedEvents = defaultAggregates.flatMap((aggregate) => aggregate.events);
const desk: Actor = { id: "desk-1", role: "frontDesk", sites: [SITE_ID] };

/** Reads every personal field it is given, so the rebuild pays for their decryption. */
const particulars = defineProjection<{ readonly people: number; readonly chars: number }>({
  name: "bench-particulars",
  initialView: { people: 0, chars: 0 },
  eventTypes: ["VisitorRegistered", "UmbrellaLent", "UmbrellaReturned"],
  fold(view, event) {
    const data = event.data as {
      name?: string;
      customer?: { name: string; phone: string };
      customerSignature?: { staffId: string };
    };
    const text =
      (data.name ?? "") +
      (data.customer ? data.customer.name + data.customer.phone : "") +
      (data.customerSignature?.staffId ?? "");
    return { people: view.people + 1, chars: view.chars + text.length };
  },
});

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** Runs one variant for N customers; returns the rates. */
export async function runPersonalData(variant: PersonalDataVariant, n: number) {
  const dir = mkdtempSync(join(tmpdir(), "svcops-bench-pd-"));
  let store: EventStore;
  let keys: PersonalDataKeyStore | undefined;
  if (variant.startsWith("pd-sqlite")) {
    store = await openSqliteStore({ path: join(dir, "events.db"), synchronous: "normal" });
    if (variant === "pd-sqlite-on") keys = await openSqliteKeyStore({ path: join(dir, "keys.db") });
  } else {
    store = createMemoryStore();
    if (variant === "pd-memory-on") keys = createMemoryKeyStore();
  }
  try {
    const clock = manualClock("2026-11-23T01:00:00Z");
    const ops = createServiceOps({
      site: { id: SITE_ID },
      store,
      clock,
      ...(keys ? { personalData: { keys } } : {}),
    });
    let commands = 0;
    let events = 0;
    const send = async (command: ShippedCommand) => {
      clock.advance(100);
      events += (await ops.execute(command, { actor: desk })).events.length;
      commands++;
    };
    const writeStart = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      // A business day per customer: the reception stream (one per site and day) stays short,
      // so its growth does not hide the cost measured here.
      clock.advance(86_400_000);
      const phone = `139${String(i).padStart(8, "0")}`;
      await send({
        type: "RegisterVisitor",
        data: {
          visitorId: `vis-${i}`,
          name: `Visitor ${i}`,
          phone,
          gender: "female",
          firstVisit: true,
        },
      });
      await send({
        type: "LendUmbrella",
        data: {
          loanId: `u-${i}`,
          customer: { name: `Customer ${i}`, phone },
          umbrellaNumber: `U-${i % 300}`,
          paymentMethod: "cash",
        },
      });
      await send({
        type: "ReturnUmbrella",
        data: { loanId: `u-${i}`, customerSignature: { staffId: phone, role: "customer" } },
      });
    }
    const writeSeconds = (performance.now() - writeStart) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    if (commands !== 3 * n || events !== 3 * n) {
      throw new Error(`sent ${commands} commands, appended ${events} events; expected ${3 * n}`);
    }

    const runner = new ProjectionRunner(store, particulars, {
      siteId: SITE_ID,
      upcasters: ops.upcasters,
      // The codec `ops.read` builds for its runners.
      ...(keys ? { personalData: new PersonalDataCodec(keys, shippedEvents) } : {}),
    });
    const times: number[] = [];
    let read = 0;
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      read = await runner.rebuild();
      times.push((performance.now() - start) / 1000);
    }
    if (runner.view.people !== 3 * n) throw new Error(`rebuild saw ${runner.view.people} people`);
    return {
      commands,
      commandsPerSec: commands / writeSeconds,
      events: read,
      rebuildEventsPerSec: read / median(times),
      commandsPerCpuSec: commands / ((cpu.user + cpu.system) / 1e6),
    };
  } finally {
    await store.close();
    await keys?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const invokedPath = process.argv[1];
// Real paths: the bundle may run from behind a symlinked node_modules.
if (
  invokedPath !== undefined &&
  realpathSync(resolve(invokedPath)) === realpathSync(fileURLToPath(import.meta.url))
) {
  const variant = process.argv[2] as PersonalDataVariant | undefined;
  const n = Number(process.argv[3] ?? "5000");
  const warmup = Number(process.env.BENCH_WARMUP ?? "500");
  if (variant === undefined || !PERSONAL_DATA_VARIANTS.includes(variant) || !(n > 0)) {
    console.error(
      `usage: npx tsx bench/personal-data.ts <${PERSONAL_DATA_VARIANTS.join("|")}> <N>`,
    );
    process.exit(2);
  }
  const startRssMb = process.resourceUsage().maxRSS / 1024;
  if (warmup > 0) await runPersonalData(variant, warmup);
  (globalThis as { gc?: () => void }).gc?.();
  const result = await runPersonalData(variant, n);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      scenario: variant,
      n,
      ...result,
      peakRssMb,
      startRssMb,
      warmupVisits: warmup,
    }),
  );
}
