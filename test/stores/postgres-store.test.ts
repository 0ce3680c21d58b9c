import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/kernel/errors.js";
import {
  createPostgresStore,
  migratePostgres,
  type PostgresEventStore,
  postgresMigrations,
} from "../../src/stores/postgres/index.js";
import { eventStoreConformance, newEvent, readAllFrom } from "../../src/testing/index.js";
import { explicitCommits } from "../support/explicit-commits.js";
import { idleSafe } from "../support/idle-safe.js";
import { findPostgres, type PgCluster, startPgCluster } from "../support/pg-cluster.js";

const found = findPostgres();
const skip = typeof found === "string" ? found : undefined;
if (skip) console.warn(`PostgreSQL store tests skipped: ${skip}`);

/**
 * Makes every COMMIT on `pool` wait for `hold()`: keeps a store's transaction open. The pool's
 * sessions must default to SERIALIZABLE (`explicitCommits`), or the store sends each append
 * as one statement, with no COMMIT to hold.
 */
function holdCommits(pool: pg.Pool, hold: () => Promise<void>): void {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(client, {
      query: async (...args: unknown[]) => {
        if (args[0] === "COMMIT") await hold();
        return query(...args);
      },
    });
  });
}

describe.skipIf(skip !== undefined)("PostgreSQL store", () => {
  let cluster: PgCluster | undefined;
  let store: PostgresEventStore;
  let admin: pg.Pool;
  const pools: pg.Pool[] = [];
  const schema = "svcops";

  beforeAll(async () => {
    if (typeof found === "string") return;
    cluster = await startPgCluster(found, { max_connections: 100 });
    store = createPostgresStore({ connectionString: cluster.connectionString, maxConnections: 20 });
    admin = idleSafe(new pg.Pool({ connectionString: cluster.connectionString, max: 4 }));
    pools.push(admin);
    expect(await store.migrate()).toEqual(postgresMigrations.map((m) => m.version));
  });

  afterAll(async () => {
    try {
      // Settle every close before the cluster stops, so no pool holds a connection it kills.
      await Promise.allSettled([store?.close(), ...pools.map((p) => p.end())]);
    } finally {
      await cluster?.stop();
    }
  });

  eventStoreConformance(() => store, { describe, it, name: "postgres", rounds: 100 });

  it("appends on sessions whose default isolation is SERIALIZABLE, inside BEGIN ISOLATION LEVEL READ COMMITTED", async () => {
    const p = `iso${Date.now().toString(36)}`;
    const strict = idleSafe(
      new pg.Pool({ connectionString: cluster?.connectionString, max: 2, ...explicitCommits }),
    );
    pools.push(strict);
    // Called alone, append_commits refuses to run outside READ COMMITTED…
    await expect(
      strict.query(
        `SELECT * FROM ${schema}.append_commits(1, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '[]')`,
      ),
    ).rejects.toMatchObject({ code: "SV001" });
    // …so the store wraps it, and the versions it checks are the ones committed last.
    const strictStore = createPostgresStore({ pool: strict, schema });
    const seen: string[] = [];
    strict.on("connect", (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      Object.assign(client, {
        query: (...args: unknown[]) => {
          if (typeof args[0] === "string") seen.push(args[0]);
          return query(...args);
        },
      });
    });
    await strictStore.append({
      streamId: `${p}/s`,
      expectedVersion: "no-stream",
      events: [newEvent("A", {})],
    });
    await store.append({ streamId: `${p}/s`, expectedVersion: 1, events: [newEvent("B", {})] });
    await expect(
      strictStore.append({ streamId: `${p}/s`, expectedVersion: 1, events: [newEvent("C", {})] }),
    ).rejects.toMatchObject({ name: "VersionConflict", actual: 2 });
    const [written] = await strictStore.append({
      streamId: `${p}/s`,
      expectedVersion: 2,
      events: [newEvent("C", {})],
    });
    expect(written?.streamVersion).toBe(3);
    expect(seen).toContain("BEGIN ISOLATION LEVEL READ COMMITTED");
  });

  it("appendBatch calls in flight keep their order when the pool has idle connections", async () => {
    const p = `order${Date.now().toString(36)}`;
    const warm = idleSafe(new pg.Pool({ connectionString: cluster?.connectionString, max: 6 }));
    pools.push(warm);
    const warmStore = createPostgresStore({ pool: warm, schema });
    let previous: string | undefined;
    for (let round = 0; round < 20; round++) {
      // Idle connections make pg hand them out on the next tick: a writer's own connect must
      // not pass for someone else waiting, or the second call would take another connection.
      await Promise.all([1, 2, 3, 4].map(() => warmStore.readStream(`${p}/none`)));
      const calls = [0, 1].map((k) => {
        const i = round * 2 + k;
        const event = newEvent("Step", { i });
        const after = previous;
        previous = event.eventId;
        return warmStore.appendBatch([
          {
            requests: [
              {
                streamId: `${p}/s`,
                expectedVersion: i === 0 ? "no-stream" : i,
                ...(after ? { afterEventId: after } : {}),
                events: [event],
              },
            ],
          },
        ]);
      });
      const outcomes = (await Promise.all(calls)).flat();
      expect(outcomes.map((o) => (o.ok ? o.events[0]?.streamVersion : o.error))).toEqual([
        round * 2 + 1,
        round * 2 + 2,
      ]);
    }
  });

  it("busy appendBatch callers do not starve reads on a pool of one connection", async () => {
    const p = `starve${Date.now().toString(36)}`;
    const small = idleSafe(new pg.Pool({ connectionString: cluster?.connectionString, max: 1 }));
    pools.push(small);
    const smallStore = createPostgresStore({ pool: small, schema });
    const cap = 400;
    let appended = 0;
    let readsDone = false;
    // Four writers keep appendBatch calls in flight until the reads are done (or `cap`).
    const writers = [0, 1, 2, 3].map(async (w) => {
      let version = 0;
      while (!readsDone && appended < cap) {
        const [outcome] = await smallStore.appendBatch([
          {
            requests: [
              {
                streamId: `${p}/w${w}`,
                expectedVersion: version === 0 ? "no-stream" : version,
                events: [newEvent("W", {})],
              },
            ],
          },
        ]);
        if (!outcome?.ok) throw outcome?.error;
        version += 1;
        appended += 1;
      }
    });
    for (let i = 0; i < 10; i++) await smallStore.readStream(`${p}/w0`);
    readsDone = true;
    await Promise.all(writers);
    expect(appended).toBeLessThan(cap);
  });

  describe("global log with a transaction that commits late", () => {
    it("hides a later commit until the earlier open transaction commits, then reads both once", async () => {
      const p = `late${Date.now().toString(36)}`;
      const { checkpoint: start } = await readAllFrom(store);
      let reached: () => void = () => undefined;
      let release: () => void = () => undefined;
      const atCommit = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const app = `svcops-${p}`;
      const gated = idleSafe(
        new pg.Pool({
          connectionString: cluster?.connectionString,
          max: 1,
          application_name: app,
          ...explicitCommits,
        }),
      );
      pools.push(gated);
      holdCommits(gated, async () => {
        // The COMMIT is queued with BEGIN and the call: wait until they have run.
        for (;;) {
          const open = await admin.query(
            `SELECT 1 FROM pg_stat_activity
              WHERE application_name = $1 AND state = 'idle in transaction' AND backend_xid IS NOT NULL`,
            [app],
          );
          if (open.rowCount === 1) break;
          await new Promise((r) => setTimeout(r, 5));
        }
        reached();
        await released;
      });
      const storeA = createPostgresStore({ pool: gated, schema });

      try {
        // A takes its transaction id and global position, then stays open at COMMIT.
        const a = storeA.append({
          streamId: `${p}/a`,
          expectedVersion: "no-stream",
          events: [newEvent("A", {})],
        });
        await atCommit;
        // B starts after A, commits first.
        const [b] = await store.append({
          streamId: `${p}/b`,
          expectedVersion: "no-stream",
          events: [newEvent("B", {})],
        });

        // The hazard is real: ordered by position alone, B is visible and A is not.
        const byPosition = await admin.query<{ stream_id: string }>(
          `SELECT stream_id FROM ${schema}.events WHERE stream_id LIKE $1 ORDER BY global_position`,
          [`${p}/%`],
        );
        expect(byPosition.rows.map((r) => r.stream_id)).toEqual([`${p}/b`]);

        // Our reader does not pass A: it sees neither, and its checkpoint does not move.
        const whileOpen = await readAllFrom(store, start, 10);
        expect(whileOpen.events.filter((e) => e.streamId.startsWith(p))).toEqual([]);
        expect(whileOpen.checkpoint).toBe(start);

        release();
        const [aEvent] = await a;
        expect(aEvent?.globalPosition).toBeLessThan(b?.globalPosition ?? 0);
        // A reader that had moved past B's position would never see A.
        const skipped = await admin.query(
          `SELECT 1 FROM ${schema}.events WHERE global_position > $1 AND stream_id = $2`,
          [b?.globalPosition, `${p}/a`],
        );
        expect(skipped.rowCount).toBe(0);

        const after = await readAllFrom(store, whileOpen.checkpoint, 1);
        expect(after.events.map((e) => e.streamId)).toEqual([`${p}/a`, `${p}/b`]);
        const again = await readAllFrom(store, after.checkpoint);
        expect(again.events).toEqual([]);
      } finally {
        release();
      }
    });

    it("follows a log in batches of one while appends commit out of order", async () => {
      const p = `ooo${Date.now().toString(36)}`;
      let { checkpoint } = await readAllFrom(store);
      const holds: (() => void)[] = [];
      const app = `svcops-${p}`;
      const gated = idleSafe(
        new pg.Pool({
          connectionString: cluster?.connectionString,
          max: 4,
          application_name: app,
          ...explicitCommits,
        }),
      );
      pools.push(gated);
      holdCommits(gated, () => new Promise<void>((resolve) => holds.push(resolve)));
      const storeA = createPostgresStore({ pool: gated, schema });
      const seen: string[] = [];
      const follow = async () => {
        const batch = await readAllFrom(store, checkpoint, 1);
        checkpoint = batch.checkpoint;
        seen.push(...batch.events.filter((e) => e.streamId.startsWith(p)).map((e) => e.streamId));
      };
      try {
        const open = [1, 2, 3].map((i) =>
          storeA.append({
            streamId: `${p}/open-${i}`,
            expectedVersion: "any",
            events: [newEvent("O", {})],
          }),
        );
        // Wait until the three hold a transaction id and wait at COMMIT. A COMMIT held by the
        // hook says only that the store has asked for it: its call may not have run yet, and
        // the appends below would then take lower transaction ids than the open ones.
        for (;;) {
          const open = await admin.query(
            `SELECT 1 FROM pg_stat_activity
              WHERE application_name = $1 AND state = 'idle in transaction'
                AND backend_xid IS NOT NULL`,
            [app],
          );
          if (holds.length === 3 && open.rowCount === 3) break;
          await new Promise((r) => setTimeout(r, 5));
        }
        for (let i = 0; i < 3; i++) {
          await store.append({
            streamId: `${p}/done-${i}`,
            expectedVersion: "any",
            events: [newEvent("D", {})],
          });
          await follow();
        }
        expect(seen).toEqual([]);
        // Commit the open ones last first; the reader still gets each event once.
        for (const hold of holds.reverse()) {
          hold();
          await follow();
        }
        await Promise.all(open);
        await follow();
        expect([...seen].sort()).toEqual(
          [1, 2, 3]
            .map((i) => `${p}/open-${i}`)
            .concat([0, 1, 2].map((i) => `${p}/done-${i}`))
            .sort(),
        );
        expect(new Set(seen).size).toBe(6);
      } finally {
        for (const hold of holds) hold();
      }
    });
  });

  describe("migrations", () => {
    it("migrate() from two pools at once applies each step once, 10 rounds", async () => {
      for (let round = 0; round < 10; round++) {
        const name = `race_${round}`;
        const [one, two] = [1, 2].map(() =>
          idleSafe(new pg.Pool({ connectionString: cluster?.connectionString, max: 1 })),
        ) as [pg.Pool, pg.Pool];
        pools.push(one, two);
        const results = await Promise.all([
          migratePostgres(one, { schema: name }),
          migratePostgres(two, { schema: name }),
        ]);
        expect(results.map((r) => r.length).sort()).toEqual([0, postgresMigrations.length]);
        const rows = await admin.query(`SELECT version FROM ${name}.migrations ORDER BY version`);
        expect(rows.rows).toEqual(postgresMigrations.map((m) => ({ version: m.version })));
        const raced = createPostgresStore({ pool: two, schema: name });
        await raced.append({
          streamId: "s",
          expectedVersion: "no-stream",
          events: [newEvent("E", {})],
        });
        expect(await raced.migrate()).toEqual([]);
      }
    });

    it("refuses a schema name it would have to escape", () => {
      expect(() => createPostgresStore({ pool: admin, schema: 'x"; DROP' })).toThrow(
        ValidationError,
      );
    });
  });

  describe("edges", () => {
    it("refuses a checkpoint that no PostgreSQL store returned", async () => {
      await expect(store.readAll({ after: "17" })).rejects.toThrow(ValidationError);
      await expect(store.readAll({ limit: -1 })).rejects.toThrow(ValidationError);
    });

    it("stores data and metadata as jsonb and gives back equal values", async () => {
      const s = `json${Date.now().toString(36)}`;
      const data = {
        text: "Schlüssel 17 «ok» \\ \" ' \n",
        list: [1, [2, { three: null }]],
        n: -1.5,
      };
      await store.append({
        streamId: s,
        expectedVersion: "no-stream",
        events: [newEvent("J", data)],
      });
      await store.append({
        streamId: s,
        expectedVersion: 1,
        events: [newEvent("K", ["an", "array"])],
      });
      const read = await store.readStream(s);
      expect(read.map((e) => e.data)).toEqual([data, ["an", "array"]]);
      expect(read[0]?.metadata.actor).toEqual({ id: "conformance", role: "system" });
      expect(typeof read[0]?.globalPosition).toBe("number");
    });

    it("refuses an event id already stored, writing nothing", async () => {
      const s = `dupid${Date.now().toString(36)}`;
      const event = newEvent("E", {});
      await store.append({ streamId: `${s}/a`, expectedVersion: "any", events: [event] });
      await expect(
        store.appendMany([
          { streamId: `${s}/b`, expectedVersion: "any", events: [newEvent("F", {})] },
          { streamId: `${s}/c`, expectedVersion: "any", events: [event] },
        ]),
      ).rejects.toThrow(ValidationError);
      expect(await store.readStream(`${s}/b`)).toEqual([]);
    });

    it("leaves a pool it was given open on close()", async () => {
      const own = createPostgresStore({ pool: admin, schema });
      await own.close();
      expect((await admin.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    });
  });
});
