/**
 * Group commit under load: two app instances share one store (memory, then one SQLite file on
 * two connections), six desks each check members in and out on a small pool of key tags at the
 * same time. Each instance queues its commits behind one batch in flight and decides them on
 * the states its unwritten commits leave, while the other instance moves the same pool stream
 * on. Whatever the interleaving, V2 (a tag is out on one visit at a time) and V3 (only the tag
 * that is out comes back) must hold in the stored events, every acknowledged event must be
 * stored once and nothing else, and every instance's cached state must equal a replay.
 *
 * The desks' choices come from a seeded PRNG (SVCOPS_STRESS_SEED overrides the seed).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Actor,
  CheckInMember,
  CheckOutMember,
  type Commit,
  createMemoryStore,
  createServiceOps,
  type EventEnvelope,
  type EventStore,
  type KeyTagPoolEvent,
  type KeyTagPoolState,
  keyTagPoolAggregate,
  keyTagPoolDecider,
  keyTagPoolStream,
  type ManualClock,
  manualClock,
  RegisterKeyTags,
  RuleViolation,
  type ServiceOps,
  type ShippedCommand,
  START,
  VersionConflict,
  type VisitEvent,
  type VisitState,
  visitAggregate,
  visitDecider,
  visitStream,
} from "svcops";
import { openSqliteStore } from "svcops/sqlite";
import { readAllFrom } from "svcops/testing";
import { afterAll, describe, expect, it } from "vitest";
import { lead, NOW, SITE } from "./fixtures.js";

const SEED = Number(process.env.SVCOPS_STRESS_SEED ?? 20261122);
const TAGS = Array.from({ length: 12 }, (_, i) => `t${i + 1}`);
const INSTANCES = 2;
const DESKS = 6;
const ROUNDS = 40;
/** A VersionConflict that surfaces this often for one command means a desk is starved. */
const MAX_RESENDS = 50;
const POOL = keyTagPoolStream(SITE);

/** mulberry32: a tiny seeded PRNG, so that a failing run can be replayed by its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the batches an instance sent to its store held. */
interface BatchCounts {
  calls: number;
  /** Calls with more than one commit. */
  grouped: number;
  largest: number;
  /** Commits of a batch the store refused with a VersionConflict. */
  conflicts: number;
  /** … of them refused by `afterEventId` (the version matched, the last event did not). */
  afterEventConflicts: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The store as one app instance sees it: every call answers after 0–2 turns of the event loop
 * on each side (as over a network), so that the other instance's reads and writes land while a
 * batch is in flight; `appendBatch` calls are counted.
 */
function laggingStore(store: EventStore, counts: BatchCounts, random: () => number): EventStore {
  const appendBatch = store.appendBatch?.bind(store);
  if (!appendBatch) throw new Error("the store has no appendBatch");
  const lag = async () => {
    for (let turns = Math.floor(random() * 3); turns > 0; turns--) await nextTurn();
  };
  const lagged =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await lag();
      const result = await call(...args);
      await lag();
      return result;
    };
  return {
    append: lagged((request, command) => store.append(request, command)),
    appendMany: lagged((requests, command) => store.appendMany(requests, command)),
    appendBatch: lagged(async (commits: readonly Commit[]) => {
      counts.calls += 1;
      if (commits.length > 1) counts.grouped += 1;
      counts.largest = Math.max(counts.largest, commits.length);
      const outcomes = await appendBatch(commits);
      for (const outcome of outcomes) {
        if (outcome.ok || !(outcome.error instanceof VersionConflict)) continue;
        counts.conflicts += 1;
        if (outcome.error.afterEventId !== undefined) counts.afterEventConflicts += 1;
      }
      return outcomes;
    }),
    readStream: lagged((streamId, options) => store.readStream(streamId, options)),
    readAll: (options) => store.readAll(options),
    findCommand: lagged((command) => store.findCommand(command)),
    close: () => store.close(),
    ...(store.snapshots ? { snapshots: store.snapshots } : {}),
  };
}

interface Tally {
  checkIns: number;
  checkOuts: number;
  /** Check-ins refused with V2 because the tag was out. */
  tagOut: number;
  /** VersionConflicts that surfaced after the handler's own retries (the desk sent again). */
  resent: number;
  /** Results answered from a command id already stored: a send that failed had been written. */
  duplicates: number;
  /** Every event id a command result acknowledged. */
  readonly acknowledged: Set<string>;
  /** (tag, visit) named by V2 refusals as holding the tag. */
  readonly holders: [string, string][];
}

interface OpenVisit {
  readonly visitId: string;
  readonly keyTag: string;
  /** The instance that checked it in. */
  readonly instance: number;
}

