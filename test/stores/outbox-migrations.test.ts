/**
 * The outbox's migrations on databases written by the schema before them: SQLite migration 4 on
 * a file at version 3, PostgreSQL migration 6 on a schema at version 5. The events and commands
 * stay as they were, the outbox starts empty, and the first incident reported afterwards writes
 * its notifications with its event.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  type Actor,
  createServiceOps,
  type EventStore,
  manualClock,
  ReportIncident,
} from "../../src/index.js";
import {
  createPostgresStore,
  migratePostgres,
  postgresMigrations,
} from "../../src/stores/postgres/index.js";
import { migrate, openSqliteStore, sqliteMigrations } from "../../src/stores/sqlite/index.js";
import { idleSafe } from "../support/idle-safe.js";
import { findPostgres, type PgCluster, startPgCluster } from "../support/pg-cluster.js";

const dir = mkdtempSync(join(tmpdir(), "svcops-outbox-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SITE = "club-1";
const desk: Actor = { id: "desk-1", role: "frontDesk", sites: [SITE] };

/** Reports inc-new through the façade and returns the outbox's notifications of the site. */
async function reportAfterMigration(store: EventStore) {
  const ops = createServiceOps({
    site: { id: SITE },
    store,
    clock: manualClock("2026-11-22T02:00:00Z"),
  });
  const result = await ops.execute(
    ReportIncident({
      incidentId: "inc-new",
      member: { cardNumber: "M-1", name: "Chen Jing", gender: "female" },
      whatHappened: "slipped by the pool",
      place: "pool deck",
      severity: "minor",
      notified: [
        { staffId: "cs-1", role: "csManager" },
        { staffId: "coach-1", role: "coach" },
      ],
    }),
    { actor: desk, commandId: "report-new" },
  );
  const entries = (await store.outbox?.list({ siteId: SITE })) ?? [];
  expect(entries.map((n) => [n.eventId, n.to.role])).toEqual([
    [result.events[0]?.eventId, "csManager"],
    [result.events[0]?.eventId, "coach"],
  ]);
}

describe("SQLite migration 4", () => {
  it("adds the outbox to a file written by schema 3, keeping its events and commands", async () => {
    const path = join(dir, "v3.db");
    const db = new Database(path);
    await migrate(db, { migrations: sqliteMigrations.filter((m) => m.version <= 3) });
    db.prepare("INSERT INTO svcops_streams (stream_id) VALUES ('club-1/visit/a')").run();
    db.prepare(
      `INSERT INTO svcops_events
         (position, event_id, stream_no, stream_id, stream_version, type, schema_version, data, metadata)
       VALUES (1, 'e-old', 1, 'club-1/visit/a', 1, 'Noted', 1, '{}', '{"commandId":"c-old","siteId":"club-1"}')`,
    ).run();
    db.prepare("INSERT INTO svcops_commands VALUES ('club-1', 'c-old', 'f-old', 1, 1)").run();
    db.close();

    const store = await openSqliteStore({ path });
    try {
      expect(await store.readStream("club-1/visit/a")).toMatchObject([{ eventId: "e-old" }]);
      expect(
        (await store.findCommand({ siteId: SITE, id: "c-old" }))?.events.map((e) => e.eventId),
      ).toEqual(["e-old"]);
      expect(await store.outbox.list()).toEqual([]);
      await reportAfterMigration(store);
    } finally {
      await store.close();
    }
    const check = new Database(path);
    expect(check.prepare("SELECT max(version) FROM svcops_schema_migrations").pluck().get()).toBe(
      4,
    );
    check.close();
  });
});

const found = findPostgres();
const skip = typeof found === "string" ? found : undefined;
if (skip) console.warn(`PostgreSQL outbox migration test skipped: ${skip}`);

describe.skipIf(skip !== undefined)("PostgreSQL migration 6", () => {
  let cluster: PgCluster | undefined;
  afterAll(async () => {
    await cluster?.stop();
  });

  it("adds the outbox to a schema written by version 5, keeping its events and commands", async () => {
    if (typeof found === "string") return;
    cluster = await startPgCluster(found);
    const admin = idleSafe(new pg.Pool({ connectionString: cluster.connectionString, max: 2 }));
    const schema = "v5";
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.query(
        `CREATE TABLE ${schema}.migrations (version integer PRIMARY KEY, name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      for (const step of postgresMigrations.filter((m) => m.version <= 5)) {
        await admin.query(step.sql(`"${schema}"`));
        await admin.query(`INSERT INTO ${schema}.migrations (version, name) VALUES ($1, $2)`, [
          step.version,
          step.name,
        ]);
      }
      await admin.query(
        `INSERT INTO ${schema}.events (stream_id, stream_version, event_id, type, schema_version, data, metadata, command_id)
         VALUES ('club-1/visit/a', 1, 'e-old', 'Noted', 1, '{}', '{"siteId":"club-1"}', 'club-1/c-old')`,
      );
      await admin.query(
        `INSERT INTO ${schema}.commands (command_id, fingerprint) VALUES ('club-1/c-old', 'f-old')`,
      );

      expect(await migratePostgres(admin, { schema })).toEqual([6]);
      const store = createPostgresStore({ connectionString: cluster.connectionString, schema });
      try {
        expect(await store.readStream("club-1/visit/a")).toMatchObject([{ eventId: "e-old" }]);
        expect(
          (await store.findCommand({ siteId: SITE, id: "c-old" }))?.events.map((e) => e.eventId),
        ).toEqual(["e-old"]);
        expect(await store.outbox.list()).toEqual([]);
        await reportAfterMigration(store);
        expect(await store.migrate()).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      await admin.end();
    }
  }, 60_000);
});
