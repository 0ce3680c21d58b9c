import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  CheckInMember,
  CheckOutMember,
  type CommandResult,
  createServiceOps,
  manualClock,
  RegisterKeyTags,
  type ServiceOps,
} from "../../src/index.js";
import { SvcOpsError } from "../../src/kernel/errors.js";
import { createPostgresStore, type PostgresEventStore } from "../../src/stores/postgres/index.js";
import { readAllFrom } from "../../src/testing/index.js";
import { explicitCommits } from "../support/explicit-commits.js";
import { idleSafe } from "../support/idle-safe.js";
import { findPostgres, type PgCluster, startPgCluster } from "../support/pg-cluster.js";

/**
 * The PostgreSQL store when the database fails under it: sessions terminated by an
 * administrator (`pg_terminate_backend`, SQLSTATE 57P01) and a fast server restart, each in
 * the middle of a burst of commands from several desks of one app instance. Nothing may crash
 * the process (an `error` event on a pg client with no listener would: vitest reports it as an
 * unhandled error and the run fails), a command either lands once or not at all, a rejected
 * command rejects with an Error and can be sent again under its id, and the same store serves
 * once the server is back.
 */

const found = findPostgres();
const skip = typeof found === "string" ? found : undefined;
if (skip) console.warn(`PostgreSQL fault tests skipped: ${skip}`);

const SITE = "club-1";
const NOW = "2026-11-22T02:00:00.000Z";
const DESKS = 4;
const TAGS_PER_DESK = 10;
const lead = (site: string): Actor => ({ id: "lead-1", role: "teamLead", sites: [site] });
const deskActor = (d: number, site = SITE): Actor => ({
  id: `desk-${d}`,
  role: "frontDesk",
  sites: [site],
});

/**
 * One app instance of a site: its store and ServiceOps, and the application_name its sessions
 * carry (what the fault tests end).
 */
interface App {
  readonly label: string;
  readonly site: string;
  readonly applicationName: string;
  readonly store: PostgresEventStore;
  readonly ops: ServiceOps;
}

/** What became of the commands of a burst. */
interface Tally {
  /** Each command id's final result (the first resolved attempt). */
  readonly results: Map<string, CommandResult>;
  /** Every rejection seen, by command id (a command may be rejected several times). */
  readonly rejections: { commandId: string; error: unknown }[];
}

/**
 * Sends `command` under `commandId` until it resolves: a rejected attempt is recorded and sent
 * again under the same id, as a caller that does not know whether it landed must.
 */
async function sendUntilDone(
  ops: ServiceOps,
  tally: Tally,
  commandId: string,
  command: Parameters<ServiceOps["execute"]>[0],
  actor: Actor,
  deadline: number,
): Promise<void> {
  for (;;) {
    try {
      tally.results.set(commandId, await ops.execute(command, { actor, commandId }));
      return;
    } catch (error) {
      tally.rejections.push({ commandId, error });
      if (Date.now() > deadline) throw error;
      await sleep(5 + Math.random() * 20);
    }
  }
}

/**
 * `DESKS` desks check members in and out (each visit: CheckInMember then CheckOutMember, with
 * the desk's own tags) until `busy()` turns false; `prefix` names the visits and command ids.
 */
async function burst(app: App, tally: Tally, prefix: string, busy: () => boolean) {
  const deadline = Date.now() + 60_000;
  const ops = app.ops;
  await Promise.all(
    Array.from({ length: DESKS }, async (_, d) => {
      const actor = deskActor(d, app.site);
      for (let i = 0; busy() || i < 2; i++) {
        const visitId = `${prefix}-d${d}-v${i}`;
        const keyTag = `T${d * TAGS_PER_DESK + (i % TAGS_PER_DESK)}`;
        await sendUntilDone(
          ops,
          tally,
          `${visitId}-in`,
          CheckInMember({ visitId, memberCard: `M-${d}-${i}`, keyTag, gender: "female" }),
          actor,
          deadline,
        );
        await sendUntilDone(
          ops,
          tally,
          `${visitId}-out`,
          CheckOutMember({ visitId, keyTag }),
          actor,
          deadline,
        );
      }
    }),
  );
}

