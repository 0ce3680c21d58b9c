import { deepStrictEqual, equal, ok } from "node:assert/strict";
import type { EventEnvelope } from "../../kernel/envelope.js";
import { DuplicateCommand, ValidationError, VersionConflict } from "../../kernel/errors.js";
import type { CommitOutcome } from "../../kernel/event-store.js";
import { type ConformanceContext, key, newEvent, readAllFrom, stamp } from "./helpers.js";

/**
 * `appendBatch`, when the store has it (without it the tests return at once): a batch's commits
 * apply in order, a later one building on an earlier one; calls in flight together, up to
 * `orderedBatches`, apply in the order they were made; a refused commit writes nothing and leaves
 * the others written; concurrent batches on a shared stream lose no commit and write none twice.
 *
 * @example
 * ```ts
 * describe("EventStore conformance", () => batchGuarantees(context));
 * ```
 */
export function batchGuarantees(context: ConformanceContext): void {
  const { options, withStore } = context;
  const { it } = options;

  it(
    "appendBatch: applies its commits in order, a later one building on an earlier one",
    withStore(async (store, p) => {
      if (!store.appendBatch) return;
      const pool = `${p}/pool`;
      const { checkpoint: before } = await readAllFrom(store);
      const outcomes = await store.appendBatch([
        {
          requests: [{ streamId: pool, expectedVersion: "no-stream", events: [newEvent("R", {})] }],
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
        outcomes.map((o) => (o.ok ? o.events.map((e) => [e.streamId, e.streamVersion]) : o.error)),
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
}
