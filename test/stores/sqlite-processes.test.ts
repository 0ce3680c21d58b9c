import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import {
  createServiceOps,
  DuplicateCommand,
  type EventEnvelope,
  manualClock,
  START,
} from "../../src/index.js";
import { openSqliteStore, sqliteMigrations } from "../../src/stores/sqlite/index.js";
import { newEvent, readAllFrom } from "../../src/testing/index.js";
import { BURST_SITE, burstCommand, burstDesk } from "../support/front-desk-burst.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const writer = fileURLToPath(new URL("../support/sqlite-writer.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "svcops-sqlite-proc-"));
const started: Writer[] = [];
afterAll(async () => {
  // A failed test may leave a writer running (crash-inside blocks forever): end ours by pid.
  await Promise.all(started.map((writer) => writer.stop()));
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
const freshPath = () => join(dir, `proc-${++files}.db`);

type Line = Record<string, unknown>;

/** A writer child process and the JSON lines it printed. */
class Writer {
  readonly lines: Line[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = "";
  private listeners = new Set<() => void>();

  constructor(args: readonly (string | number)[]) {
    this.child = spawn(process.execPath, ["--import", "tsx", writer, ...args.map(String)], {
      cwd: root,
      stdio: "pipe",
    });
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      this.lines.push(JSON.parse(line) as Line);
      for (const listener of this.listeners) listener();
    });
    this.child.stderr.on("data", (chunk) => {
      this.stderr += String(chunk);
    });
    started.push(this);
    this.exited = new Promise((resolve) => {
      this.child.on("exit", (code, signal) => {
        resolve({ code, signal });
        for (const listener of this.listeners) listener();
      });
    });
  }

  /** Resolves once `done(lines)` holds; fails after `ms` or if the child exits first. */
  until(done: (lines: readonly Line[]) => boolean, ms = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done(this.lines)) finish();
        else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          finish(new Error(`writer exited early: ${this.stderr}`));
        }
      };
      const timer = setTimeout(() => finish(new Error(`writer timed out: ${this.stderr}`)), ms);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      this.listeners.add(check);
      check();
    });
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  endInput(): void {
    this.child.stdin.end();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) await this.kill();
  }

  async kill(): Promise<NodeJS.Signals | null> {
    this.child.kill("SIGKILL");
    return (await this.exited).signal;
  }

  async succeeded(): Promise<void> {
    const { code } = await this.exited;
    if (code !== 0) throw new Error(`writer exited with ${code}: ${this.stderr}`);
  }
}

const commandOf = (e: EventEnvelope) => e.metadata.commandId;
const ids = (events: readonly EventEnvelope[]) => events.map((e) => e.eventId);

function groupByCommand(events: readonly EventEnvelope[]): Map<string, EventEnvelope[]> {
  const groups = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    const group = groups.get(commandOf(event)) ?? [];
    group.push(event);
    groups.set(commandOf(event), group);
  }
  return groups;
}

function expectVersionsFromOne(events: readonly EventEnvelope[]): void {
  expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
}

