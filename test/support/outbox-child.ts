/**
 * A child app instance for the outbox crash tests. Run with
 * `node --import tsx test/support/outbox-child.ts <sqlite|postgres> <path or url> <site> <killAt>`.
 *
 * It reports incidents (I1: each notifies a CS manager and a coach through the outbox) through
 * `createServiceOps`, forever, printing `{ "reported": incidentId, "eventId" }` after each, while
 * a notification dispatcher on the same store delivers them: its handler prints
 * `{ "delivered": notificationId }` (written synchronously, so the line is out before the next
 * step). On delivery number `killAt` the process kills itself with SIGKILL right after printing
 * it, before the dispatcher marks it delivered; with -1 it runs until the test kills it.
 *
 * @example
 * ```ts
 * spawn(process.execPath, ["--import", "tsx", "test/support/outbox-child.ts", "sqlite", file, "club-9", "12"]);
 * ```
 */
import { writeSync } from "node:fs";
import {
  type Actor,
  createNotificationDispatcher,
  createServiceOps,
  type EventStore,
  manualClock,
  ReportIncident,
} from "../../src/index.js";
import { createPostgresStore } from "../../src/stores/postgres/index.js";
import { openSqliteStore } from "../../src/stores/sqlite/index.js";

const [kind = "", where = "", site = "", killAtText = "-1"] = process.argv.slice(2);
const killAt = Number(killAtText);

function say(line: unknown): void {
  writeSync(1, `${JSON.stringify(line)}\n`);
}

async function openStore(): Promise<EventStore> {
  if (kind === "sqlite") return openSqliteStore({ path: where });
  if (kind === "postgres")
    return createPostgresStore({ connectionString: where, maxConnections: 4 });
  throw new Error(`unknown store kind ${kind}`);
}

const store = await openStore();
const clock = manualClock("2026-11-22T02:00:00Z");
const ops = createServiceOps({ site: { id: site }, store, clock });
const desk: Actor = { id: "desk-1", role: "frontDesk", sites: [site] };

let deliveries = 0;
const dispatcher = createNotificationDispatcher({
  store,
  clock,
  siteId: site,
  owner: `child-${process.pid}`,
  batchSize: 4,
  handler: (notification) => {
    deliveries += 1;
    say({ delivered: notification.notificationId });
    if (deliveries === killAt) process.kill(process.pid, "SIGKILL");
  },
});

async function report(): Promise<void> {
  for (let n = 0; ; n++) {
    const incidentId = `inc-${n}`;
    const result = await ops.execute(
      ReportIncident({
        incidentId,
        member: { cardNumber: `M-${n}`, name: "Chen Jing", gender: "female" },
        whatHappened: "slipped by the pool",
        place: "pool deck",
        severity: "minor",
        notified: [
          { staffId: "cs-1", role: "csManager" },
          { staffId: "coach-1", role: "coach" },
        ],
      }),
      { actor: desk, commandId: `report-${n}` },
    );
    say({ reported: incidentId, eventId: result.events[0]?.eventId });
    // On SQLite a command never leaves the microtask queue: let the dispatcher's timer run.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function deliver(): Promise<void> {
  for (;;) {
    const round = await dispatcher.dispatchOnce();
    if (round.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

await Promise.all([report(), deliver()]);
