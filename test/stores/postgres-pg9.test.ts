import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  CheckInMember,
  CheckOutMember,
  createServiceOps,
  manualClock,
  RegisterKeyTags,
} from "../../src/index.js";
import { createPostgresStore, type PostgresEventStore } from "../../src/stores/postgres/index.js";
import { readAllFrom } from "../../src/testing/index.js";
import { explicitCommits } from "../support/explicit-commits.js";
import { idleSafe } from "../support/idle-safe.js";
import { findPostgres, type PgCluster, startPgCluster } from "../support/pg-cluster.js";

/**
 * pg 9 drops the query queue of a client without pipelining: pg 8 warns ("Calling
 * client.query() when the client is already executing a query is deprecated") and queues, pg 9
 * will not. The store must send a query on such a client only once the one before has
 * answered. Each test file runs in a fresh module graph, so pg's once-per-process warning has
 * not been spent by another file; the test also counts every overlapping call itself.
 */

const found = findPostgres();
const skip = typeof found === "string" ? found : undefined;
if (skip) console.warn(`PostgreSQL pg 9 tests skipped: ${skip}`);

const SITE = "club-1";
const DESKS = 8;
const VISITS_PER_DESK = 12;
const lead: Actor = { id: "lead-1", role: "teamLead", sites: [SITE] };

interface ClientInternals {
  readonly pipeline: boolean;
  readonly _activeQuery: unknown;
  readonly _queryQueue: readonly unknown[];
}

/**
 * Counts the queries sent on `pool`'s connections without pipelining while another query of
 * the same connection is running or queued (what pg 9 no longer accepts).
 */
function countOverlaps(pool: pg.Pool, overlaps: string[]): pg.Pool {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const state = client as unknown as ClientInternals;
    Object.assign(client, {
      query: (...args: unknown[]) => {
        if (!state.pipeline && (state._activeQuery || state._queryQueue.length > 0)) {
          const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string }).text;
          overlaps.push(String(text).slice(0, 60));
        }
        return query(...args);
      },
    });
  });
  return pool;
}

describe.skipIf(skip !== undefined)("PostgreSQL store and pg 9", () => {
  let cluster: PgCluster | undefined;
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => {
    if (warning.name === "DeprecationWarning") warnings.push(warning);
  };
  const pools: pg.Pool[] = [];
  const stores: PostgresEventStore[] = [];

  beforeAll(async () => {
    if (typeof found === "string") return;
    process.on("warning", onWarning);
    cluster = await startPgCluster(found, { max_connections: 40 });
    const setup = createPostgresStore({ connectionString: cluster.connectionString });
    stores.push(setup);
    await setup.migrate();
  });

  afterAll(async () => {
    process.removeListener("warning", onWarning);
    try {
      await Promise.allSettled([...stores.map((s) => s.close()), ...pools.map((p) => p.end())]);
    } finally {
      await cluster?.stop();
    }
  });

  it.each([
    ["a pool without pipelining (sessions in READ COMMITTED)", {}],
    ["a pool without pipelining whose sessions default to SERIALIZABLE", explicitCommits],
    ["a pipelined pool", { pipeline: true }],
  ])("sends no query while another runs on one connection, on %s", async (label, options) => {
    const overlaps: string[] = [];
    const pool = countOverlaps(
      idleSafe(new pg.Pool({ connectionString: cluster?.connectionString, max: 4, ...options })),
      overlaps,
    );
    pools.push(pool);
    const store = createPostgresStore({ pool });
    stores.push(store);
    const site = `${SITE}-${pools.length}`;
    const ops = createServiceOps({
      site: { id: site },
      store,
      clock: manualClock("2026-11-22T02:00:00.000Z"),
    });
    const tags = Array.from({ length: DESKS }, (_, d) => `T${d}`);
    await ops.execute(RegisterKeyTags({ tags }), { actor: { ...lead, sites: [site] } });
    // 8 desks of one app instance: group commit keeps two appendBatch calls in flight on the
    // writer connection, while reads (findCommand, readStream, readAll) take others.
    const { checkpoint: start } = await readAllFrom(store);
    await Promise.all(
      tags.map(async (keyTag, d) => {
        const actor: Actor = { id: `desk-${d}`, role: "frontDesk", sites: [site] };
        for (let i = 0; i < VISITS_PER_DESK; i++) {
          const visitId = `v-${d}-${i}`;
          const checkIn = CheckInMember({ visitId, memberCard: `M-${d}`, keyTag, gender: "male" });
          await ops.execute(checkIn, { actor, commandId: `${visitId}-in` });
          await ops.execute(CheckOutMember({ visitId, keyTag }), { actor });
          if (i % 4 === 0) await store.readAll({ after: start, limit: 20 });
        }
      }),
    );
    const log = await readAllFrom(store, start);
    expect(log.events.length, label).toBe(DESKS * VISITS_PER_DESK * 4);
    expect(overlaps, label).toEqual([]);
  });

  it("emitted no DeprecationWarning while the store ran on those pools", () => {
    // pg warns once per process (this file's own module graph), at its first queued query.
    expect(warnings.map((w) => w.message)).toEqual([]);
  });
});
