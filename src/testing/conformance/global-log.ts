import { deepStrictEqual, equal } from "node:assert/strict";
import type { EventEnvelope } from "../../kernel/envelope.js";
import { type ConformanceContext, newEvent, readAllFrom } from "./helpers.js";

/**
 * The global log: `readAll` gives the events in commit order, in batches, each exactly once, and
 * resumes from a checkpoint without gaps or repeats. (Under concurrent writers:
 * `liveReaderGuarantees`.)
 *
 * @example
 * ```ts
 * describe("EventStore conformance", () => globalLogGuarantees(context));
 * ```
 */
export function globalLogGuarantees(context: ConformanceContext): void {
  const { options, withStore } = context;
  const { it } = options;

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
}
