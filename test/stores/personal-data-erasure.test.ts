/**
 * Erasure of personal data (crypto-shredding) on each store the library ships: the fields
 * marked personal are stored encrypted per data subject, read back plain while the subject's
 * key exists, and read as erased once it is gone; every view, count and rule is otherwise the
 * same as before. See docs/personal-data.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as svcops from "svcops";
import {
  agreementAccountAggregate,
  createMemoryKeyStore,
  createMemoryStore,
  createServiceOps,
  depositLedger,
  depositLoanAggregate,
  type EventStore,
  incidentAggregate,
  keyTagMovements,
  manualClock,
  type PersonalDataKeyStore,
  type Projection,
  reconcileKeyTags,
  type ServiceOps,
  ValidationError,
  visitAggregate,
} from "svcops";
import { createPostgresKeyStore, createPostgresStore } from "svcops/postgres";
import { openSqliteKeyStore, openSqliteStore } from "svcops/sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DAY_SITE,
  DAY_START,
  DAY_STREAMS,
  LI_NA,
  OTHERS,
  plain,
  playPersonalDataDay,
  withLiNaErased,
} from "../support/personal-data-day.js";
import { findPostgres, type PgCluster, startPgCluster } from "../support/pg-cluster.js";

/** Every projection svcops ships (each export shaped like one). */
const projections = (Object.values(svcops) as unknown[]).filter(
  (value): value is Projection<unknown> =>
    typeof value === "object" &&
    value !== null &&
    "fold" in value &&
    "initialView" in value &&
    "name" in value,
);

interface Opened {
  readonly store: EventStore;
  readonly keys: PersonalDataKeyStore;
}

/** A kind of store: `open()` gives a new connection to the same events and keys each time. */
interface Kind {
  readonly name: string;
  open(): Promise<Opened>;
  release(): Promise<void>;
}

const found = findPostgres();
let cluster: PgCluster | undefined;
let schemas = 0;

