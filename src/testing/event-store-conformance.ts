import { deepStrictEqual, equal, ok, rejects } from "node:assert/strict";
import type { EventEnvelope, NewEvent } from "../kernel/envelope.js";
import { DuplicateCommand, ValidationError, VersionConflict } from "../kernel/errors.js";
import {
  type Checkpoint,
  type CommandKey,
  type CommandStamp,
  type CommitOutcome,
  type EventStore,
  START,
} from "../kernel/event-store.js";

/** The test functions of your runner (vitest, jest, node:test, mocha all fit). */
export interface SuiteFunctions {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void> | void, timeout?: number): void;
}

/** Options of the conformance suite. */
export interface ConformanceOptions extends SuiteFunctions {
  /** Name of the store in the suite's title. */
  readonly name?: string;
  /** Runs after each test with the store it made (close it, drop it). */
  readonly release?: (store: EventStore) => Promise<void> | void;
  /** Rounds of the concurrent-creation race (default 20). */
  readonly rounds?: number;
  /** Writer counts of the live-reader test (default 8, 32 and 64). */
  readonly writers?: readonly number[];
  /** Runs of the live-reader test per writer count (default 20). */
  readonly loadRuns?: number;
}

/** The site of the suite's commands (command ids are unique per site). */
const SITE = "conformance";

/** A command stamp of the suite's site (or another). */
function stamp(id: string, fingerprint: string, siteId = SITE): CommandStamp {
  return { siteId, id, fingerprint };
}

/** A command key of the suite's site (or another). */
function key(id: string, siteId = SITE): CommandKey {
  return { siteId, id };
}

let unique = 0;
function prefix(): string {
  unique += 1;
  return `conf${Date.now().toString(36)}${process.pid.toString(36)}${unique}`;
}

/**
 * Builds a NewEvent for conformance tests.
 *
 * @example
 * ```ts
 * await store.append({ streamId: "s", expectedVersion: "no-stream", events: [newEvent("Happened", { n: 1 })] });
 * ```
 */