describe.skipIf(skip !== undefined)("PostgreSQL store when the database fails", () => {
  let cluster: PgCluster | undefined;
  let admin: pg.Pool;
  let store: PostgresEventStore;
  let ops: ServiceOps;
  /** The two app instances of the burst tests (see beforeAll). */
  const apps: App[] = [];
  let explicitPool: pg.Pool | undefined;

  beforeAll(async () => {
    if (typeof found === "string") return;
    cluster = await startPgCluster(found, { max_connections: 60 });
    admin = idleSafe(
      new pg.Pool({
        connectionString: cluster.connectionString,
        max: 2,
        application_name: "svcops-test-admin",
      }),
    );
    // The store's own pool (pipelined: an append is one statement, a readAll page one round
    // trip), and a pool of the app's own without pipelining whose sessions default to
    // SERIALIZABLE, where an append is BEGIN, the call and COMMIT, each after the other's
    // answer: a session ended between them leaves a transaction to roll back.
    store = createPostgresStore({ connectionString: cluster.connectionString, maxConnections: 6 });
    await store.migrate();
    ops = createServiceOps({ site: { id: SITE }, store, clock: manualClock(NOW) });
    apps.push({ label: "the store's own pool", site: SITE, applicationName: "svcops", store, ops });
    explicitPool = idleSafe(
      new pg.Pool({
        connectionString: cluster.connectionString,
        max: 6,
        application_name: "svcops-test-explicit",
        ...explicitCommits,
      }),
    );
    const explicit = createPostgresStore({ pool: explicitPool });
    apps.push({
      label: "pool without pipelining, SERIALIZABLE sessions",
      site: "club-2",
      applicationName: "svcops-test-explicit",
      store: explicit,
      ops: createServiceOps({ site: { id: "club-2" }, store: explicit, clock: manualClock(NOW) }),
    });
    const tags = Array.from({ length: DESKS * TAGS_PER_DESK }, (_, i) => `T${i}`);
    for (const app of apps) {
      await app.ops.execute(RegisterKeyTags({ tags }), {
        actor: lead(app.site),
        commandId: "register",
      });
    }
  });

  afterAll(async () => {
    try {
      await Promise.allSettled([...apps.map((app) => app.store.close())]);
      await Promise.allSettled([explicitPool?.end(), admin?.end()]);
    } finally {
      await cluster?.stop();
    }
  });

  /**
   * The checks after a burst: every command that resolved is in the log exactly once, with the
   * events its result names; every stored command wrote both its streams (the visit's and the
   * key-tag pool's) or nothing; the pool stream has no gap; every rejection was an Error.
   */
  async function checkLog(app: App, tally: Tally, prefix: string) {
    const site = app.site;
    const stored = await admin.query<{
      command_id: string;
      event_ids: string[];
      streams: number;
    }>(
      `SELECT c.command_id, array_agg(e.event_id ORDER BY e.event_id) AS event_ids,
              count(DISTINCT e.stream_id)::int AS streams
         FROM svcops.commands c LEFT JOIN svcops.events e ON e.command_id = c.command_id
        WHERE c.command_id LIKE $1
        GROUP BY c.command_id`,
      [`${site}/${prefix}-%`],
    );
    const byId = new Map(stored.rows.map((row) => [row.command_id, row]));
    // Only commands that resolved are stored: a command is sent again until it resolves, and
    // a retry of one that had landed is answered from the stored record.
    expect([...byId.keys()].sort()).toEqual(
      [...tally.results.keys()].map((id) => `${site}/${id}`).sort(),
    );
    for (const [commandId, result] of tally.results) {
      const row = byId.get(`${site}/${commandId}`);
      expect(row?.streams, commandId).toBe(2);
      expect(row?.event_ids, commandId).toEqual(result.events.map((e) => e.eventId).sort());
    }
    const orphans = await admin.query(
      `SELECT event_id FROM svcops.events e
        WHERE e.command_id LIKE $1
          AND NOT EXISTS (SELECT 1 FROM svcops.commands c WHERE c.command_id = e.command_id)`,
      [`${site}/${prefix}-%`],
    );
    expect(orphans.rows).toEqual([]);
    const pool = await admin.query<{ versions: number[] }>(
      `SELECT array_agg(stream_version ORDER BY stream_version) AS versions
         FROM svcops.events WHERE stream_id = $1`,
      [`${site}/key-tag-pool/main`],
    );
    const versions = pool.rows[0]?.versions ?? [];
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    for (const { error } of tally.rejections) {
      expect(error).toBeInstanceOf(SvcOpsError);
      expect((error as SvcOpsError).code).toBe("store_unavailable");
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  }

  /** A visit after the faults, on the same ServiceOps: both commands land at once. */
  async function serveAfterwards(app: App, prefix: string) {
    const visitId = `${prefix}-after`;
    const actor = deskActor(0, app.site);
    const checkIn = await app.ops.execute(
      CheckInMember({ visitId, memberCard: "M-after", keyTag: "T0", gender: "male" }),
      { actor },
    );
    expect(checkIn.events.map((e) => e.type)).toEqual(["MemberCheckedIn", "KeyTagIssued"]);
    const checkOut = await app.ops.execute(CheckOutMember({ visitId, keyTag: "T0" }), { actor });
    expect(checkOut.duplicate).toBe(false);
    expect((await readAllFrom(app.store)).events.length).toBeGreaterThan(0);
  }

  /** What a burst did, for the test's log line. */
  function summary(app: App, tally: Tally): string {
    const duplicates = [...tally.results.values()].filter((r) => r.duplicate).length;
    return `${app.label}: ${tally.results.size} commands, ${tally.rejections.length} rejections, ${duplicates} answered as duplicates`;
  }

  it("answers a command whose commit landed but whose answer was lost from its record, and appends one that did not land once", async () => {
    // A pool of the app's own whose connections can lose an append's answer after the server
    // committed it ("after"), or break before the append is sent ("before").
    const faults: ("after" | "before")[] = [];
    const lossy = idleSafe(
      new pg.Pool({
        connectionString: cluster?.connectionString,
        max: 4,
        pipeline: true,
        application_name: "svcops-test-lossy",
      }),
    );
    lossy.on("connect", (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      const socket = () =>
        (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream;
      Object.assign(client, {
        query: (...args: unknown[]) => {
          const name = (args[0] as { name?: unknown }).name;
          const fault =
            typeof name === "string" && name.startsWith("svcops_append_commits")
              ? faults.shift()
              : undefined;
          if (fault === "before") {
            socket().destroy();
            return Promise.reject(new Error("Connection terminated unexpectedly"));
          }
          const sent = query(...args);
          if (fault !== "after") return sent;
          return sent.then(() => {
            socket().destroy();
            throw new Error("Connection terminated unexpectedly");
          });
        },
      });
    });
    const lossyStore = createPostgresStore({ pool: lossy });
    const desk = createServiceOps({
      site: { id: SITE },
      store: lossyStore,
      clock: manualClock(NOW),
    });
    const actor = deskActor(0);
    const eventsOf = async (commandId: string) =>
      (
        await admin.query<{ event_id: string }>(
          "SELECT event_id FROM svcops.events WHERE command_id = $1 ORDER BY event_id",
          [`${SITE}/${commandId}`],
        )
      ).rows.map((r) => r.event_id);
    try {
      // Lost once: the batch's answer. The handler sends the commit again alone, the store
      // finds its command id (DuplicateCommand), and the handler answers from the record.
      faults.push("after");
      const checkIn = CheckInMember({
        visitId: "lost-1",
        memberCard: "M-l",
        keyTag: "T1",
        gender: "male",
      });
      const first = await desk.execute(checkIn, { actor, commandId: "lost-1-in" });
      expect(first.duplicate).toBe(true);
      expect(first.events.map((e) => e.type)).toEqual(["MemberCheckedIn", "KeyTagIssued"]);
      expect(await eventsOf("lost-1-in")).toEqual(first.events.map((e) => e.eventId).sort());

      // Lost twice (the batch, then the commit alone): the command rejects, store_unavailable;
      // sent again under its id, it is answered from the record.
      faults.push("after", "after");
      const checkOut = CheckOutMember({ visitId: "lost-1", keyTag: "T1" });
      await expect(
        desk.execute(checkOut, { actor, commandId: "lost-1-out" }),
      ).rejects.toMatchObject({
        code: "store_unavailable",
      });
      const again = await desk.execute(checkOut, { actor, commandId: "lost-1-out" });
      expect(again.duplicate).toBe(true);
      expect(await eventsOf("lost-1-out")).toEqual(again.events.map((e) => e.eventId).sort());

      // Broken before it was sent, twice: nothing landed; sent again, it appends, once.
      faults.push("before", "before");
      const next = CheckInMember({
        visitId: "lost-2",
        memberCard: "M-l",
        keyTag: "T1",
        gender: "male",
      });
      await expect(desk.execute(next, { actor, commandId: "lost-2-in" })).rejects.toMatchObject({
        code: "store_unavailable",
      });
      expect(await eventsOf("lost-2-in")).toEqual([]);
      const fresh = await desk.execute(next, { actor, commandId: "lost-2-in" });
      expect(fresh.duplicate).toBe(false);
      expect(await eventsOf("lost-2-in")).toEqual(fresh.events.map((e) => e.eventId).sort());
      const repeated = await desk.execute(next, { actor, commandId: "lost-2-in" });
      expect(repeated).toMatchObject({ duplicate: true, events: fresh.events });
      await desk.execute(CheckOutMember({ visitId: "lost-2", keyTag: "T1" }), { actor });
      expect(faults).toEqual([]);
    } finally {
      await lossyStore.close();
      await lossy.end();
    }
  });

  it("survives its sessions being terminated during a burst of commands", async () => {
    const prefix = "term";
    const tallies: Tally[] = apps.map(() => ({ results: new Map(), rejections: [] }));
    let busy = true;
    let terminated = 0;
    const killer = (async () => {
      const stop = Date.now() + 3_000;
      while (Date.now() < stop) {
        await sleep(100 + Math.random() * 150);
        const killed = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = ANY($1) AND pid <> pg_backend_pid()`,
          [apps.map((app) => app.applicationName)],
        );
        terminated += killed.rowCount ?? 0;
      }
      busy = false;
    })();
    // Readers follow the log and run migrate() meanwhile: their connections are ended too.
    const readerErrors: unknown[] = [];
    const readers = apps.map(async (app) => {
      let checkpoint = "";
      while (busy) {
        try {
          checkpoint = (await app.store.readAll({ after: checkpoint, limit: 50 })).checkpoint;
          await app.store.migrate();
        } catch (error) {
          readerErrors.push(error);
        }
        await sleep(5);
      }
    });
    await Promise.all(apps.map((app, i) => burst(app, tallies[i] as Tally, prefix, () => busy)));
    await Promise.all([killer, ...readers]);
    console.log(
      `terminations: ${terminated} sessions ended, ${readerErrors.length} reader errors; ` +
        apps.map((app, i) => summary(app, tallies[i] as Tally)).join("; "),
    );
    expect(terminated).toBeGreaterThan(0);
    for (const error of readerErrors) {
      expect(error).toBeInstanceOf(SvcOpsError);
      expect((error as SvcOpsError).code).toBe("store_unavailable");
    }
    for (const [i, app] of apps.entries()) {
      const tally = tallies[i] as Tally;
      expect(tally.rejections.length, `${app.label}: terminations hit commands`).toBeGreaterThan(0);
      await checkLog(app, tally, prefix);
      await serveAfterwards(app, prefix);
    }
  }, 60_000);

  it("survives a fast server restart during a burst of commands", async () => {
    const prefix = "restart";
    const tallies: Tally[] = apps.map(() => ({ results: new Map(), rejections: [] }));
    let busy = true;
    const restarter = (async () => {
      await sleep(300);
      await cluster?.restart();
      await sleep(300);
      busy = false;
    })();
    await Promise.all(apps.map((app, i) => burst(app, tallies[i] as Tally, prefix, () => busy)));
    await restarter;
    console.log(`restart: ${apps.map((app, i) => summary(app, tallies[i] as Tally)).join("; ")}`);
    for (const [i, app] of apps.entries()) {
      const tally = tallies[i] as Tally;
      expect(tally.rejections.length, `${app.label}: the restart hit commands`).toBeGreaterThan(0);
      await checkLog(app, tally, prefix);
      await serveAfterwards(app, prefix);
    }
  }, 60_000);
});