/**
 * Sends a command as a desk would: a VersionConflict that got through the handler's retries is
 * sent again (same command id: nothing of it was written); a rule refusal is returned; anything
 * else fails the run.
 */
async function send(
  ops: ServiceOps,
  command: ShippedCommand,
  actor: Actor,
  commandId: string,
  tally: Tally,
): Promise<RuleViolation | undefined> {
  for (let resend = 0; ; resend++) {
    try {
      const result = await ops.execute(command, { actor, commandId });
      if (result.duplicate) tally.duplicates += 1;
      for (const event of result.events) tally.acknowledged.add(event.eventId);
      return undefined;
    } catch (error) {
      if (error instanceof VersionConflict && resend < MAX_RESENDS) {
        tally.resent += 1;
        continue;
      }
      if (error instanceof RuleViolation) return error;
      throw error;
    }
  }
}

async function checkOut(ops: ServiceOps, actor: Actor, visit: OpenVisit, tally: Tally) {
  const refused = await send(
    ops,
    CheckOutMember({ visitId: visit.visitId, keyTag: visit.keyTag }),
    actor,
    `${visit.visitId}:out`,
    tally,
  );
  if (refused) {
    throw new Error(
      `check-out of ${visit.visitId} (tag ${visit.keyTag}) refused: ${refused.message}`,
    );
  }
  tally.checkOuts += 1;
}

/** One desk: ROUNDS check-ins on random tags; some visits leave at once, some later. */
async function deskLoop(
  instances: readonly ServiceOps[],
  instance: number,
  desk: number,
  clock: ManualClock,
  open: OpenVisit[],
  tally: Tally,
): Promise<void> {
  const ops = instances[instance] as ServiceOps;
  const random = mulberry32(SEED + 1000 * instance + desk);
  const actor: Actor = { id: `desk-${instance}-${desk}`, role: "frontDesk", sites: [SITE] };
  for (let round = 0; round < ROUNDS; round++) {
    // Someone inside (checked in at any desk of either instance) leaves here.
    if (open.length > 0 && random() < 0.35) {
      const [visit] = open.splice(Math.floor(random() * open.length), 1);
      if (visit) await checkOut(ops, actor, visit, tally);
    }
    const keyTag = TAGS[Math.floor(random() * TAGS.length)] as string;
    const visitId = `v-${instance}-${desk}-${round}`;
    const refused = await send(
      ops,
      CheckInMember({
        visitId,
        memberCard: `M-${instance}-${desk}-${round}`,
        keyTag,
        gender: random() < 0.5 ? "female" : "male",
      }),
      actor,
      `${visitId}:in`,
      tally,
    );
    if (refused) {
      const holder = /^V2: key tag (\S+) is already out on visit (\S+);/.exec(refused.message);
      if (refused.rule !== "V2" || !holder || holder[1] !== keyTag) {
        throw new Error(`check-in of ${visitId} with tag ${keyTag} refused: ${refused.message}`);
      }
      tally.tagOut += 1;
      tally.holders.push([keyTag, holder[2] as string]);
    } else {
      tally.checkIns += 1;
      const visit = { visitId, keyTag, instance };
      if (random() < 0.4) await checkOut(ops, actor, visit, tally);
      else open.push(visit);
    }
    if (random() < 0.2) clock.advance(1000);
    if (random() < 0.5) await nextTurn();
  }
}

/** The pool as plain sorted data, for readable diffs. */
function plainPool({ version, state }: { version: number; state: KeyTagPoolState }) {
  return {
    version,
    registered: [...state.registered].sort(),
    out: [...state.out].sort(([a], [b]) => a.localeCompare(b)),
    retired: [...state.retired].sort(),
  };
}

async function replayPool(store: EventStore) {
  const events = await store.readStream(POOL);
  let state = keyTagPoolDecider.initialState;
  for (const event of events) {
    state = keyTagPoolDecider.evolve(state, event as unknown as KeyTagPoolEvent);
  }
  return plainPool({ version: events.length, state });
}

async function replayVisit(store: EventStore, streamId: string) {
  const events = await store.readStream(streamId);
  let state: VisitState = visitDecider.initialState;
  for (const event of events) state = visitDecider.evolve(state, event as unknown as VisitEvent);
  return { version: events.length, state };
}