const kinds: (() => Kind)[] = [
  () => {
    const opened = { store: createMemoryStore(), keys: createMemoryKeyStore() };
    return { name: "memory", open: async () => opened, release: async () => {} };
  },
  () => {
    const dir = mkdtempSync(join(tmpdir(), "svcops-erasure-"));
    const all: Opened[] = [];
    return {
      name: "SQLite",
      async open() {
        const opened = {
          store: await openSqliteStore({ path: join(dir, "events.db"), synchronous: "normal" }),
          keys: await openSqliteKeyStore({ path: join(dir, "keys.db") }),
        };
        all.push(opened);
        return opened;
      },
      async release() {
        for (const { store, keys } of all) await Promise.all([store.close(), keys.close()]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  () => {
    const schema = `erasure_${++schemas}`;
    const all: Opened[] = [];
    return {
      name: "PostgreSQL",
      async open() {
        if (!cluster) throw new Error("no PostgreSQL cluster");
        const { connectionString } = cluster;
        const store = createPostgresStore({ connectionString, schema, maxConnections: 4 });
        await store.migrate();
        const opened = { store, keys: createPostgresKeyStore({ connectionString, schema }) };
        all.push(opened);
        return opened;
      },
      async release() {
        for (const { store, keys } of all) await Promise.all([store.close(), keys.close()]);
      },
    };
  },
];

if (typeof found === "string") console.warn(`PostgreSQL erasure specs skipped: ${found}`);
const run = kinds.filter((kind) => kind().name !== "PostgreSQL" || typeof found !== "string");

beforeAll(async () => {
  if (typeof found !== "string") cluster = await startPgCluster(found);
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

const start = (opened: Opened | undefined, clock = manualClock(DAY_START)) => ({
  clock,
  ops: createServiceOps({
    site: { id: DAY_SITE },
    clock,
    ...(opened ? { store: opened.store, personalData: { keys: opened.keys } } : {}),
  }),
});

/** Every shipped projection's view and the day's stream states, as plain data. */
async function everything(ops: ServiceOps) {
  const views: Record<string, unknown> = {};
  for (const projection of projections) views[projection.name] = await ops.read(projection);
  return plain({
    views,
    visit: (await ops.state(visitAggregate, DAY_STREAMS.visit)).state,
    incident: (await ops.state(incidentAggregate, DAY_STREAMS.incident)).state,
    loan: (await ops.state(depositLoanAggregate, DAY_STREAMS.loan)).state,
    account: (await ops.state(agreementAccountAggregate, DAY_STREAMS.account)).state,
  });
}

async function storedText(store: EventStore): Promise<string> {
  return JSON.stringify((await store.readAll({ limit: 10_000 })).events);
}

describe.each(run.map((make) => ({ name: make().name, make })))(
  "personal data on $name",
  ({ make }) => {
    it("stores no marked field in clear, and reads every view and state as without the option", async () => {
      const kind = make();
      try {
        const opened = await kind.open();
        const withKeys = start(opened);
        await playPersonalDataDay(withKeys.ops, withKeys.clock);
        const without = start(undefined);
        await playPersonalDataDay(without.ops, without.clock);

        const stored = await storedText(opened.store);
        for (const text of [...LI_NA.texts, ...OTHERS.texts]) expect(stored).not.toContain(text);
        expect(stored).toContain('"$pd":1');
        // Ids stay in clear: they are how a subject's data is found and erased.
        expect(stored).toContain('"memberCard":"M-1"');

        expect(await everything(withKeys.ops)).toEqual(await everything(without.ops));
        // Another instance on the same store and keys replays the same.
        expect(await everything(start(await kind.open()).ops)).toEqual(
          await everything(without.ops),
        );
      } finally {
        await kind.release();
      }
    });

    it("V6 D7 after erasure, replays, projections and states show the subject's fields as erased, and nothing else changes", async () => {
      const kind = make();
      try {
        const opened = await kind.open();
        const { ops, clock } = start(opened);
        await playPersonalDataDay(ops, clock);
        const before = await everything(ops);
        const day = "2026-11-23";
        const reconciliation = reconcileKeyTags(await ops.read(keyTagMovements), day);

        for (const subject of LI_NA.subjects)
          expect(await ops.erasePersonalData(subject)).toBe(true);
        expect(await ops.erasePersonalData("member:M-1")).toBe(false);

        const after = await everything(ops);
        expect(after).toEqual(withLiNaErased(before));
        expect(after).not.toEqual(before);
        const text = JSON.stringify(after);
        for (const secret of LI_NA.texts) expect(text).not.toContain(secret);
        for (const other of OTHERS.texts) expect(text).toContain(other);
        expect(text).toContain("[erased]");

        // A replay by another instance reads the same.
        expect(await everything(start(await kind.open()).ops)).toEqual(after);

        // V6: the day's tags still reconcile as before. D7: every closed loan still balances.
        expect(reconcileKeyTags(await ops.read(keyTagMovements), day)).toEqual(reconciliation);
        const ledger = await ops.read(depositLedger);
        expect(ledger.length).toBeGreaterThan(0);
        for (const row of ledger) {
          expect(row.deposit + row.collected).toBe(row.fees + row.refunded);
        }
      } finally {
        await kind.release();
      }
    });

    it("after erasure the member is served again: a new visit gets a new key and reads plain", async () => {
      const kind = make();
      try {
        const opened = await kind.open();
        const { ops, clock } = start(opened);
        await playPersonalDataDay(ops, clock);
        for (const subject of LI_NA.subjects) await ops.erasePersonalData(subject);
        clock.advance(60_000);
        await ops.execute(
          svcops.ReportIncident({
            incidentId: "inc-2",
            member: { cardNumber: "M-1", name: "Li Na", gender: "female", age: 62 },
            whatHappened: "pulled a calf muscle on the treadmill",
            place: "gym floor",
            severity: "minor",
            notified: [
              { staffId: "cs-1", role: "csManager" },
              { staffId: "coach-1", role: "coach" },
            ],
          }),
          { actor: { id: "desk-1", role: "frontDesk", sites: [DAY_SITE] } },
        );
        const fresh = await ops.state(incidentAggregate, `${DAY_SITE}/incident/inc-2`);
        expect(fresh.state).toMatchObject({ member: { name: "Li Na", age: 62 } });
        const old = await ops.state(incidentAggregate, DAY_STREAMS.incident);
        expect(old.state).toMatchObject({ member: { name: "[erased]", age: 0 } });
      } finally {
        await kind.release();
      }
    });
  },
);

describe("personal data under concurrent desks", () => {
  it("commits decided together keep their order on one stream, each sealed, all read back plain", async () => {
    const keys = createMemoryKeyStore();
    const store = createMemoryStore();
    const clock = manualClock(DAY_START);
    const ops = createServiceOps({ site: { id: DAY_SITE }, store, clock, personalData: { keys } });
    const desk = { id: "desk-1", role: "frontDesk" as const, sites: [DAY_SITE] };
    // Twenty visitors on the day's one reception stream, and their loans, all at once.
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const phone = `1390000${String(i).padStart(4, "0")}`;
        await ops.execute(
          svcops.RegisterVisitor({
            visitorId: `vis-${i}`,
            name: `Visitor ${i}`,
            phone,
            gender: "female",
            firstVisit: true,
          }),
          { actor: desk },
        );
        await ops.execute(
          svcops.LendUmbrella({
            loanId: `u-${i}`,
            customer: { name: `Visitor ${i}`, phone },
            umbrellaNumber: `U-${i}`,
            paymentMethod: "cash",
          }),
          { actor: desk },
        );
      }),
    );
    expect(await storedText(store)).not.toMatch(/Visitor \d/);
    const loans = await ops.read(svcops.openLoans);
    expect([...loans.values()].map((loan) => loan.customer.name).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `Visitor ${i}`).sort(),
    );
  });
});

describe("personal data and command ids", () => {
  it("a command sent again with its id answers with its events as decided, decrypted", async () => {
    const ops = createServiceOps({
      site: { id: DAY_SITE },
      clock: manualClock(DAY_START),
      personalData: { keys: createMemoryKeyStore() },
    });
    const lend = svcops.LendUmbrella({
      loanId: "u-9",
      customer: { name: "Li Na", phone: "13800000000" },
      umbrellaNumber: "U-09",
      paymentMethod: "cash",
    });
    const options = { actor: { id: "desk-1", role: "frontDesk" as const, sites: [DAY_SITE] } };
    const first = await ops.execute(lend, { ...options, commandId: "kiosk-9" });
    const again = await ops.execute(lend, { ...options, commandId: "kiosk-9" });
    expect(again.duplicate).toBe(true);
    expect(again.events.map((e) => e.data)).toEqual(first.events.map((e) => e.data));
    expect(first.events[0]?.data).toMatchObject({ customer: { name: "Li Na" } });
  });
});

describe("erasePersonalData", () => {
  it("is refused without the personalData option, and with a subject id of no kind", async () => {
    const plainOps = createServiceOps({ site: { id: DAY_SITE } });
    await expect(plainOps.erasePersonalData("member:M-1")).rejects.toThrow(ValidationError);
    const ops = createServiceOps({
      site: { id: DAY_SITE },
      personalData: { keys: createMemoryKeyStore() },
    });
    await expect(ops.erasePersonalData("M-1")).rejects.toThrow(/<kind>:<id>/);
  });
});
