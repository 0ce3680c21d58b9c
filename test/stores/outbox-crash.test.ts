/**
 * The outbox across a crash: an app instance (a child process) reports incidents while its
 * dispatcher delivers their notifications, and is killed with SIGKILL, on SQLite and on
 * PostgreSQL. Afterwards every incident it reported has its notifications in the outbox and no
 * notification is without its event (they were written in one transaction), and another
 * instance, once the dead one's leases run out, delivers every notification not marked
 * delivered: nothing is lost, and the one delivered just before the kill is delivered again
 * (at least once).
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  createNotificationDispatcher,
  type EventStore,
  manualClock,
  type OutboxEntry,
} from "../../src/index.js";
import { createPostgresStore } from "../../src/stores/postgres/index.js";
import { openSqliteStore } from "../../src/stores/sqlite/index.js";
import { readAllFrom } from "../../src/testing/index.js";
import { findPostgres, type PgCluster, startPgCluster } from "../support/pg-cluster.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const script = fileURLToPath(new URL("../support/outbox-child.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "svcops-outbox-crash-"));
const children: Child[] = [];
afterAll(async () => {
  await Promise.all(children.map((child) => child.stop()));
  rmSync(dir, { recursive: true, force: true });
});

type Line = { reported?: string; eventId?: string; delivered?: string };

/** The child app instance and the JSON lines it printed. */
class Child {
  readonly lines: Line[] = [];
  readonly exited: Promise<NodeJS.Signals | null>;
  private readonly process: ChildProcessWithoutNullStreams;
  private stderr = "";
  private readonly waiters = new Set<() => void>();

  constructor(args: readonly string[]) {
    this.process = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: root,
      stdio: "pipe",
    });
    createInterface({ input: this.process.stdout }).on("line", (line) => {
      this.lines.push(JSON.parse(line) as Line);
      for (const waiter of this.waiters) waiter();
    });
    this.process.stderr.on("data", (chunk) => {
      this.stderr += String(chunk);
    });
    this.exited = new Promise((resolve) => {
      this.process.on("exit", (_code, signal) => {
        resolve(signal);
        for (const waiter of this.waiters) waiter();
      });
    });
    children.push(this);
  }

  /** Resolves once `done(lines)` holds; fails after `ms`, or when the child exits first. */
  until(done: (lines: readonly Line[]) => boolean, ms = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done(this.lines)) finish();
        else if (this.process.exitCode !== null) finish(new Error(`exited: ${this.stderr}`));
      };
      const timer = setTimeout(() => finish(new Error(`timed out: ${this.stderr}`)), ms);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  get stderrText(): string {
    return this.stderr;
  }

  async kill(): Promise<NodeJS.Signals | null> {
    this.process.kill("SIGKILL");
    return this.exited;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) await this.kill();
  }
}

/**
 * Runs a child on the store, kills it (by its own hand right after a delivery, before the
 * mark; or by the test while it reports and delivers), then checks the outbox from `store`.
 */
async function crashAndRecover(
  store: EventStore,
  args: readonly string[],
  site: string,
  killAt: number,
): Promise<void> {
  const child = new Child([...args, site, String(killAt)]);
  if (killAt < 0) {
    await child.until(
      (lines) =>
        lines.filter((l) => l.reported).length >= 30 &&
        lines.filter((l) => l.delivered).length >= 10,
    );
    expect(await child.kill()).toBe("SIGKILL");
  } else {
    expect(await child.exited).toBe("SIGKILL");
  }
  const outbox = store.outbox;
  if (!outbox) throw new Error("the store has no outbox");

  // Every incident the child reported (acknowledged or not) has its two notifications, and every
  // notification names a stored IncidentReported: written together or not at all.
  const reported = (await readAllFrom(store)).events.filter(
    (e) => e.type === "IncidentReported" && e.metadata.siteId === site,
  );
  const acknowledged = child.lines.filter((l) => l.reported).map((l) => l.eventId);
  const storedIds = new Set(reported.map((e) => e.eventId));
  for (const eventId of acknowledged) expect(storedIds.has(eventId as string)).toBe(true);
  const entries = await outbox.list({ siteId: site });
  expect(entries.length).toBe(reported.length * 2);
  const byEvent = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    expect(storedIds.has(entry.eventId)).toBe(true);
    byEvent.set(entry.eventId, [...(byEvent.get(entry.eventId) ?? []), entry]);
  }
  for (const event of reported) {
    expect(
      (byEvent.get(event.eventId) ?? []).map((n) => `${n.rule} ${n.to.role} ${n.to.staffId}`),
    ).toEqual(["I1 csManager cs-1", "I1 coach coach-1"]);
  }

  // The crash left notifications undelivered, at least the one delivered just before the kill.
  const deliveredByChild = child.lines.flatMap((l) => (l.delivered ? [l.delivered] : []));
  const undelivered = await outbox.list({ siteId: site, undelivered: true });
  if (killAt > 0) {
    expect(undelivered.map((n) => n.notificationId)).toContain(deliveredByChild.at(-1));
  }

  // Another instance, once the dead one's leases have run out, delivers every one of them.
  const received: string[] = [];
  const dispatcher = createNotificationDispatcher({
    store,
    clock: manualClock("2026-11-22T03:00:00Z"),
    siteId: site,
    owner: "survivor",
    handler: (n) => {
      received.push(n.notificationId);
    },
  });
  const drained = await dispatcher.drain();
  expect(drained.failed).toEqual([]);
  expect(new Set(received)).toEqual(new Set(undelivered.map((n) => n.notificationId)));
  expect(await outbox.list({ siteId: site, undelivered: true })).toEqual([]);
  const everyone = new Set([...deliveredByChild, ...received]);
  expect(everyone).toEqual(new Set(entries.map((n) => n.notificationId)));
}

describe("Outbox across a SIGKILL, SQLite", () => {
  for (const [how, killAt] of [
    ["killed right after a delivery, before its mark", 12],
    ["killed by the test while it reports and delivers", -1],
  ] as const) {
    it(`I1 loses no notification when the app is ${how}: each reported incident's notifications are stored with it and delivered at least once`, async () => {
      const path = join(dir, `outbox-${killAt}.db`);
      const store = await openSqliteStore({ path });
      try {
        await crashAndRecover(store, ["sqlite", path], "club-1", killAt);
      } finally {
        await store.close();
      }
    }, 90_000);
  }
});

const found = findPostgres();
const skip = typeof found === "string" ? found : undefined;
if (skip) console.warn(`PostgreSQL outbox crash tests skipped: ${skip}`);

describe.skipIf(skip !== undefined)("Outbox across a SIGKILL, PostgreSQL", () => {
  let cluster: PgCluster | undefined;
  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()));
    await cluster?.stop();
  });

  for (const [how, killAt] of [
    ["killed right after a delivery, before its mark", 12],
    ["killed by the test while it reports and delivers", -1],
  ] as const) {
    it(`I1 loses no notification when the app is ${how}: each reported incident's notifications are stored with it and delivered at least once`, async () => {
      if (typeof found === "string") return;
      cluster ??= await startPgCluster(found);
      const store = createPostgresStore({ connectionString: cluster.connectionString });
      try {
        await store.migrate();
        const site = `club-${killAt < 0 ? "k" : "d"}`;
        await crashAndRecover(store, ["postgres", cluster.connectionString], site, killAt);
      } finally {
        await store.close();
      }
    }, 120_000);
  }
});
