/**
 * A child process for the SQLite multi-process tests. Run with
 * `node --import tsx test/support/sqlite-writer.ts <mode> <path> ...`; it prints one JSON
 * object per line on stdout (written synchronously, so a line is out before the next step).
 *
 * Modes:
 * - `append <path> <worker> <streams> <ops>`: appends to shared streams (expected version
 *   "any", optimistic retries on VersionConflict, and two-stream appendMany with a command id),
 *   then prints `{ "done": events }`.
 * - `crash-loop <path> <tag>`: appendMany over three streams with exact expected versions and a
 *   command id, forever, printing `{ "n", "id", "eventIds" }` after each commit (to be killed).
 * - `crash-inside <path> <tag>`: one appendMany whose last event blocks while being serialised,
 *   inside the transaction, after large events were written; prints `{ "inside": true,
 *   "walBytes" }` (the WAL's size then: it holds the uncommitted pages).
 * - `race <path> <worker> <rounds>`: prints `{ "ready": true }`, waits for the stdin line
 *   `go <epoch ms>`, then tries to create the stream `race/r` with "no-stream" at that instant
 *   plus r * 5 ms (so every process tries each stream at the same moment) and prints
 *   `{ "won": [...] }` (a VersionConflict is a loss; any other error ends the process).
 * - `ops-burst <path> <tag> <killAt>`: the front-desk burst of `front-desk-burst.ts` through
 *   `createServiceOps` (after RegisterKeyTags), forever, printing `{ "sent": id }` before each
 *   command and `{ "ok": id, "eventIds", "duplicate" }` after it; once command `killAt` is
 *   stored, and before its answer is printed, the process kills itself with SIGKILL (-1: never;
 *   the test kills it mid-burst).
 * - `migrate`: for each stdin line `go <path>`, runs `migrate` on a raw connection and then
 *   `openSqliteStore`, printing `{ "path", "applied" }` or `{ "path", "error" }`.
 *
 * @example
 * ```ts
 * spawn(process.execPath, ["--import", "tsx", "test/support/sqlite-writer.ts", "crash-loop", file, "k1"]);
 * ```
 */
import { statSync, writeSync } from "node:fs";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { createServiceOps, manualClock, RegisterKeyTags } from "../../src/index.js";
import type { NewEvent } from "../../src/kernel/envelope.js";
import { VersionConflict } from "../../src/kernel/errors.js";
import { migrate, openSqliteStore } from "../../src/stores/sqlite/index.js";
import { BURST_SITE, BURST_TAGS, burstCommand, burstDesk, burstLead } from "./front-desk-burst.js";

const [mode = "", path = "", ...rest] = process.argv.slice(2);

function say(line: unknown): void {
  writeSync(1, `${JSON.stringify(line)}\n`);
}

