import { deepStrictEqual, equal, ok, rejects } from "node:assert/strict";
import { ValidationError, VersionConflict } from "../../kernel/errors.js";
import { type ConformanceContext, newEvent } from "./helpers.js";

/**
 * Appends: a stream reads back in version order; an append at a wrong expected version throws
 * `VersionConflict` and writes nothing (`"no-stream"` and `"any"` included); of concurrent
 * creations of a stream exactly one wins (`rounds` times); `appendMany` is all or nothing across
 * its streams, refuses a stream named twice (`ValidationError`), and two of them on a shared stream
 * never both win.
 *
 * @example
 * ```ts
 * describe("EventStore conformance", () => appendGuarantees(context));
 * ```
 */
export function appendGuarantees(context: ConformanceContext): void {
  const { options, rounds, withStore } = context;
  const { it } = options;

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
}