/** (a) Every instance's pool and visit states (cached, plus the store's tail) equal a replay. */
async function expectStatesEqualReplay(
  store: EventStore,
  instances: readonly ServiceOps[],
  visitIds: readonly string[],
): Promise<void> {
  const pool = await replayPool(store);
  for (const ops of instances) {
    expect(plainPool(await ops.state(keyTagPoolAggregate, POOL))).toEqual(pool);
  }
  for (const visitId of visitIds) {
    const streamId = visitStream(SITE, visitId);
    const replayed = await replayVisit(store, streamId);
    for (const ops of instances) {
      expect(await ops.state(visitAggregate, streamId)).toEqual(replayed);
    }
  }
}

/**
 * (b) Walks the pool stream: a tag is issued only when registered and not out (V2), returned
 * only by the visit it is out on (V3); it matches each visit's own stream.
 */
function expectPoolInvariants(
  poolEvents: readonly EventEnvelope[],
  visits: ReadonlyMap<string, readonly EventEnvelope[]>,
): { issued: number; returned: number } {
  const registered = new Set<string>();
  const out = new Map<string, string>();
  let issued = 0;
  let returned = 0;
  for (const event of poolEvents) {
    const data = event.data as { tags?: string[]; tag?: string; visitId?: string };
    const at = `pool event ${event.streamVersion} (${event.type} ${JSON.stringify(data)})`;
    switch (event.type) {
      case "KeyTagsRegistered":
        for (const tag of data.tags ?? []) registered.add(tag);
        break;
      case "KeyTagIssued": {
        const tag = data.tag as string;
        expect(registered.has(tag), `${at}: tag not registered`).toBe(true);
        expect(out.get(tag), `${at}: tag already out`).toBeUndefined();
        out.set(tag, data.visitId as string);
        const checkIn = visits.get(data.visitId as string)?.[0];
        expect(checkIn?.type, `${at}: the visit has no check-in`).toBe("MemberCheckedIn");
        expect(
          (checkIn?.data as { keyTag?: string } | undefined)?.keyTag,
          `${at}: another tag`,
        ).toBe(tag);
        issued += 1;
        break;
      }
      case "KeyTagReturned": {
        const tag = data.tag as string;
        expect(out.get(tag), `${at}: tag not out on this visit`).toBe(data.visitId);
        out.delete(tag);
        returned += 1;
        break;
      }
      default:
        throw new Error(`${at}: unexpected in this run`);
    }
  }
  return { issued, returned };
}

/**
 * (d) Reads the global log in small pages: every event once, acknowledged events only, global
 * positions increasing, each stream at versions 1..n and equal to its own read.
 */
async function expectGlobalLog(
  store: EventStore,
  acknowledged: ReadonlySet<string>,
): Promise<Map<string, EventEnvelope[]>> {
  const { events } = await readAllFrom(store, START, 37);
  const ids = events.map((event) => event.eventId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(ids)).toEqual(acknowledged);
  const streams = new Map<string, EventEnvelope[]>();
  let position = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    expect(event.globalPosition).toBeGreaterThan(position);
    position = event.globalPosition;
    const stream = streams.get(event.streamId) ?? [];
    stream.push(event);
    streams.set(event.streamId, stream);
  }
  for (const [streamId, stream] of streams) {
    expect(
      stream.map((event) => event.streamVersion),
      streamId,
    ).toEqual(Array.from({ length: stream.length }, (_, i) => i + 1));
    const own = await store.readStream(streamId);
    expect(
      own.map((event) => event.eventId),
      streamId,
    ).toEqual(stream.map((event) => event.eventId));
  }
  return streams;
}

/**
 * The whole run on one shared store: `connect` gives each app instance (and, at the end, a
 * brand-new one) its own connection to it.
 */
