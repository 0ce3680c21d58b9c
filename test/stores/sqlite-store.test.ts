import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import {
  DuplicateCommand,
  SvcOpsError,
  ValidationError,
  VersionConflict,
} from "../../src/index.js";
import {
  migrate,
  openSqliteStore,
  type SqliteEventStore,
  sqliteMigrations,
} from "../../src/stores/sqlite/index.js";
import { eventStoreConformance, newEvent, readAllFrom } from "../../src/testing/index.js";

const dir = mkdtempSync(join(tmpdir(), "svcops-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const freshPath = () => join(dir, `store-${++files}.db`);

// One file for the whole suite, a new connection per test: each test also reopens and
// re-migrates a file that already holds the other tests' events.
const shared = freshPath();
eventStoreConformance(() => openSqliteStore({ path: shared }), {
  describe,
  it,
  name: "sqlite",
  rounds: 100,
  release: (store) => store.close(),
});

describe("SqliteEventStore", () => {
  const open = async (path = freshPath(), options = {}) => {
    const store = await openSqliteStore({ path, ...options });
    return store;
  };

  it("opens a file in WAL mode, synchronous FULL by default, with the busy timeout asked for", async () => {
    const pragmas = (store: SqliteEventStore) => {
      // The connection is private; its per-connection pragmas are read here only.
      const db = (store as unknown as { db: Database.Database }).db;
      return ["journal_mode", "synchronous", "busy_timeout"].map((name) =>
        db.pragma(name, { simple: true }),
      );
    };
    const store = await open(freshPath(), { busyTimeoutMs: 1234 });
    expect(pragmas(store)).toEqual(["wal", 2, 1234]);
    await store.close();
    const normal = await open(freshPath(), { synchronous: "normal" });
    expect(pragmas(normal)).toEqual(["wal", 1, 5000]);
    await normal.close();
  });

  it("keeps events, commands and snapshots across a reopen", async () => {
    const path = freshPath();
    const first = await open(path);
    const written = await first.append(
      {
        streamId: "club-1/visit/v-1",
        expectedVersion: "no-stream",
        events: [
          newEvent("MemberCheckedIn", { tag: "17", amount: 1500, nested: { a: [1, null] } }),
        ],
      },
      { siteId: "site-1", id: "c-1", fingerprint: "f-1" },
    );
    await first.snapshots.save({
      streamId: "club-1/pool",
      aggregate: "pool",
      aggregateVersion: 1,
      streamVersion: 3,
      state: { out: [["17", "v-1"]] },
    });
    await first.close();
    await first.close();

    const second = await open(path);
    const read = await second.readStream("club-1/visit/v-1");
    expect(read).toEqual(written);
    expect((await second.findCommand({ siteId: "site-1", id: "c-1" }))?.events).toEqual(written);
    expect((await second.snapshots.load("club-1/pool", "pool"))?.state).toEqual({
      out: [["17", "v-1"]],
    });
    await second.close();
  });

  it("numbers the global log from 1 and uses the last position read as the checkpoint", async () => {
    const store = await open();
    await store.append({
      streamId: "s",
      expectedVersion: "no-stream",
      events: [newEvent("A", {}), newEvent("B", {}), newEvent("C", {})],
    });
    const batch = await store.readAll({ limit: 2 });
    expect(batch.events.map((e) => e.globalPosition)).toEqual([1, 2]);
    expect(batch.checkpoint).toBe("2");
    const rest = await store.readAll({ after: batch.checkpoint });
    expect(rest.events.map((e) => e.type)).toEqual(["C"]);
    expect(await store.readAll({ after: "3" })).toEqual({ events: [], checkpoint: "3" });
    expect(await store.readAll({ after: "2", limit: 0 })).toEqual({ events: [], checkpoint: "2" });
    await store.close();
  });

  it("rejects a checkpoint or limit it did not give out with ValidationError", async () => {
    const store = await open();
    for (const after of ["abc", "-1", "1.5", " 1", "1e3", "99999999999999999999"]) {
      await expect(store.readAll({ after })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(store.readAll({ limit: -1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.readAll({ limit: 1.5 })).rejects.toBeInstanceOf(ValidationError);
    await store.close();
  });

  it("rejects a stream named twice in one append, writing nothing", async () => {
    const store = await open();
    await expect(
      store.appendMany([
        { streamId: "s", expectedVersion: "any", events: [newEvent("A", {})] },
        { streamId: "s", expectedVersion: "any", events: [newEvent("B", {})] },
      ]),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await store.readStream("s")).toEqual([]);
    await store.close();
  });

  it("rolls the whole append back when an event cannot be stored", async () => {
    const store = await open();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(
      store.appendMany(
        [
          { streamId: "a", expectedVersion: "any", events: [newEvent("A", {})] },
          { streamId: "b", expectedVersion: "any", events: [newEvent("B", cyclic)] },
        ],
        { siteId: "site-1", id: "c-cyclic", fingerprint: "f" },
      ),
    ).rejects.toThrow(TypeError);
    expect(await store.readStream("a")).toEqual([]);
    expect(await store.findCommand({ siteId: "site-1", id: "c-cyclic" })).toBeUndefined();
    await store.close();
  });

  it("sees another connection's appends and checks versions across connections", async () => {
    const path = freshPath();
    const [one, two] = await Promise.all([open(path), open(path)]);
    await one.append({ streamId: "s", expectedVersion: "no-stream", events: [newEvent("A", {})] });
    await expect(
      two.append({ streamId: "s", expectedVersion: "no-stream", events: [newEvent("B", {})] }),
    ).rejects.toBeInstanceOf(VersionConflict);
    await two.append(
      { streamId: "s", expectedVersion: 1, events: [newEvent("B", {})] },
      {
        siteId: "site-1",
        id: "c-2",
        fingerprint: "f",
      },
    );
    await expect(
      one.append(
        { streamId: "t", expectedVersion: "any", events: [] },
        { siteId: "site-1", id: "c-2", fingerprint: "f" },
      ),
    ).rejects.toBeInstanceOf(DuplicateCommand);
    expect((await readAllFrom(one)).events.map((e) => e.type)).toEqual(["A", "B"]);
    await Promise.all([one.close(), two.close()]);
  });

  it("waits out a writer that holds the lock past the busy timeout, retrying with backoff", async () => {
    const store = await open(freshPath(), { busyTimeoutMs: 30 });
    const other = new Database(store.path);
    other.exec("BEGIN IMMEDIATE");
    const started = performance.now();
    const pending = store.append({
      streamId: "s",
      expectedVersion: "any",
      events: [newEvent("A", {})],
    });
    // The first attempt already waited 30 ms and failed; the retry comes after a backoff.
    other.exec("COMMIT");
    expect((await pending).map((e) => e.streamVersion)).toEqual([1]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    other.close();
    await store.close();
  });

  it("gives up with store_busy, writing nothing, when the lock never frees", async () => {
    const store = await open(freshPath(), { busyTimeoutMs: 10, busyRetries: 2 });
    const other = new Database(store.path);
    other.exec("BEGIN IMMEDIATE");
    const failure = await store
      .append(
        { streamId: "s", expectedVersion: "any", events: [newEvent("A", {})] },
        {
          siteId: "site-1",
          id: "c-busy",
          fingerprint: "f",
        },
      )
      .catch((error: unknown) => error);
    other.exec("ROLLBACK");
    expect(failure).toBeInstanceOf(SvcOpsError);
    expect((failure as SvcOpsError).code).toBe("store_busy");
    expect(await store.readStream("s")).toEqual([]);
    expect(await store.findCommand({ siteId: "site-1", id: "c-busy" })).toBeUndefined();
    other.close();
    await store.close();
  });
});

describe("migrate", () => {
  it("applies every migration once and then nothing", async () => {
    const db = new Database(freshPath());
    const latest = sqliteMigrations.at(-1)?.version ?? 0;
    expect(await migrate(db)).toEqual({
      applied: sqliteMigrations.map((m) => m.version),
      version: latest,
    });
    expect(await migrate(db)).toEqual({ applied: [], version: latest });
    const rows = db.prepare("SELECT version, name FROM svcops_schema_migrations").all();
    expect(rows).toEqual(sqliteMigrations.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it("applies only the migrations a file is missing, in version order", async () => {
    const db = new Database(freshPath());
    const extra = [
      ...sqliteMigrations,
      { version: 1001, name: "b", sql: "CREATE TABLE app_b (id INTEGER)" },
      { version: 1000, name: "a", sql: "CREATE TABLE app_a (id INTEGER)" },
    ];
    await migrate(db);
    expect((await migrate(db, { migrations: extra })).applied).toEqual([1000, 1001]);
    const store = await openSqliteStore({ path: db.name }).catch((error: unknown) => error);
    expect((store as SvcOpsError).code).toBe("schema_too_new");
    db.close();
  });

  it("migration 2 numbers the streams of a version-1 file and keeps its events, positions and commands", async () => {
    // A file written by the first schema: two streams interleaved in the log, one command.
    const path = freshPath();
    const db = new Database(path);
    await migrate(db, { migrations: sqliteMigrations.filter((m) => m.version === 1) });
    const insert = db.prepare(
      `INSERT INTO svcops_events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
       VALUES (?, ?, ?, 'Noted', 1, ?, '{"commandId":"c-old","siteId":"club-1"}')`,
    );
    const written = [
      ["e-1", "club-1/visit/b", 1],
      ["e-2", "club-1/visit/a", 1],
      ["e-3", "club-1/visit/b", 2],
      ["e-4", "club-1/visit/a", 2],
    ] as const;
    for (const [eventId, streamId, version] of written) {
      insert.run(eventId, streamId, version, JSON.stringify({ n: eventId }));
    }
    db.prepare("INSERT INTO svcops_commands VALUES ('c-old', 'fp', 3, 2)").run();
    db.close();

    const store = await openSqliteStore({ path });
    const streams = (store as unknown as { db: Database.Database }).db
      .prepare("SELECT stream_no, stream_id FROM svcops_streams ORDER BY stream_no")
      .all();
    // Numbered in the order the streams began.
    expect(streams).toEqual([
      { stream_no: 1, stream_id: "club-1/visit/b" },
      { stream_no: 2, stream_id: "club-1/visit/a" },
    ]);
    const { events: log } = await readAllFrom(store);
    expect(log.map((e) => [e.eventId, e.streamId, e.streamVersion, e.globalPosition])).toEqual(
      written.map(([eventId, streamId, version], i) => [eventId, streamId, version, i + 1]),
    );
    expect((await store.readStream("club-1/visit/a")).map((e) => e.data)).toEqual([
      { n: "e-2" },
      { n: "e-4" },
    ]);
    expect(
      (await store.findCommand({ siteId: "club-1", id: "c-old" }))?.events.map((e) => e.eventId),
    ).toEqual(["e-3", "e-4"]);
    // Appends go on from the copied log: versions per stream, positions after the last one.
    const more = await store.append({
      streamId: "club-1/visit/a",
      expectedVersion: 2,
      events: [newEvent("Noted", {})],
    });
    expect(more.map((e) => [e.streamVersion, e.globalPosition])).toEqual([[3, 5]]);
    await expect(
      store.append({
        streamId: "club-1/visit/b",
        expectedVersion: "no-stream",
        events: [newEvent("Noted", {})],
      }),
    ).rejects.toBeInstanceOf(VersionConflict);
    const created = await store.append({
      streamId: "club-1/visit/c",
      expectedVersion: "no-stream",
      events: [newEvent("Noted", {}), newEvent("Noted", {})],
    });
    expect(created.map((e) => [e.streamVersion, e.globalPosition])).toEqual([
      [1, 6],
      [2, 7],
    ]);
    await store.close();
  });

  it("migration 3 keys commands by site: each stored command stays found at its own site only", async () => {
    // A file written by schema 2: club-1 and club-2 each used a command id, club-1 also used
    // "shared"; one command appended nothing, and its site cannot be known.
    const path = freshPath();
    const db = new Database(path);
    await migrate(db, { migrations: sqliteMigrations.filter((m) => m.version <= 2) });
    const stream = db.prepare("INSERT INTO svcops_streams (stream_id) VALUES (?)");
    const insert = db.prepare(
      `INSERT INTO svcops_events
         (position, event_id, stream_no, stream_id, stream_version, type, schema_version, data, metadata)
       VALUES (?, ?, ?, ?, 1, 'Noted', 1, '{}', ?)`,
    );
    stream.run("club-1/visit/a");
    stream.run("club-2/visit/a");
    insert.run(1, "e-1", 1, "club-1/visit/a", '{"commandId":"shared","siteId":"club-1"}');
    insert.run(2, "e-2", 2, "club-2/visit/a", '{"commandId":"k-2","siteId":"club-2"}');
    db.prepare("INSERT INTO svcops_commands VALUES ('shared', 'f-1', 1, 1)").run();
    db.prepare("INSERT INTO svcops_commands VALUES ('k-2', 'f-2', 2, 1)").run();
    db.prepare("INSERT INTO svcops_commands VALUES ('empty', 'f-0', NULL, 0)").run();
    db.close();

    const store = await openSqliteStore({ path });
    const found = async (siteId: string, id: string) =>
      (await store.findCommand({ siteId, id }))?.events.map((e) => e.eventId);
    expect(await found("club-1", "shared")).toEqual(["e-1"]);
    expect(await found("club-2", "shared")).toBeUndefined();
    expect(await found("club-2", "k-2")).toEqual(["e-2"]);
    expect(await found("club-1", "k-2")).toBeUndefined();
    expect(await found("club-1", "empty")).toBeUndefined();
    // club-2 may now use the id club-1 used; club-1 may not use it again.
    const event = () => newEvent("Noted", {});
    await store.append(
      { streamId: "club-2/visit/b", expectedVersion: "no-stream", events: [event()] },
      { siteId: "club-2", id: "shared", fingerprint: "f-3" },
    );
    await expect(
      store.append(
        { streamId: "club-1/visit/b", expectedVersion: "no-stream", events: [event()] },
        { siteId: "club-1", id: "shared", fingerprint: "f-1" },
      ),
    ).rejects.toBeInstanceOf(DuplicateCommand);
    expect((await store.findCommand({ siteId: "club-2", id: "shared" }))?.fingerprint).toBe("f-3");
    await store.close();
  });

  it("leaves the file as it was when a migration fails", async () => {
    const db = new Database(freshPath());
    const broken = [...sqliteMigrations, { version: 2000, name: "bad", sql: "CREATE TABLE x (" }];
    await expect(migrate(db, { migrations: broken })).rejects.toThrow();
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'svcops_%'")
      .pluck()
      .all();
    expect(tables).toEqual([]);
    db.close();
  });
});