describe("SQLite store shared by several processes", () => {
  it("loses and duplicates nothing when 4 processes append to shared streams while one reads", async () => {
    const path = freshPath();
    const parent = await openSqliteStore({ path });
    const [workers, streams, ops] = [4, 12, 90];
    const children = Array.from(
      { length: workers },
      (_, w) => new Writer(["append", path, w, streams, ops]),
    );
    let running = true;
    const finished = Promise.all(children.map((c) => c.exited)).then(() => {
      running = false;
    });
    const tailed: EventEnvelope[] = [];
    let checkpoint = START;
    while (running) {
      const batch = await parent.readAll({ after: checkpoint, limit: 64 });
      tailed.push(...batch.events);
      checkpoint = batch.checkpoint;
      await sleep(2);
    }
    await finished;
    for (const child of children) await child.succeeded();
    tailed.push(...(await readAllFrom(parent, checkpoint)).events);

    const perWorker = (ops / 3) * 4;
    expect(children.map((c) => c.lines.at(-1))).toEqual(children.map(() => ({ done: perWorker })));
    const all = (await readAllFrom(parent)).events;
    expect(all).toHaveLength(workers * perWorker);
    expect(tailed.map((e) => e.globalPosition)).toEqual(all.map((e) => e.globalPosition));
    all.forEach((e, i) => {
      if (i > 0) expect(e.globalPosition).toBeGreaterThan(all[i - 1]?.globalPosition ?? 0);
    });
    const keys = all.map((e) => {
      const { w, i, part } = e.data as { w: number; i: number; part: number };
      return `${w}/${i}/${part}`;
    });
    expect(new Set(keys).size).toBe(all.length);
    for (let w = 0; w < workers; w++) {
      const mine = all.filter((e) => (e.data as { w: number }).w === w);
      const order = mine.map((e) => {
        const { i, part } = e.data as { i: number; part: number };
        return i * 2 + part;
      });
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    let total = 0;
    for (let k = 0; k < streams; k++) {
      const stream = await parent.readStream(`proc/s-${k}`);
      expectVersionsFromOne(stream);
      total += stream.length;
    }
    expect(total).toBe(all.length);
    for (const [id, group] of groupByCommand(all)) {
      if (group.length !== 2) continue;
      expect(ids((await parent.findCommand({ siteId: "site-1", id: id }))?.events ?? [])).toEqual(
        ids(group),
      );
    }
    await parent.close();
  }, 30_000);

  it('lets exactly one of 4 processes create each "no-stream" stream, 100 rounds', async () => {
    const path = freshPath();
    const setup = await openSqliteStore({ path });
    await setup.close();
    const rounds = 100;
    const racers = Array.from({ length: 4 }, (_, w) => new Writer(["race", path, w, rounds]));
    await Promise.all(racers.map((r) => r.until((lines) => lines[0]?.ready === true)));
    const start = Date.now() + 50; // a shared start instant for the children, not event data
    for (const r of racers) r.send(`go ${start}`);
    for (const r of racers) await r.succeeded();
    const won = racers.flatMap((r) => (r.lines.at(-1)?.won as number[] | undefined) ?? []);
    expect(won.sort((a, b) => a - b)).toEqual(Array.from({ length: rounds }, (_, i) => i));
    const store = await openSqliteStore({ path });
    const all = (await readAllFrom(store)).events;
    expect(all).toHaveLength(rounds);
    expect(all.every((e) => e.streamVersion === 1)).toBe(true);
    await store.close();
  }, 30_000);

  it("keeps every multi-stream command whole or absent when writers are killed with SIGKILL", async () => {
    const path = freshPath();
    const tag = "kill";
    const reported: Line[] = [];
    for (const after of [12, 25, 40]) {
      const child = new Writer(["crash-loop", path, tag]);
      await child.until((lines) => lines.length >= after);
      expect(await child.kill()).toBe("SIGKILL");
      reported.push(...child.lines);
    }
    const raw = new Database(path);
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    raw.close();

    const store = await openSqliteStore({ path });
    const all = (await readAllFrom(store)).events;
    const groups = groupByCommand(all);
    expect(groups.size).toBeGreaterThanOrEqual(reported.length);
    for (const [id, group] of groups) {
      expect(group).toHaveLength(9);
      expect(new Set(group.map((e) => e.streamId)).size).toBe(3);
      expect(ids((await store.findCommand({ siteId: "site-1", id: id }))?.events ?? [])).toEqual(
        ids(group),
      );
    }
    for (const line of reported) {
      expect(ids(groups.get(line.id as string) ?? [])).toEqual(line.eventIds);
    }
    const streams = ["pool", "visit", "ledger"].map((name) => `${tag}/${name}`);
    for (const streamId of streams) {
      const stream = await store.readStream(streamId);
      expectVersionsFromOne(stream);
      expect(stream).toHaveLength(groups.size * 3);
    }
    const after = await store.appendMany(
      streams.map((streamId) => ({
        streamId,
        expectedVersion: groups.size * 3,
        events: [newEvent("AfterCrash", {})],
      })),
    );
    expect(after.map((e) => e.streamVersion)).toEqual(streams.map(() => groups.size * 3 + 1));
    await store.close();
  }, 30_000);

  it("rolls back an append killed inside its transaction, after it spilled large events", async () => {
    const path = freshPath();
    const tag = "inside";
    const child = new Writer(["crash-inside", path, tag]);
    await child.until((lines) => lines.some((line) => line.inside === true));
    expect(await child.kill()).toBe("SIGKILL");
    // Uncommitted pages of the killed transaction were already in the WAL file.
    expect(child.lines[0]?.walBytes).toBeGreaterThan(1_000_000);

    const store = await openSqliteStore({ path });
    expect((await readAllFrom(store)).events).toEqual([]);
    expect(await store.findCommand({ siteId: "site-1", id: `${tag}-stuck` })).toBeUndefined();
    for (const name of ["a", "b", "c"])
      expect(await store.readStream(`${tag}/${name}`)).toEqual([]);
    const retried = await store.appendMany(
      ["a", "b", "c"].map((name) => ({
        streamId: `${tag}/${name}`,
        expectedVersion: "no-stream" as const,
        events: [newEvent("Retried", {}, `${tag}-stuck`)],
      })),
      { siteId: "site-1", id: `${tag}-stuck`, fingerprint: "stuck" },
    );
    expect(retried.map((e) => e.globalPosition)).toEqual([1, 2, 3]);
    await store.close();
  }, 30_000);

  it("appends nothing when a command id is retried after the writer crashed", async () => {
    const path = freshPath();
    const tag = "retry";
    const child = new Writer(["crash-loop", path, tag]);
    await child.until((lines) => lines.length >= 5);
    await child.kill();
    const last = child.lines.at(-1) as { id: string; eventIds: string[] };

    const store = await openSqliteStore({ path });
    const before = (await readAllFrom(store)).events.length;
    await expect(
      store.appendMany(
        ["pool", "visit", "ledger"].map((name) => ({
          streamId: `${tag}/${name}`,
          expectedVersion: "any" as const,
          events: [newEvent("Step", { again: true }, last.id)],
        })),
        { siteId: "site-1", id: last.id, fingerprint: "f-again" },
      ),
    ).rejects.toBeInstanceOf(DuplicateCommand);
    expect((await readAllFrom(store)).events).toHaveLength(before);
    expect(ids((await store.findCommand({ siteId: "site-1", id: last.id }))?.events ?? [])).toEqual(
      last.eventIds,
    );
    await store.close();
  }, 30_000);

  for (const [how, killAt] of [
    ["killed mid-burst", -1],
    ["killed after a command was stored, before its answer reached the caller", 25],
  ] as const) {
    it(`a front desk on the façade, ${how}: every sent command retried by its id is stored once, the acknowledged ones as duplicates`, async () => {
      const path = freshPath();
      const tag = killAt < 0 ? "mid" : "unanswered";
      const child = new Writer(["ops-burst", path, tag, killAt]);
      if (killAt < 0) {
        await child.until((lines) => lines.filter((l) => l.ok !== undefined).length >= 40);
        await child.kill();
      } else {
        expect((await child.exited).signal).toBe("SIGKILL");
      }
      const sent = child.lines.filter((l) => l.sent !== undefined).map((l) => String(l.sent));
      const acknowledged = new Map(
        child.lines
          .filter((l) => l.ok !== undefined)
          .map((l) => [String(l.ok), l.eventIds as string[]]),
      );
      // At most the last command sent has no answer.
      expect(sent.length - acknowledged.size).toBeLessThanOrEqual(1);
      if (killAt >= 0) expect(acknowledged.has(`${tag}-${killAt}`)).toBe(false);

      // The app restarts on the same file and sends every command again with its id.
      const store = await openSqliteStore({ path });
      const ops = createServiceOps({
        site: { id: BURST_SITE },
        store,
        clock: manualClock("2026-11-22T02:00:00Z"),
      });
      for (let n = 0; n < sent.length; n++) {
        const { command, commandId } = burstCommand(tag, n);
        const result = await ops.execute(command, { actor: burstDesk, commandId });
        const first = acknowledged.get(commandId);
        if (first) {
          expect(result.duplicate).toBe(true);
          expect(ids(result.events)).toEqual(first);
        } else if (killAt >= 0) {
          // Stored by the killed process, its answer lost: the retry gets the stored result.
          expect(result.duplicate).toBe(true);
          expect(result.events.length).toBeGreaterThan(0);
        }
      }
      // Each command's events are stored once, and a check-in's visit and pool events together.
      const groups = groupByCommand((await readAllFrom(store)).events);
      for (let n = 0; n < sent.length; n++) {
        const group = groups.get(`${tag}-${n}`) ?? [];
        expect(group.map((e) => e.type).sort(), `${tag}-${n}`).toEqual(
          n % 2 === 0
            ? ["KeyTagIssued", "MemberCheckedIn"]
            : ["KeyTagReturned", "MemberCheckedOut"],
        );
      }
      await store.close();
    }, 30_000);
  }

  it("migrates a new file safely when two processes open it at the same moment", async () => {
    const pair = [new Writer(["migrate"]), new Writer(["migrate"])];
    await Promise.all(pair.map((w) => w.until((lines) => lines[0]?.ready === true)));
    const latest = sqliteMigrations.map((m) => m.version);
    for (let round = 0; round < 10; round++) {
      const path = freshPath();
      for (const w of pair) w.send(`go ${path}`);
      await Promise.all(pair.map((w) => w.until((lines) => lines.some((l) => l.path === path))));
      const results = pair.map((w) => w.lines.find((l) => l.path === path) as Line);
      expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
      expect(results.flatMap((r) => r.applied as number[]).sort()).toEqual(latest);
      const db = new Database(path, { readonly: true });
      expect(db.prepare("SELECT version FROM svcops_schema_migrations").pluck().all()).toEqual(
        latest,
      );
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      db.close();
    }
    for (const w of pair) w.send("exit");
    for (const w of pair) w.endInput();
    for (const w of pair) await w.succeeded();
  }, 30_000);
});
