import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuplicateCommand, SvcOpsError, VersionConflict } from "../../src/kernel/errors.js";
import {
  createPostgresStore,
  migratePostgres,
  type PostgresEventStore,
  postgresMigrations,
} from "../../src/stores/postgres/index.js";
import { lockKey } from "../../src/stores/postgres/lock-key.js";
import { newEvent, readAllFrom } from "../../src/testing/index.js";
import { explicitCommits } from "../support/explicit-commits.js";
import { idleSafe } from "../support/idle-safe.js";
import { findPostgres, type PgCluster, startPgCluster } from "../support/pg-cluster.js";

/**
 * The PostgreSQL store's functions: `append_batch` (migration 3: the appends of one or more
 * commits in one statement, pipelined with its BEGIN and COMMIT when the pool allows) and
 * `read_all` (migration 2: a page of the global log that always walks the
 * (transaction_id, global_position) index).
 */

const found = findPostgres();
const skip = typeof found === "string" ? found : undefined;
if (skip) console.warn(`PostgreSQL function tests skipped: ${skip}`);

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe.skipIf(skip !== undefined)("PostgreSQL store functions", () => {
  let cluster: PgCluster | undefined;
  let admin: pg.Pool;
  const pools: pg.Pool[] = [];
  const stores: PostgresEventStore[] = [];
  const url = () => cluster?.connectionString ?? "";

  function pool(options: pg.PoolConfig = {}): pg.Pool {
    const made = idleSafe(new pg.Pool({ connectionString: url(), max: 4, ...options }));
    pools.push(made);
    return made;
  }

  /**
   * Creates `schema` at `version`: the steps up to it only, recorded as `migratePostgres`
   * records them, as a store released before the next step left it.
   */
  async function schemaAtVersion(schema: string, version: number): Promise<void> {
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(
      `CREATE TABLE ${schema}.migrations (version integer PRIMARY KEY, name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    for (const step of postgresMigrations.filter((m) => m.version <= version)) {
      await admin.query(step.sql(`"${schema}"`));
      await admin.query(`INSERT INTO ${schema}.migrations (version, name) VALUES ($1, $2)`, [
        step.version,
        step.name,
      ]);
    }
  }
  const schemaAtVersion1 = (schema: string) => schemaAtVersion(schema, 1);

  beforeAll(async () => {
    if (typeof found === "string") return;
    cluster = await startPgCluster(found, { max_connections: 60 });
    admin = pool();
  });

  afterAll(async () => {
    try {
      // Settle every close before the cluster stops, so no pool holds a connection it kills.
      await Promise.allSettled([...stores.map((s) => s.close()), ...pools.map((p) => p.end())]);
    } finally {
      await cluster?.stop();
    }
  });

  it("migrates a schema at version 1 from two pools at once, and appends after its events", async () => {
    for (let round = 0; round < 5; round++) {
      const schema = `old_${round}`;
      await schemaAtVersion1(schema);
      // An event written by the version-1 store: stream s at version 1.
      await admin.query(
        `INSERT INTO ${schema}.events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
         VALUES ('s', 1, $1, 'Old', 1, '{}', '{}')`,
        [`old-${round}`],
      );
      const [one, two] = [pool({ max: 1 }), pool({ max: 1, pipeline: true })];
      const applied = await Promise.all([
        migratePostgres(one, { schema }),
        migratePostgres(two, { schema }),
      ]);
      expect(applied.map((a) => [...a]).sort((a, b) => a.length - b.length)).toEqual([
        [],
        [2, 3, 4, 5, 6],
      ]);
      const store = createPostgresStore({ pool: two, schema });
      await expect(
        store.append({ streamId: "s", expectedVersion: "no-stream", events: [newEvent("E", {})] }),
      ).rejects.toMatchObject({ name: "VersionConflict", actual: 1 });
      const [written] = await store.append({
        streamId: "s",
        expectedVersion: 1,
        events: [newEvent("New", {})],
      });
      expect(written?.streamVersion).toBe(2);
      const log = await readAllFrom(store);
      expect(log.events.map((e) => [e.type, e.streamVersion])).toEqual([
        ["Old", 1],
        ["New", 2],
      ]);
      expect(await store.migrate()).toEqual([]);
    }
  });

  it("migration 5 keys the command ids stored before it by their events' site", async () => {
    const schema = "per_site";
    await schemaAtVersion(schema, 4);
    const space = lockKey(`svcops:streams:${schema}`);
    /** An append as the store of schema version 4 sent it: the bare command id. */
    const appendTheOldWay = async (
      commandId: string | null,
      metadata: Record<string, unknown>,
      streams: readonly string[],
    ) => {
      const events = streams.map((streamId, r) => ({
        r: r + 1,
        o: 1,
        id: `${commandId ?? "none"}-${schema}-${r}`,
        t: "Old",
        v: 1,
        d: { streamId },
        m: metadata,
      }));
      await admin.query(
        `SELECT * FROM ${schema}.append_commits($1::int, $2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[], $11::jsonb)`,
        [
          space,
          [...new Set(streams.map(lockKey))].sort((a, b) => a - b),
          [commandId],
          [commandId === null ? null : `print-${commandId}`],
          streams.map(() => 1),
          streams,
          streams.map(() => null),
          streams.map(() => 1),
          streams.map(() => null),
          events.map((e) => e.id),
          JSON.stringify(events),
        ],
      );
    };
    await appendTheOldWay("c-1", { siteId: "club-a" }, ["club-a/visit/v1"]);
    await appendTheOldWay("c-2", { siteId: "club-b" }, ["club-b/visit/v2", "club-b/pool"]);
    await appendTheOldWay("shared", { siteId: "club-a" }, ["club-a/visit/v3"]);
    await appendTheOldWay("kiosk/7", { siteId: "club-b" }, ["club-b/visit/v4"]);
    await appendTheOldWay("no-site", { actor: "x" }, ["club-a/visit/v5"]);
    await appendTheOldWay(null, { siteId: "club-a" }, ["club-a/visit/v6"]);
    // Commands that appended nothing: rows without events. One has the id c-1 gets.
    await admin.query(
      `INSERT INTO ${schema}.commands (command_id, fingerprint)
       VALUES ('empty', 'print-empty'), ('club-a/c-1', 'print-odd')`,
    );

    const migrating = pool({ max: 1 });
    const store = createPostgresStore({ pool: migrating, schema });
    const at = (siteId: string, id: string) => store.findCommand({ siteId, id });
    // Before the step, the store looks for `<siteId>/<id>` and finds no command of version 4.
    expect(await at("club-b", "c-2")).toBeUndefined();
    expect(await migratePostgres(migrating, { schema })).toEqual([5, 6]);

    // Each command is found at its own site only, with its events and fingerprint.
    const c1 = await at("club-a", "c-1");
    expect(c1).toMatchObject({ siteId: "club-a", commandId: "c-1", fingerprint: "print-c-1" });
    expect(c1?.events.map((e) => e.streamId)).toEqual(["club-a/visit/v1"]);
    expect(await at("club-b", "c-1")).toBeUndefined();
    const c2 = await at("club-b", "c-2");
    expect(c2?.events.map((e) => e.streamId)).toEqual(["club-b/visit/v2", "club-b/pool"]);
    expect(await at("club-a", "c-2")).toBeUndefined();
    expect((await at("club-b", "kiosk/7"))?.events).toHaveLength(1);
    // No site to give them: kept as `/<id>`, found at no site (a site id is never empty).
    for (const site of ["club-a", "club-b"]) {
      expect(await at(site, "no-site")).toBeUndefined();
      expect(await at(site, "empty")).toBeUndefined();
    }
    const rows = await admin.query<{ command_id: string; fingerprint: string }>(
      `SELECT command_id, fingerprint FROM ${schema}.commands ORDER BY command_id`,
    );
    expect(rows.rows).toEqual([
      { command_id: "/club-a/c-1", fingerprint: "print-odd" },
      { command_id: "/empty", fingerprint: "print-empty" },
      { command_id: "/no-site", fingerprint: "print-no-site" },
      { command_id: "club-a/c-1", fingerprint: "print-c-1" },
      { command_id: "club-a/shared", fingerprint: "print-shared" },
      { command_id: "club-b/c-2", fingerprint: "print-c-2" },
      { command_id: "club-b/kiosk/7", fingerprint: "print-kiosk/7" },
    ]);
    const keyed = await admin.query<{ command_id: string | null; events: number }>(
      `SELECT command_id, count(*)::int AS events FROM ${schema}.events
        GROUP BY command_id ORDER BY command_id NULLS LAST`,
    );
    expect(keyed.rows).toEqual([
      { command_id: "/no-site", events: 1 },
      { command_id: "club-a/c-1", events: 1 },
      { command_id: "club-a/shared", events: 1 },
      { command_id: "club-b/c-2", events: 2 },
      { command_id: "club-b/kiosk/7", events: 1 },
      { command_id: null, events: 1 },
    ]);

    // Another site may now use an id club-a used; club-a itself may not use it again.
    const stamp = (siteId: string) => ({ siteId, id: "shared", fingerprint: "print-new" });
    const [written] = await store.append(
      { streamId: "club-b/visit/v7", expectedVersion: "no-stream", events: [newEvent("New", {})] },
      stamp("club-b"),
    );
    expect(written?.streamVersion).toBe(1);
    expect((await at("club-b", "shared"))?.fingerprint).toBe("print-new");
    await expect(
      store.append(
        {
          streamId: "club-a/visit/v8",
          expectedVersion: "no-stream",
          events: [newEvent("New", {})],
        },
        stamp("club-a"),
      ),
    ).rejects.toThrow(DuplicateCommand);
    expect((await at("club-a", "shared"))?.fingerprint).toBe("print-shared");

    // The primary key and the index are there, and the step is not applied again.
    const constraints = await admin.query<{ conname: string; contype: string }>(
      `SELECT conname, contype FROM pg_constraint
        WHERE conrelid = '${schema}.commands'::regclass ORDER BY conname`,
    );
    expect(constraints.rows).toEqual([{ conname: "commands_pkey", contype: "p" }]);
    const indexes = await admin.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname",
      [schema],
    );
    expect(indexes.rows.map((r) => r.indexname)).toEqual([
      "commands_pkey",
      "events_command_id",
      "events_event_id_key",
      "events_pkey",
      "events_stream_version_key",
      "events_transaction_order",
      "migrations_pkey",
      "notifications_notification_id_key",
      "notifications_pkey",
      "notifications_undelivered",
      "snapshots_pkey",
    ]);
    expect(await migratePostgres(migrating, { schema })).toEqual([]);
  });

  it("tells to migrate when the schema has no append_batch yet", async () => {
    await schemaAtVersion1("not_migrated");
    const store = createPostgresStore({ pool: admin, schema: "not_migrated" });
    const append = store.append({ streamId: "s", expectedVersion: "any", events: [] });
    await expect(append).rejects.toThrow(SvcOpsError);
    await expect(append).rejects.toMatchObject({ code: "store_not_migrated" });
  });

  describe("on a migrated schema", () => {
    const schema = "fns";
    let store: PostgresEventStore;
    const space = lockKey(`svcops:streams:${schema}`);

    beforeAll(async () => {
      if (typeof found === "string") return;
      store = createPostgresStore({ connectionString: url(), schema, maxConnections: 4 });
      stores.push(store);
      expect(await store.migrate()).toEqual([1, 2, 3, 4, 5, 6]);
    });

    /** Runs `append_batch` in a transaction of its own and reports whether it took an id. */
    async function callInTransaction(
      commits: { command: string; streams: [string, number | null][] }[],
    ) {
      const streams = commits.flatMap((c) => c.streams);
      const keys = [...new Set(streams.map(([id]) => lockKey(id)))].sort((a, b) => a - b);
      const events = streams.map((_, r) => ({
        r: r + 1,
        o: 1,
        id: `rows-x-${r}`,
        t: "E",
        v: 1,
        d: {},
        m: {},
      }));
      const client = await admin.connect();
      try {
        await client.query("BEGIN");
        const result = await client.query(
          `SELECT commit_no, outcome, stream_id, stream_version
             FROM ${schema}.append_batch($1::int, $2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[], $11::jsonb)`,
          [
            space,
            keys,
            commits.map((c) => c.command),
            commits.map(() => "f"),
            commits.flatMap((c, k) => c.streams.map(() => k + 1)),
            streams.map(([id]) => id),
            streams.map(([, expected]) => expected),
            streams.map(() => 1),
            streams.map(() => null),
            events.map((e) => e.id),
            JSON.stringify(events),
          ],
        );
        const xid = await client.query<{ xid: string | null }>(
          "SELECT pg_current_xact_id_if_assigned()::text AS xid",
        );
        await client.query("COMMIT");
        return { rows: result.rows, xid: xid.rows[0]?.xid ?? null };
      } finally {
        client.release();
      }
    }

    it("returns a wrong version or a known command id as a row, writing nothing and taking no transaction id", async () => {
      await store.append(
        { streamId: "rows/a", expectedVersion: "no-stream", events: [newEvent("E", {})] },
        { siteId: "site-1", id: "rows-cmd", fingerprint: "f" },
      );
      const refused = await callInTransaction([
        {
          command: "site-1/rows-new",
          streams: [
            ["rows/b", null],
            ["rows/a", 0],
          ],
        },
        // The function sees command ids as the store stores them: `<siteId>/<id>`.
        { command: "site-1/rows-cmd", streams: [["rows/a", 1]] },
        { command: "site-1/rows-again", streams: [["rows/a", 2]] },
      ]);
      expect(refused).toEqual({
        rows: [
          { commit_no: 1, outcome: "conflict", stream_id: "rows/a", stream_version: 1 },
          { commit_no: 2, outcome: "duplicate", stream_id: null, stream_version: null },
          { commit_no: 3, outcome: "conflict", stream_id: "rows/a", stream_version: 1 },
        ],
        xid: null,
      });
      expect((await store.readStream("rows/a")).length).toBe(1);
      expect(await store.findCommand({ siteId: "site-1", id: "rows-new" })).toBeUndefined();
      // The store turns the rows into the port's errors.
      await expect(
        store.append({ streamId: "rows/a", expectedVersion: 3, events: [newEvent("E", {})] }),
      ).rejects.toMatchObject({ name: "VersionConflict", expected: 3, actual: 1 });
      await expect(
        store.append(
          { streamId: "rows/a", expectedVersion: 1, events: [newEvent("E", {})] },
          { siteId: "site-1", id: "rows-cmd", fingerprint: "f" },
        ),
      ).rejects.toThrow(DuplicateCommand);
      await expect(
        store.append({ streamId: "rows/a", expectedVersion: 1.5, events: [] }),
      ).rejects.toThrow(VersionConflict);
    });

    it.each([
      ["a non-pipelined pool", false],
      ["a pipelined pool", true],
    ])(
      "waits for every stream lock before its transaction gets an id, on %s",
      async (_, pipeline) => {
        const p = `locks-${pipeline ? "pipe" : "plain"}`;
        const app = `svcops-${p}`;
        const writer = createPostgresStore({
          pool: pool({ max: 1, pipeline, application_name: app }),
          schema,
        });
        const holder = await admin.connect();
        try {
          await holder.query("BEGIN");
          await holder.query("SELECT pg_advisory_xact_lock($1, $2)", [space, lockKey(`${p}/b`)]);
          const append = writer.appendMany([
            { streamId: `${p}/a`, expectedVersion: "no-stream", events: [newEvent("E", {})] },
            { streamId: `${p}/b`, expectedVersion: "no-stream", events: [newEvent("E", {})] },
          ]);
          await until("the append to wait for the lock of stream b", async () => {
            const waiting = await admin.query<{ xid: string | null }>(
              `SELECT backend_xid::text AS xid FROM pg_stat_activity
              WHERE application_name = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
              [app],
            );
            if (waiting.rowCount !== 1) return false;
            expect(waiting.rows[0]?.xid).toBeNull();
            return true;
          });
          await holder.query("COMMIT");
          expect((await append).map((e) => e.streamVersion)).toEqual([1, 1]);
        } finally {
          await holder.query("ROLLBACK").catch(() => undefined);
          holder.release();
        }
      },
    );

    it("on a pipelined pool, hides a later commit until the earlier open transaction commits", async () => {
      const p = `late-pipe-${Date.now().toString(36)}`;
      const app = `svcops-${p}`;
      const { checkpoint: start } = await readAllFrom(store);
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const gated = pool({ max: 1, pipeline: true, application_name: app, ...explicitCommits });
      // Holds the COMMIT back: BEGIN and the append_commits call have gone out already.
      gated.on("connect", (client) => {
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        Object.assign(client, {
          query: async (...args: unknown[]) => {
            if (args[0] === "COMMIT") await released;
            return query(...args);
          },
        });
      });
      const storeA = createPostgresStore({ pool: gated, schema });
      try {
        const a = storeA.append({
          streamId: `${p}/a`,
          expectedVersion: "no-stream",
          events: [newEvent("A", {})],
        });
        await until("A to hold a transaction id, waiting for its COMMIT", async () => {
          const open = await admin.query(
            `SELECT 1 FROM pg_stat_activity
              WHERE application_name = $1 AND state = 'idle in transaction' AND backend_xid IS NOT NULL`,
            [app],
          );
          return open.rowCount === 1;
        });
        const [b] = await store.append({
          streamId: `${p}/b`,
          expectedVersion: "no-stream",
          events: [newEvent("B", {})],
        });
        const whileOpen = await readAllFrom(store, start, 10);
        expect(whileOpen.events.filter((e) => e.streamId.startsWith(p))).toEqual([]);
        expect(whileOpen.checkpoint).toBe(start);

        release();
        const [aEvent] = await a;
        expect(aEvent?.globalPosition).toBeLessThan(b?.globalPosition ?? 0);
        const after = await readAllFrom(store, whileOpen.checkpoint, 1);
        expect(after.events.map((e) => e.streamId)).toEqual([`${p}/a`, `${p}/b`]);
        expect((await readAllFrom(store, after.checkpoint)).events).toEqual([]);
      } finally {
        release();
      }
    });

    it("on a pipelined pool of one connection, a failed append rolls back and the connection goes on", async () => {
      const app = "svcops-pipe-fail";
      const one = createPostgresStore({
        pool: pool({ max: 1, pipeline: true, application_name: app }),
        schema,
      });
      const taken = newEvent("E", {});
      await one.append({ streamId: "fail/a", expectedVersion: "no-stream", events: [taken] });
      for (let i = 0; i < 3; i++) {
        await expect(
          one.appendMany(
            [
              { streamId: "fail/b", expectedVersion: "any", events: [newEvent("F", {})] },
              { streamId: "fail/c", expectedVersion: "any", events: [taken] },
            ],
            { siteId: "site-1", id: `fail-cmd-${i}`, fingerprint: "f" },
          ),
        ).rejects.toMatchObject({ code: "validation_failed" });
        await expect(
          one.append({ streamId: "fail/a", expectedVersion: 0, events: [newEvent("E", {})] }),
        ).rejects.toThrow(VersionConflict);
      }
      expect(await one.readStream("fail/b")).toEqual([]);
      expect(await one.findCommand({ siteId: "site-1", id: "fail-cmd-0" })).toBeUndefined();
      const open = await admin.query(
        "SELECT state FROM pg_stat_activity WHERE application_name = $1",
        [app],
      );
      expect(open.rows).toEqual([{ state: "idle" }]);
      const [next] = await one.append({
        streamId: "fail/a",
        expectedVersion: 1,
        events: [newEvent("E", {})],
      });
      expect(next?.streamVersion).toBe(2);
    });
  });

  it.each([
    ["a non-pipelined pool (through read_all)", false],
    ["a pipelined pool (the query after SET LOCAL enable_sort = off)", true],
  ])(
    "readAll walks the (transaction_id, global_position) index on a table without statistics, on %s",
    async (_, pipeline) => {
      const schema = pipeline ? "fresh_pipe" : "fresh";
      const plans: string[] = [];
      // auto_explain sends the plan of every statement, nested ones included, as a LOG message.
      const explained = pool({
        max: 1,
        pipeline,
        options:
          "-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 " +
          "-c auto_explain.log_nested_statements=on -c client_min_messages=log",
      });
      explained.on("connect", (client) => {
        client.on("notice", (notice) => plans.push(notice.message ?? ""));
      });
      const store = createPostgresStore({ pool: explained, schema });
      await store.migrate();
      await admin.query(`ALTER TABLE ${schema}.events SET (autovacuum_enabled = false)`);
      // 20,000 events in 2,000 transactions, as a busy day would leave them.
      for (let t = 0; t < 2000; t += 100) {
        await admin.query(
          `DO $$ BEGIN FOR i IN ${t} .. ${t + 99} LOOP
           INSERT INTO ${schema}.events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
           SELECT 's' || i, v, 'e' || i || '-' || v, 'E', 1, '{"visitId": "v1", "keyTag": "T1"}', '{"actor": "desk-1"}'
             FROM generate_series(1, 10) v;
           COMMIT;
         END LOOP; END $$`,
        );
      }
      const stats = await admin.query<{ reltuples: number }>(
        "SELECT reltuples FROM pg_class WHERE oid = $1::regclass",
        [`${schema}.events`],
      );
      expect(stats.rows[0]?.reltuples).toBe(-1);
      // The same page as a plain query is planned as a scan of every row plus a sort.
      const plain = await admin.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT * FROM ${schema}.events
        WHERE (transaction_id, global_position) > ('0'::xid8, 0::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, global_position LIMIT 1000`,
      );
      expect(plain.rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Sort/);

      plans.length = 0;
      const page = await store.readAll({ limit: 1000 });
      expect(page.events.length).toBe(1000);
      const inner = plans.find((plan) => plan.includes(`"${schema}".events e`)) ?? "";
      expect(inner).toMatch(/Index Scan using events_transaction_order/);
      expect(inner).not.toMatch(/Sort|Bitmap|Seq Scan/);
      // And it reads the whole log, in order, once.
      const all = await readAllFrom(store, "", 1000);
      expect(all.events.length).toBe(20_000);
      expect(new Set(all.events.map((e) => e.eventId)).size).toBe(20_000);
    },
  );
});