export function newEvent(type: string, data: unknown, commandId = "cmd"): NewEvent {
  unique += 1;
  return {
    eventId: `${prefix()}-${unique}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: "conformance", role: "system" },
      siteId: "conformance",
      occurredAt: "2026-11-22T02:00:00.000Z",
      recordedAt: "2026-11-22T02:00:00.000Z",
    },
  };
}

/**
 * Reads the whole global log in batches of `limit`, from `after`.
 *
 * @example
 * ```ts
 * const { events, checkpoint } = await readAllFrom(store, START, 100);
 * ```
 */
export async function readAllFrom(
  store: EventStore,
  after: Checkpoint = START,
  limit = 500,
): Promise<{ events: EventEnvelope[]; checkpoint: Checkpoint }> {
  const events: EventEnvelope[] = [];
  let checkpoint = after;
  for (;;) {
    const batch = await store.readAll({ after: checkpoint, limit });
    if (batch.events.length === 0) return { events, checkpoint };
    events.push(...batch.events);
    checkpoint = batch.checkpoint;
  }
}

/**
 * The behaviour every EventStore must show, as one suite. Run it against your adapter with
 * your test runner's `describe` and `it`; svcops runs it against memory, SQLite and PostgreSQL.
 * Each test uses its own stream ids, so `makeStore` may return one shared store.
 *
 * @example
 * ```ts
 * import { describe, it } from "vitest";
 * import { eventStoreConformance } from "svcops/testing";
 * import { createMemoryStore } from "svcops";
 *
 * eventStoreConformance(() => createMemoryStore(), { describe, it, name: "memory" });
 * ```
 */
export function eventStoreConformance(
  makeStore: () => EventStore | Promise<EventStore>,
  options: ConformanceOptions,
): void {
  const { describe, it } = options;
  const rounds = options.rounds ?? 20;
  const loadRuns = options.loadRuns ?? 20;
  const withStore = (body: (store: EventStore, p: string) => Promise<void>) => async () => {
    const store = await makeStore();
    try {
      await body(store, prefix());
    } finally {
      await options.release?.(store);
    }
  };

  describe(`EventStore conformance${options.name ? `: ${options.name}` : ""}`, () => {
    it(
      "appends to a new stream and reads it back in version order",
      withStore(async (store, p) => {
        const s = `${p}/a`;
        const written = await store.append({
          streamId: s,
          expectedVersion: "no-stream",
          events: [newEvent("One", { n: 1 }), newEvent("Two", { n: 2 })],
        });
        deepStrictEqual(
          written.map((e) => e.streamVersion),
          [1, 2],
        );
        const read = await store.readStream(s);
        deepStrictEqual(
          read.map((e) => [e.type, e.data, e.streamVersion, e.streamId]),
          [
            ["One", { n: 1 }, 1, s],
            ["Two", { n: 2 }, 2, s],
          ],
        );
        equal(read[0]?.metadata.commandId, "cmd");
        equal(read[0]?.eventId, written[0]?.eventId);
        ok((read[1]?.globalPosition ?? 0) !== (read[0]?.globalPosition ?? 0));
      }),
    );

    it(
      "reads a stream after a version, and an unknown stream as empty",
      withStore(async (store, p) => {
        const s = `${p}/a`;
        await store.append({
          streamId: s,
          expectedVersion: "no-stream",
          events: [1, 2, 3].map((n) => newEvent("N", { n })),
        });
        deepStrictEqual(
          (await store.readStream(s, { afterVersion: 1 })).map((e) => e.data),
          [{ n: 2 }, { n: 3 }],
        );
        deepStrictEqual(await store.readStream(s, { afterVersion: 3 }), []);
        deepStrictEqual(await store.readStream(`${p}/none`), []);
      }),
    );

    it(
      "rejects a wrong expected version with VersionConflict and appends nothing",
      withStore(async (store, p) => {
        const s = `${p}/a`;
        await store.append({
          streamId: s,
          expectedVersion: "no-stream",
          events: [newEvent("One", {})],
        });
        await rejects(
          store.append({ streamId: s, expectedVersion: 5, events: [newEvent("Bad", {})] }),
          (error: unknown) =>
            error instanceof VersionConflict && error.expected === 5 && error.actual === 1,
        );
        await rejects(
          store.append({
            streamId: s,
            expectedVersion: "no-stream",
            events: [newEvent("Bad", {})],
          }),
          (error: unknown) => error instanceof VersionConflict && error.actual === 1,
        );
        await rejects(
          store.append({ streamId: `${p}/b`, expectedVersion: 1, events: [newEvent("Bad", {})] }),
          (error: unknown) => error instanceof VersionConflict && error.actual === 0,
        );
        equal((await store.readStream(s)).length, 1);
        equal((await store.readStream(`${p}/b`)).length, 0);
        await store.append({ streamId: s, expectedVersion: 1, events: [newEvent("Two", {})] });
        await store.append({
          streamId: s,
          expectedVersion: "any",
          events: [newEvent("Three", {})],
        });
        deepStrictEqual(
          (await store.readStream(s)).map((e) => e.streamVersion),
          [1, 2, 3],
        );
      }),
    );

    it(
      `lets exactly one of 16 concurrent "no-stream" creations win, ${rounds} rounds`,
      withStore(async (store, p) => {
        for (let round = 0; round < rounds; round++) {
          const s = `${p}/race-${round}`;
          const outcomes = await Promise.allSettled(
            Array.from({ length: 16 }, (_, i) =>
              store.append({
                streamId: s,
                expectedVersion: "no-stream",
                events: [newEvent("Created", { by: i })],
              }),
            ),
          );
          const won = outcomes.filter((o) => o.status === "fulfilled").length;
          const conflicts = outcomes.filter(
            (o) => o.status === "rejected" && o.reason instanceof VersionConflict,
          ).length;
          deepStrictEqual([won, conflicts], [1, 15], `round ${round}`);
          equal((await store.readStream(s)).length, 1);
        }
      }),
      120_000,
    );

    it(
      "appends to several streams atomically: one stale version appends nothing anywhere",
      withStore(async (store, p) => {
        const [a, b, c] = [`${p}/a`, `${p}/b`, `${p}/c`];
        await store.append({
          streamId: b,
          expectedVersion: "no-stream",
          events: [newEvent("B1", {})],
        });
        await rejects(
          store.appendMany([
            { streamId: a, expectedVersion: "no-stream", events: [newEvent("A1", {})] },
            { streamId: b, expectedVersion: "no-stream", events: [newEvent("B2", {})] },
          ]),
          VersionConflict,
        );
        deepStrictEqual(await store.readStream(a), []);
        equal((await store.readStream(b)).length, 1);
        const written = await store.appendMany([
          { streamId: a, expectedVersion: "no-stream", events: [newEvent("A1", {})] },
          { streamId: b, expectedVersion: 1, events: [newEvent("B2", {})] },
          { streamId: c, expectedVersion: "any", events: [newEvent("C1", {}), newEvent("C2", {})] },
        ]);
        deepStrictEqual(
          written.map((e) => [e.streamId, e.streamVersion]),
          [
            [a, 1],
            [b, 2],
            [c, 1],
            [c, 2],
          ],
        );
      }),
    );

    it(
      "refuses an append that names one stream twice, and writes nothing",
      withStore(async (store, p) => {
        await rejects(
          store.appendMany([
            { streamId: `${p}/a`, expectedVersion: "no-stream", events: [newEvent("A1", {})] },
            { streamId: `${p}/a`, expectedVersion: 1, events: [newEvent("A2", {})] },
          ]),
          ValidationError,
        );
        deepStrictEqual(await store.readStream(`${p}/a`), []);
      }),
    );

    it(
      "keeps two concurrent multi-stream appends on a shared stream from both winning",
      withStore(async (store, p) => {
        const pool = `${p}/pool`;
        await store.append({
          streamId: pool,
          expectedVersion: "no-stream",
          events: [newEvent("Registered", {})],
        });
        const outcomes = await Promise.allSettled(
          [1, 2].map((i) =>
            store.appendMany([
              {
                streamId: `${p}/visit-${i}`,
                expectedVersion: "no-stream",
                events: [newEvent("CheckedIn", { i })],
              },
              { streamId: pool, expectedVersion: 1, events: [newEvent("Issued", { i })] },
            ]),
          ),
        );
        equal(outcomes.filter((o) => o.status === "fulfilled").length, 1);
        const loser = outcomes.findIndex((o) => o.status === "rejected") + 1;
        deepStrictEqual(await store.readStream(`${p}/visit-${loser}`), []);
        equal((await store.readStream(pool)).length, 2);
      }),
    );

    it(
      "reads the global log in commit order, in batches, each event exactly once",
      withStore(async (store, p) => {
        const { checkpoint: before } = await readAllFrom(store);
        const streams = [`${p}/x`, `${p}/y`, `${p}/z`];
        for (let i = 0; i < 30; i++) {
          const s = streams[i % 3] as string;
          await store.append({
            streamId: s,
            expectedVersion: "any",
            events: [newEvent("E", { i })],
          });
        }
        const { events, checkpoint } = await readAllFrom(store, before, 7);
        const mine = events.filter((e) => e.streamId.startsWith(`${p}/`));
        deepStrictEqual(
          mine.map((e) => (e.data as { i: number }).i),
          Array.from({ length: 30 }, (_, i) => i),
        );
        equal(new Set(events.map((e) => e.eventId)).size, events.length);
        const again = await store.readAll({ after: checkpoint, limit: 10 });
        equal(again.events.filter((e) => e.streamId.startsWith(`${p}/`)).length, 0);
        equal(again.checkpoint, checkpoint);
      }),
    );

    it(
      "resumes the global log from a checkpoint without gaps or repeats",
      withStore(async (store, p) => {
        const { checkpoint: start } = await readAllFrom(store);
        await store.append({
          streamId: `${p}/a`,
          expectedVersion: "any",
          events: [newEvent("E", { i: 1 })],
        });
        const first = await readAllFrom(store, start);
        await store.append({
          streamId: `${p}/a`,
          expectedVersion: "any",
          events: [newEvent("E", { i: 2 }), newEvent("E", { i: 3 })],
        });
        const second = await readAllFrom(store, first.checkpoint);
        const mine = (list: EventEnvelope[]) =>
          list.filter((e) => e.streamId === `${p}/a`).map((e) => (e.data as { i: number }).i);
        deepStrictEqual(mine(first.events), [1]);
        deepStrictEqual(mine(second.events), [2, 3]);
      }),
    );

    it(
      "stores a command id once: a second append with it throws DuplicateCommand and appends nothing",
      withStore(async (store, p) => {
        const id = `${p}-cmd`;
        const written = await store.appendMany(
          [{ streamId: `${p}/a`, expectedVersion: "no-stream", events: [newEvent("A", {}, id)] }],
          stamp(id, "f1"),
        );
        await rejects(
          store.append(
            { streamId: `${p}/b`, expectedVersion: "any", events: [newEvent("B", {}, id)] },
            stamp(id, "f1"),
          ),
          DuplicateCommand,
        );
        deepStrictEqual(await store.readStream(`${p}/b`), []);
        const record = await store.findCommand(key(id));
        equal(record?.fingerprint, "f1");
        deepStrictEqual(
          record?.events.map((e) => e.eventId),
          written.map((e) => e.eventId),
        );
        equal(await store.findCommand(key(`${p}-unknown`)), undefined);
      }),
    );

    it(
      "keeps command ids per site: another site's same id is a new command, and its record is never shown",
      withStore(async (store, p) => {
        const id = `${p}-kiosk`;
        const first = await store.append(
          { streamId: `${p}/a`, expectedVersion: "no-stream", events: [newEvent("A", {}, id)] },
          stamp(id, "same", "club-1"),
        );
        // The same id and fingerprint at club-2: appended, not a duplicate of club-1's.
        const second = await store.append(
          { streamId: `${p}/b`, expectedVersion: "no-stream", events: [newEvent("B", {}, id)] },
          stamp(id, "same", "club-2"),
        );
        equal(second.length, 1);
        deepStrictEqual(
          (await store.findCommand(key(id, "club-1")))?.events.map((e) => e.eventId),
          first.map((e) => e.eventId),
        );
        const record = await store.findCommand(key(id, "club-2"));
        equal(record?.siteId, "club-2");
        deepStrictEqual(
          record?.events.map((e) => e.eventId),
          second.map((e) => e.eventId),
        );
        equal(await store.findCommand(key(id, "club-3")), undefined);
        // Within one site the id is still taken.
        await rejects(
          store.append(
            { streamId: `${p}/c`, expectedVersion: "no-stream", events: [newEvent("C", {}, id)] },
            stamp(id, "same", "club-2"),
          ),
          DuplicateCommand,
        );
        // And in a batch: the same id at two sites both land, twice at one site only once.
        const outcomes = await (store.appendBatch
          ? store.appendBatch([
              { requests: [], command: stamp(`${id}-b`, "f", "club-1") },
              { requests: [], command: stamp(`${id}-b`, "f", "club-2") },
              { requests: [], command: stamp(`${id}-b`, "f", "club-2") },
            ])
          : Promise.resolve(undefined));
        if (outcomes) {
          deepStrictEqual(
            outcomes.map((o) => o.ok || o.error instanceof DuplicateCommand),
            [true, true, true],
          );
          deepStrictEqual(
            outcomes.map((o) => o.ok),
            [true, true, false],
          );
        }
      }),
    );

    it(
      "records a command that appended no events, so a retry is still recognised",
      withStore(async (store, p) => {
        const id = `${p}-empty`;
        deepStrictEqual(await store.appendMany([], stamp(id, "f0")), []);
        deepStrictEqual((await store.findCommand(key(id)))?.events, []);
        await rejects(store.appendMany([], stamp(id, "f0")), DuplicateCommand);
      }),
    );

    it(
      "lets exactly one of 8 concurrent appends with the same command id through",
      withStore(async (store, p) => {
        const id = `${p}-dup`;
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            store.append(
              {
                streamId: `${p}/s-${i}`,
                expectedVersion: "no-stream",
                events: [newEvent("E", { i }, id)],
              },
              stamp(id, "f"),
            ),
          ),
        );
        equal(outcomes.filter((o) => o.status === "fulfilled").length, 1);
        ok(outcomes.every((o) => o.status === "fulfilled" || o.reason instanceof DuplicateCommand));
        equal((await store.findCommand(key(id)))?.events.length, 1);
      }),
    );

    it(
      "keeps the newest snapshot of a stream and aggregate, when the store keeps snapshots",
      withStore(async (store, p) => {
        const snapshots = store.snapshots;
        if (!snapshots) return;
        const streamId = `${p}/pool`;
        equal(await snapshots.load(streamId, "pool"), undefined);
        const state = { out: [["17", "v-1"]], registered: ["17", "18"] };
        await snapshots.save({
          streamId,
          aggregate: "pool",
          aggregateVersion: 1,
          streamVersion: 10,
          state,
        });
        await snapshots.save({
          streamId,
          aggregate: "pool",
          aggregateVersion: 1,
          streamVersion: 4,
          state: { stale: true },
        });
        deepStrictEqual(await snapshots.load(streamId, "pool"), {
          streamId,
          aggregate: "pool",
          aggregateVersion: 1,
          streamVersion: 10,
          state,
        });
        await snapshots.save({
          streamId,
          aggregate: "pool",
          aggregateVersion: 2,
          streamVersion: 12,
          state: { v: 2 },
        });
        equal((await snapshots.load(streamId, "pool"))?.aggregateVersion, 2);
        equal(await snapshots.load(streamId, "other"), undefined);
      }),
    );

    it(
      "refuses an append whose afterEventId is not the stream's last event, even at the expected version",
      withStore(async (store, p) => {
        const s = `${p}/a`;
        const [first] = await store.append({
          streamId: s,
          expectedVersion: "no-stream",
          events: [newEvent("One", {})],
        });
        const error = await store
          .append({
            streamId: s,
            expectedVersion: 1,
            afterEventId: "not-it",
            events: [newEvent("X", {})],
          })
          .catch((e: unknown) => e);
        ok(error instanceof VersionConflict, String(error));
        equal(error.afterEventId, "not-it");
        const [second] = await store.append({
          streamId: s,
          expectedVersion: 1,
          afterEventId: first?.eventId,
          events: [newEvent("Two", {})],
        });
        equal(second?.streamVersion, 2);
        deepStrictEqual(
          (await store.readStream(s)).map((e) => e.type),
          ["One", "Two"],
        );
      }),
    );

    it(
      "appendBatch: a commit chained on a refused one is refused, though another took its version",
      withStore(async (store, p) => {
        if (!store.appendBatch) return;
        const pool = `${p}/pool`;
        const [registered] = await store.append({
          streamId: pool,
          expectedVersion: "no-stream",
          events: [newEvent("R", {})],
        });
        // Another writer takes version 2 first.
        await store.append({
          streamId: pool,
          expectedVersion: 1,
          events: [newEvent("Theirs", {})],
        });
        const mine = newEvent("Mine", {});
        const outcomes = await store.appendBatch([
          {
            requests: [
              {
                streamId: pool,
                expectedVersion: 1,
                afterEventId: registered?.eventId,
                events: [mine],
              },
            ],
          },
          {
            requests: [
              {
                streamId: pool,
                expectedVersion: 2,
                afterEventId: mine.eventId,
                events: [newEvent("Chained", {})],
              },
            ],
          },
        ]);
        deepStrictEqual(
          outcomes.map((o) => (o.ok ? "ok" : o.error.constructor.name)),
          ["VersionConflict", "VersionConflict"],
        );
        deepStrictEqual(
          (await store.readStream(pool)).map((e) => e.type),
          ["R", "Theirs"],
        );
      }),
    );

    it(
      "appendBatch: checks each afterEventId against the commits before it in the batch",
      withStore(async (store, p) => {
        if (!store.appendBatch) return;
        const s = `${p}/chain`;
        const [first] = await store.append({
          streamId: s,
          expectedVersion: "no-stream",
          events: [newEvent("E1", {})],
        });
        const [e2, e3, e4, e5] = ["E2", "E3", "E4", "E5"].map((t) => newEvent(t, {}));
        const chain = (version: number, after: string | undefined, event: NewEvent) => ({
          requests: [
            { streamId: s, expectedVersion: version, afterEventId: after, events: [event] },
          ],
        });
        const accepted = await store.appendBatch([
          chain(1, first?.eventId, e2 as NewEvent),
          chain(2, e2?.eventId, e3 as NewEvent),
        ]);
        deepStrictEqual(
          accepted.map((o) => o.ok),
          [true, true],
        );
        // The version is right, the event it names is not the one before it: refused, and so
        // is the commit chained on it.
        const refused = await store.appendBatch([
          chain(3, first?.eventId, e4 as NewEvent),
          chain(4, e4?.eventId, e5 as NewEvent),
        ]);
        deepStrictEqual(
          refused.map((o) => (o.ok ? "ok" : o.error.constructor.name)),
          ["VersionConflict", "VersionConflict"],
        );
        deepStrictEqual(
          (await store.readStream(s)).map((e) => e.type),
          ["E1", "E2", "E3"],
        );
      }),
    );

    it(
      "appendBatch: applies its commits in order, a later one building on an earlier one",
      withStore(async (store, p) => {
        if (!store.appendBatch) return;
        const pool = `${p}/pool`;
        const { checkpoint: before } = await readAllFrom(store);
        const outcomes = await store.appendBatch([
          {
            requests: [
              { streamId: pool, expectedVersion: "no-stream", events: [newEvent("R", {})] },
            ],
            command: stamp(`${p}-c1`, "f1"),
          },
          {
            requests: [
              { streamId: `${p}/v1`, expectedVersion: "no-stream", events: [newEvent("In", {})] },
              { streamId: pool, expectedVersion: 1, events: [newEvent("Issued", { t: 1 })] },
            ],
            command: stamp(`${p}-c2`, "f2"),
          },
          {
            requests: [
              { streamId: pool, expectedVersion: 2, events: [newEvent("Issued", { t: 2 })] },
            ],
            command: stamp(`${p}-c3`, "f3"),
          },
        ]);
        deepStrictEqual(
          outcomes.map((o) =>
            o.ok ? o.events.map((e) => [e.streamId, e.streamVersion]) : o.error,
          ),
          [
            [[pool, 1]],
            [
              [`${p}/v1`, 1],
              [pool, 2],
            ],
            [[pool, 3]],
          ],
        );
        const { events } = await readAllFrom(store, before);
        deepStrictEqual(
          events.filter((e) => e.streamId.startsWith(`${p}/`)).map((e) => e.type),
          ["R", "In", "Issued", "Issued"],
        );
        equal((await store.findCommand(key(`${p}-c2`)))?.events.length, 2);
      }),
    );

    it(
      "appendBatch: calls in flight together, up to orderedBatches, apply in the order they were made",
      withStore(async (store, p) => {
        const appendBatch = store.appendBatch?.bind(store);
        const depth = store.orderedBatches ?? 1;
        if (!appendBatch || depth < 2) return;
        const stream = `${p}/pool`;
        let previous: string | undefined;
        const outcomes: CommitOutcome[] = [];
        for (let round = 0; round < 3; round++) {
          // `depth` calls at once, each building on the one before it, unsettled when it goes.
          const calls = Array.from({ length: depth }, (_, k) => {
            const i = round * depth + k;
            const event = newEvent("Step", { i });
            const afterEventId = previous;
            previous = event.eventId;
            return appendBatch([
              {
                requests: [
                  {
                    streamId: stream,
                    expectedVersion: i === 0 ? "no-stream" : i,
                    ...(afterEventId ? { afterEventId } : {}),
                    events: [event],
                  },
                ],
                command: stamp(`${p}-step-${i}`, "f"),
              },
            ]);
          });
          outcomes.push(...(await Promise.all(calls)).flat());
        }
        deepStrictEqual(
          outcomes.map((o) => (o.ok ? o.events.map((e) => e.streamVersion) : o.error)),
          Array.from({ length: depth * 3 }, (_, i) => [i + 1]),
        );
        deepStrictEqual(
          (await store.readStream(stream)).map((e) => (e.data as { i: number }).i),
          Array.from({ length: depth * 3 }, (_, i) => i),
        );
      }),
    );

    it(
      "appendBatch: a refused commit writes nothing and leaves the others of the batch written",
      withStore(async (store, p) => {
        if (!store.appendBatch) return;
        const a = `${p}/a`;
        await store.append(
          { streamId: a, expectedVersion: "no-stream", events: [newEvent("A1", {})] },
          stamp(`${p}-known`, "f"),
        );
        const outcomes = await store.appendBatch([
          {
            requests: [{ streamId: a, expectedVersion: 7, events: [newEvent("Stale", {})] }],
            command: stamp(`${p}-stale`, "f"),
          },
          {
            requests: [
              { streamId: `${p}/b`, expectedVersion: "no-stream", events: [newEvent("B", {})] },
            ],
            command: stamp(`${p}-known`, "f"),
          },
          {
            requests: [
              { streamId: `${p}/c`, expectedVersion: "no-stream", events: [newEvent("C1", {})] },
              { streamId: `${p}/c`, expectedVersion: 1, events: [newEvent("C2", {})] },
            ],
            command: stamp(`${p}-twice`, "f"),
          },
          {
            requests: [{ streamId: a, expectedVersion: 1, events: [newEvent("A2", {})] }],
            command: stamp(`${p}-good`, "f"),
          },
          {
            requests: [
              { streamId: `${p}/d`, expectedVersion: "no-stream", events: [newEvent("D", {})] },
            ],
            command: stamp(`${p}-good`, "f"),
          },
        ]);
        const errors = outcomes.map((o) => (o.ok ? undefined : o.error));
        ok(errors[0] instanceof VersionConflict, "a wrong expected version");
        ok(errors[1] instanceof DuplicateCommand, "a command id stored before");
        ok(errors[2] instanceof ValidationError, "a stream named twice");
        equal(errors[3], undefined);
        ok(errors[4] instanceof DuplicateCommand, "a command id of an earlier commit");
        deepStrictEqual(
          (await store.readStream(a)).map((e) => e.type),
          ["A1", "A2"],
        );
        for (const empty of ["b", "c", "d"]) {
          deepStrictEqual(await store.readStream(`${p}/${empty}`), [], empty);
        }
        equal(await store.findCommand(key(`${p}-stale`)), undefined);
        deepStrictEqual(
          (await store.findCommand(key(`${p}-good`)))?.events.map((e) => e.type),
          ["A2"],
        );
      }),
    );

    it(
      "appendBatch: concurrent batches on a shared stream lose no commit and write none twice",
      withStore(async (store, p) => {
        const appendBatch = store.appendBatch?.bind(store);
        if (!appendBatch) return;
        const pool = `${p}/pool`;
        const written = await Promise.all(
          Array.from({ length: 8 }, async (_, b) => {
            const mine: EventEnvelope[] = [];
            for (let round = 0; round < 5; round++) {
              const version = (await store.readStream(pool)).length;
              const outcomes = await appendBatch(
                [0, 1, 2].map((k) => ({
                  requests: [
                    {
                      streamId: `${p}/own-${b}-${round}-${k}`,
                      expectedVersion: "no-stream" as const,
                      events: [newEvent("Own", { b, round, k })],
                    },
                    {
                      streamId: pool,
                      expectedVersion: version + k === 0 ? ("no-stream" as const) : version + k,
                      events: [newEvent("Shared", { b, round, k })],
                    },
                  ],
                  command: stamp(`${p}-${b}-${round}-${k}`, "f"),
                })),
              );
              for (const outcome of outcomes) {
                if (outcome.ok) mine.push(...outcome.events);
                else ok(outcome.error instanceof VersionConflict, String(outcome.error));
              }
            }
            return mine;
          }),
        );
        const accepted = written.flat();
        const shared = await store.readStream(pool);
        deepStrictEqual(
          shared.map((e) => e.streamVersion),
          Array.from({ length: shared.length }, (_, i) => i + 1),
        );
        deepStrictEqual(
          new Set(shared.map((e) => e.eventId)),
          new Set(accepted.filter((e) => e.streamId === pool).map((e) => e.eventId)),
        );
        ok(shared.length > 0);
        const { events } = await readAllFrom(store);
        const mine = events.filter((e) => e.streamId.startsWith(`${p}/`));
        equal(mine.length, accepted.length);
        equal(new Set(mine.map((e) => e.eventId)).size, mine.length);
      }),
      120_000,
    );

    for (const writers of options.writers ?? [8, 32, 64]) {
      it(
        `${writers} concurrent writers and a live global reader: every committed event read exactly once, ${loadRuns} of ${loadRuns} runs`,
        withStore(async (store, p) => {
          for (let run = 0; run < loadRuns; run++) {
            const r = `${p}/r${run}`;
            const { checkpoint: start } = await readAllFrom(store);
            const seen: EventEnvelope[] = [];
            let done = false;
            const reader = (async () => {
              let checkpoint = start;
              for (;;) {
                const finished = done;
                const batch = await store.readAll({ after: checkpoint, limit: 50 });
                seen.push(...batch.events);
                checkpoint = batch.checkpoint;
                if (finished && batch.events.length === 0) return;
                if (batch.events.length === 0) await new Promise((t) => setTimeout(t, 1));
              }
            })();
            const committed = await Promise.all(
              Array.from({ length: writers }, async (_, w) => {
                const written: EventEnvelope[] = [];
                for (let k = 0; k < 4; k++) {
                  const shared = `${r}/shared-${(w + k) % 4}`;
                  for (;;) {
                    const version = (await store.readStream(shared)).length;
                    try {
                      written.push(
                        ...(await store.appendMany([
                          {
                            streamId: `${r}/own-${w}`,
                            expectedVersion: k === 0 ? "no-stream" : k,
                            events: [newEvent("Own", { w, k })],
                          },
                          {
                            streamId: shared,
                            expectedVersion: version === 0 ? "no-stream" : version,
                            events: [newEvent("Shared", { w, k })],
                          },
                        ])),
                      );
                      break;
                    } catch (error) {
                      if (!(error instanceof VersionConflict)) throw error;
                    }
                  }
                }
                return written;
              }),
            );
            done = true;
            await reader;
            const mine = seen.filter((e) => e.streamId.startsWith(`${r}/`));
            const expected = committed.flat();
            equal(mine.length, expected.length, `run ${run}: events read`);
            deepStrictEqual(
              new Set(mine.map((e) => e.eventId)),
              new Set(expected.map((e) => e.eventId)),
              `run ${run}: the same events`,
            );
            const versions = new Map<string, number[]>();
            for (const e of mine)
              versions.set(e.streamId, [...(versions.get(e.streamId) ?? []), e.streamVersion]);
            for (const [streamId, list] of versions) {
              deepStrictEqual(
                list,
                Array.from({ length: list.length }, (_, i) => i + 1),
                `run ${run}: ${streamId} in version order`,
              );
            }
          }
        }),
        300_000,
      );
    }
  });
}
