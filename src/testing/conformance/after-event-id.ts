import { deepStrictEqual, equal, ok } from "node:assert/strict";
import type { NewEvent } from "../../kernel/envelope.js";
import { VersionConflict } from "../../kernel/errors.js";
import { type ConformanceContext, newEvent } from "./helpers.js";

/**
 * `afterEventId`: an append naming it is refused (`VersionConflict`) unless the stream's last event
 * has that id, even at the expected version; in `appendBatch`, a commit chained on a refused one is
 * refused though another writer took its version, and each `afterEventId` is checked against the
 * commits before it in the batch.
 *
 * @example
 * ```ts
 * describe("EventStore conformance", () => afterEventIdGuarantees(context));
 * ```
 */
export function afterEventIdGuarantees(context: ConformanceContext): void {
  const { options, withStore } = context;
  const { it } = options;

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
        requests: [{ streamId: s, expectedVersion: version, afterEventId: after, events: [event] }],
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
}
