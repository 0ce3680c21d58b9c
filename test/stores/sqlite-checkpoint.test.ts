import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/index.js";
import {
  DEFAULT_WAL_AUTOCHECKPOINT_PAGES,
  openSqliteStore,
  type SqliteEventStore,
} from "../../src/stores/sqlite/index.js";
import { newEvent } from "../../src/testing/index.js";

const dir = mkdtempSync(join(tmpdir(), "svcops-sqlite-ckpt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `store-${++files}.db`);

/** A pragma of the store's private connection. */
function pragma(store: SqliteEventStore, name: string): unknown {
  return (store as unknown as { db: Database.Database }).db.pragma(name, { simple: true });
}

async function appendMany(store: SqliteEventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await store.append(
      {
        streamId: `s-${i % 20}`,
        expectedVersion: "any",
        events: [newEvent("E", { i, pad: "x".repeat(500) })],
      },
      { siteId: "site-1", id: `c-${i}`, fingerprint: "f" },
    );
  }
}

describe("SQLite WAL checkpoints", () => {
  it("checkpoints every 10,000 WAL pages by default and keeps synchronous FULL", async () => {
    const store = await openSqliteStore({ path: freshPath() });
    expect(DEFAULT_WAL_AUTOCHECKPOINT_PAGES).toBe(10_000);
    expect(pragma(store, "wal_autocheckpoint")).toBe(10_000);
    expect(pragma(store, "synchronous")).toBe(2);
    await store.close();
  });

  it("takes walAutocheckpointPages, and the checkpoints follow it", async () => {
    const often = freshPath();
    const never = freshPath();
    const small = await openSqliteStore({ path: often, walAutocheckpointPages: 50 });
    const off = await openSqliteStore({ path: never, walAutocheckpointPages: 0 });
    expect(pragma(small, "wal_autocheckpoint")).toBe(50);
    expect(pragma(off, "wal_autocheckpoint")).toBe(0);
    const before = [statSync(often).size, statSync(never).size];
    await appendMany(small, 300);
    await appendMany(off, 300);
    // Checkpointed pages reach the database file; without checkpoints they stay in the WAL.
    expect(statSync(often).size).toBeGreaterThan((before[0] ?? 0) + 100_000);
    expect(statSync(never).size).toBe(before[1]);
    expect(statSync(`${never}-wal`).size).toBeGreaterThan(300 * 500);
    await small.close();
    await off.close();
    // Both files hold every event once reopened.
    for (const path of [often, never]) {
      const again = await openSqliteStore({ path });
      const counts = await Promise.all(
        Array.from({ length: 20 }, async (_, s) => (await again.readStream(`s-${s}`)).length),
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
      await again.close();
    }
  });

  it("copies committed pages into the database file from a thread of its own, every checkpointIntervalMs", async () => {
    // The connection's own checkpoint is pushed out of reach, so only the thread can copy.
    const threaded = freshPath();
    const bare = freshPath();
    const withThread = await openSqliteStore({
      path: threaded,
      walAutocheckpointPages: 1_000_000,
      checkpointIntervalMs: 10,
    });
    const without = await openSqliteStore({
      path: bare,
      walAutocheckpointPages: 1_000_000,
      checkpointIntervalMs: 0,
    });
    const before = [statSync(threaded).size, statSync(bare).size];
    await appendMany(withThread, 300);
    await appendMany(without, 300);
    const deadline = Date.now() + 5_000;
    while (statSync(threaded).size < (before[0] ?? 0) + 100_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(statSync(threaded).size).toBeGreaterThan((before[0] ?? 0) + 100_000);
    expect(statSync(bare).size).toBe(before[1]);
    await withThread.close();
    await without.close();
    const again = await openSqliteStore({ path: threaded });
    expect((await again.readStream("s-0")).length).toBe(15);
    await again.close();
  });

  it.each([-1, 1.5, Number.NaN])(
    "refuses checkpointIntervalMs %s before opening the file",
    async (ms) => {
      const path = freshPath();
      const opening = openSqliteStore({ path, checkpointIntervalMs: ms });
      await expect(opening).rejects.toThrow(ValidationError);
      await expect(opening).rejects.toMatchObject({
        issues: [{ path: "checkpointIntervalMs" }],
      });
      expect(existsSync(path)).toBe(false);
    },
  );

  it.each([-1, 1.5, Number.NaN])(
    "refuses walAutocheckpointPages %s before opening the file",
    async (pages) => {
      const path = freshPath();
      await expect(openSqliteStore({ path, walAutocheckpointPages: pages })).rejects.toThrow(
        ValidationError,
      );
      expect(existsSync(path)).toBe(false);
    },
  );
});