async function stress(connect: () => Promise<EventStore>): Promise<void> {
  const clock = manualClock(NOW);
  const counts: BatchCounts[] = [];
  const connections: EventStore[] = [];
  try {
    const instances: ServiceOps[] = [];
    for (let i = 0; i < INSTANCES; i++) {
      const store = await connect();
      connections.push(store);
      const instanceCounts: BatchCounts = {
        calls: 0,
        grouped: 0,
        largest: 0,
        conflicts: 0,
        afterEventConflicts: 0,
      };
      counts.push(instanceCounts);
      instances.push(
        createServiceOps({
          site: { id: SITE },
          store: laggingStore(store, instanceCounts, mulberry32(SEED - 1 - i)),
          clock,
        }),
      );
    }
    const [first] = instances as [ServiceOps];
    const store = connections[0] as EventStore;
    const tally: Tally = {
      checkIns: 0,
      checkOuts: 0,
      tagOut: 0,
      resent: 0,
      duplicates: 0,
      acknowledged: new Set(),
      holders: [],
    };
    const registered = await first.execute(RegisterKeyTags({ tags: TAGS }), { actor: lead });
    for (const event of registered.events) tally.acknowledged.add(event.eventId);

    const open: OpenVisit[] = [];
    await Promise.all(
      instances.flatMap((_, instance) =>
        Array.from({ length: DESKS }, (_, desk) =>
          deskLoop(instances, instance, desk, clock, open, tally),
        ),
      ),
    );
    const visitIds = (await readAllFrom(store)).events
      .filter((event) => event.type === "MemberCheckedIn")
      .map((event) => (event.data as { visitId: string }).visitId);

    // Mid-day, with members still inside: the caches agree with the store.
    await expectStatesEqualReplay(store, instances, visitIds);
    const inside = await replayPool(store);
    expect(inside.out).toEqual(
      open
        .map((visit): [string, string] => [visit.keyTag, visit.visitId])
        .sort(([a], [b]) => a.localeCompare(b)),
    );

    // Closing time: everyone still inside leaves, at the other instance's desks, all at once.
    await Promise.all(
      open.splice(0).map((visit, i) => {
        const instance = (visit.instance + 1) % INSTANCES;
        const actor: Actor = {
          id: `desk-${instance}-${i % DESKS}`,
          role: "frontDesk",
          sites: [SITE],
        };
        return checkOut(instances[instance] as ServiceOps, actor, visit, tally);
      }),
    );

    // (d) the global log, and the streams it holds.
    const streams = await expectGlobalLog(store, tally.acknowledged);
    const visits = new Map<string, EventEnvelope[]>();
    for (const [streamId, events] of streams) {
      if (streamId === POOL) continue;
      expect(streamId.startsWith(`${SITE}/visit/`), streamId).toBe(true);
      visits.set(
        (events[0]?.data as { visitId?: string } | undefined)?.visitId ?? streamId,
        events,
      );
    }

    // (b) V2 and V3 at the event level.
    const poolEvents = streams.get(POOL) ?? [];
    const { issued, returned } = expectPoolInvariants(poolEvents, visits);

    // (c) every successful check-in issued one tag and opened one visit; all came back.
    const checkedIn = [...visits.values()].filter((events) =>
      events.some((event) => event.type === "MemberCheckedIn"),
    );
    expect(tally.checkIns).toBeGreaterThan(0);
    expect(tally.tagOut).toBeGreaterThan(0);
    expect(issued).toBe(tally.checkIns);
    expect(checkedIn.length).toBe(tally.checkIns);
    expect(visits.size).toBe(tally.checkIns);
    expect(returned).toBe(tally.checkOuts);
    expect(tally.checkOuts).toBe(tally.checkIns);
    expect(tally.duplicates).toBe(0);
    for (const events of visits.values()) {
      expect(events.map((event) => event.type)).toEqual(["MemberCheckedIn", "MemberCheckedOut"]);
    }
    // A V2 refusal named a visit that did hold that tag.
    for (const [tag, visitId] of tally.holders) {
      expect((visits.get(visitId)?.[0]?.data as { keyTag?: string })?.keyTag).toBe(tag);
    }

    // (a) at the end of the day: both instances and a brand-new one (own connection) agree
    // with a replay of the stored events, and every tag is back in the drawer.
    const fresh = await connect();
    connections.push(fresh);
    const newcomer = createServiceOps({ site: { id: SITE }, store: fresh, clock });
    await expectStatesEqualReplay(store, [...instances, newcomer], [...visits.keys()]);
    const pool = await replayPool(fresh);
    expect(pool).toEqual({
      version: poolEvents.length,
      registered: [...TAGS].sort(),
      out: [],
      retired: [],
    });

    // Group commit did group: some batch held more than one commit.
    expect(counts.reduce((sum, c) => sum + c.grouped, 0)).toBeGreaterThan(0);
    if (process.env.SVCOPS_STRESS_VERBOSE) {
      const { acknowledged: _, holders: __, ...summary } = tally;
      console.info(JSON.stringify({ seed: SEED, ...summary, batches: counts }));
    }
  } finally {
    for (const connection of connections) await connection.close();
  }
}

describe("group commit under concurrent desks on two app instances", () => {
  it(`V2 V3 two app instances with 6 desks each on one memory store: no tag out twice, every instance's pool state equals a replay (seed ${SEED})`, async () => {
    const shared = createMemoryStore();
    await stress(async () => shared);
  }, 60_000);

  const dir = mkdtempSync(join(tmpdir(), "svcops-group-commit-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`V2 V3 two app instances with 6 desks each on one SQLite file (two connections): no tag out twice, every instance's pool state equals a replay (seed ${SEED})`, async () => {
    const path = join(dir, "front-desk.db");
    await stress(() => openSqliteStore({ path }));
  }, 60_000);
});
