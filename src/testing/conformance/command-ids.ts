import { deepStrictEqual, equal, ok, rejects } from "node:assert/strict";
import { DuplicateCommand } from "../../kernel/errors.js";
import { type ConformanceContext, key, newEvent, stamp } from "./helpers.js";

/**
 * Command ids (idempotency): a command id is stored once per site, a second append with it throws
 * `DuplicateCommand` and writes nothing, and `findCommand` gives the events it appended; another
 * site's same id is a new command; a command of no events is recorded too; of 8 concurrent
 * appends with one id exactly one goes through.
 *
 * @example
 * ```ts
 * describe("EventStore conformance", () => commandIdGuarantees(context));
 * ```
 */
export function commandIdGuarantees(context: ConformanceContext): void {
  const { options, withStore } = context;
  const { it } = options;

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
}