let counter = 0;
function event(type: string, data: unknown, commandId: string): NewEvent {
  counter += 1;
  return {
    eventId: `${process.pid}-${counter}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: "writer", role: "system" },
      siteId: "test",
      occurredAt: "2026-11-22T02:00:00.000Z",
      recordedAt: "2026-11-22T02:00:00.000Z",
    },
  };
}

async function append(worker: number, streams: number, ops: number): Promise<void> {
  const store = await openSqliteStore({ path });
  const stream = (k: number) => `proc/s-${k % streams}`;
  let events = 0;
  for (let i = 0; i < ops; i++) {
    const id = `w${worker}-${i}`;
    const data = (part: number) => ({ w: worker, i, part });
    if (i % 3 === 0) {
      await store.append({
        streamId: stream(i * 7 + worker),
        expectedVersion: "any",
        events: [event("Any", data(0), id)],
      });
      events += 1;
    } else if (i % 3 === 1) {
      const streamId = stream(i * 5 + worker);
      for (let attempt = 0; ; attempt++) {
        const version = (await store.readStream(streamId)).length;
        try {
          await store.append({
            streamId,
            expectedVersion: version,
            events: [event("Expected", data(0), id)],
          });
          break;
        } catch (error) {
          if (!(error instanceof VersionConflict) || attempt >= 200) throw error;
        }
      }
      events += 1;
    } else {
      await store.appendMany(
        [
          {
            streamId: stream(i + worker),
            expectedVersion: "any",
            events: [event("A", data(0), id)],
          },
          {
            streamId: stream(i + worker + 1),
            expectedVersion: "any",
            events: [event("B", data(1), id)],
          },
        ],
        { siteId: "site-1", id, fingerprint: "f" },
      );
      events += 2;
    }
  }
  await store.close();
  say({ done: events });
}

async function crashLoop(tag: string): Promise<void> {
  const store = await openSqliteStore({ path });
  const streams = ["pool", "visit", "ledger"].map((name) => `${tag}/${name}`);
  const versions = await Promise.all(streams.map(async (s) => (await store.readStream(s)).length));
  for (let n = 1; ; n++) {
    const id = `${tag}-${process.pid}-${n}`;
    const written = await store.appendMany(
      streams.map((streamId, k) => ({
        streamId,
        expectedVersion: versions[k] ?? 0,
        events: [1, 2, 3].map((part) => event("Step", { n, part, pad: "x".repeat(2000) }, id)),
      })),
      { siteId: "site-1", id, fingerprint: `f-${n}` },
    );
    for (let k = 0; k < versions.length; k++) versions[k] = (versions[k] ?? 0) + 3;
    say({ n, id, eventIds: written.map((e) => e.eventId) });
  }
}

async function crashInside(tag: string): Promise<void> {
  const store = await openSqliteStore({ path });
  const id = `${tag}-stuck`;
  // 2 x 24 x 400 kB: more than better-sqlite3's 16 MB page cache, so SQLite spills the
  // uncommitted pages into the WAL before the last event blocks.
  const big = (n: number) => ({ n, pad: "y".repeat(400_000) });
  const blocker = {
    toJSON() {
      say({ inside: true, walBytes: statSync(`${path}-wal`).size });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      return {};
    },
  };
  await store.appendMany(
    [
      {
        streamId: `${tag}/a`,
        expectedVersion: "any",
        events: Array.from({ length: 24 }, (_, n) => event("Big", big(n), id)),
      },
      {
        streamId: `${tag}/b`,
        expectedVersion: "any",
        events: Array.from({ length: 24 }, (_, n) => event("Big", big(n), id)),
      },
      { streamId: `${tag}/c`, expectedVersion: "any", events: [event("Blocks", blocker, id)] },
    ],
    { siteId: "site-1", id, fingerprint: "stuck" },
  );
  say({ unexpected: "the blocking append returned" });
}

async function race(worker: number, rounds: number): Promise<void> {
  const store = await openSqliteStore({ path });
  say({ ready: true });
  let start = 0;
  for await (const line of createInterface({ input: process.stdin })) {
    start = Number(line.split(" ")[1]);
    break;
  }
  process.stdin.destroy();
  const won: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Scheduling only, never event data: every racer starts round r at the same wall-clock time.
    const wait = start + round * 5 - Date.now();
    if (wait > 0) await sleep(wait);
    try {
      await store.append({
        streamId: `race/${round}`,
        expectedVersion: "no-stream",
        events: [event("Created", { worker }, `race-${worker}-${round}`)],
      });
      won.push(round);
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
    }
  }
  await store.close();
  say({ won });
}

async function migrateOnCue(): Promise<void> {
  say({ ready: true });
  for await (const line of createInterface({ input: process.stdin })) {
    const [word, file = ""] = line.split(" ");
    if (word !== "go") break;
    try {
      const db = new Database(file, { timeout: 5000 });
      let applied: readonly number[];
      try {
        applied = (await migrate(db)).applied;
      } finally {
        db.close();
      }
      const store = await openSqliteStore({ path: file });
      await store.close();
      say({ path: file, applied });
    } catch (error) {
      say({ path: file, error: String(error) });
    }
  }
  process.stdin.destroy();
}

async function opsBurst(tag: string, killAt: number): Promise<void> {
  const store = await openSqliteStore({ path });
  const ops = createServiceOps({
    site: { id: BURST_SITE },
    store,
    clock: manualClock("2026-11-22T02:00:00Z"),
  });
  await ops.execute(RegisterKeyTags({ tags: BURST_TAGS }), {
    actor: burstLead,
    commandId: `${tag}-tags`,
  });
  for (let n = 0; ; n++) {
    const { command, commandId } = burstCommand(tag, n);
    say({ sent: commandId });
    const result = await ops.execute(command, { actor: burstDesk, commandId });
    if (n === killAt) process.kill(process.pid, "SIGKILL");
    say({
      ok: commandId,
      eventIds: result.events.map((e) => e.eventId),
      duplicate: result.duplicate,
    });
  }
}

const modes: Record<string, () => Promise<void>> = {
  append: () => append(Number(rest[0]), Number(rest[1]), Number(rest[2])),
  "crash-loop": () => crashLoop(rest[0] ?? "k"),
  "crash-inside": () => crashInside(rest[0] ?? "k"),
  race: () => race(Number(rest[0]), Number(rest[1])),
  migrate: migrateOnCue,
  "ops-burst": () => opsBurst(rest[0] ?? "k", Number(rest[1] ?? -1)),
};

const run = modes[mode];
if (!run) {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
await run();
