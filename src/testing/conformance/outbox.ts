import { deepStrictEqual, equal, ok, rejects } from "node:assert/strict";
import type { NewEvent } from "../../kernel/envelope.js";
import type { EventStore } from "../../kernel/event-store.js";
import type { Notification } from "../../kernel/notification.js";
import type { NotificationOutbox } from "../../kernel/outbox.js";
import { type ConformanceContext, newEvent, stamp } from "./helpers.js";

const NOW = new Date("2026-11-22T02:00:00.000Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);

let counter = 0;
/** A notification of `event`, at the test's own site `p` (claims filter by it). */
function notificationOf(event: NewEvent, streamId: string, p: string): Notification {
  counter += 1;
  return {
    notificationId: `${p}-n${counter}`,
    siteId: p,
    eventId: event.eventId,
    streamId,
    createdAt: NOW.toISOString(),
    type: event.type,
    to: { role: "csManager", staffId: "cs-1" },
    rule: "I1",
    data: { n: counter },
  };
}

/** Appends one event with one notification to `${p}/s-<k>`; returns the notification's id. */
async function notify(store: EventStore, p: string, k: number): Promise<string> {
  const streamId = `${p}/s-${k}`;
  const event = newEvent("Reported", { k });
  const notification = notificationOf(event, streamId, p);
  await store.append({
    streamId,
    expectedVersion: "no-stream",
    events: [event],
    notifications: [notification],
  });
  return notification.notificationId;
}

const idsOf = (entries: readonly { notificationId: string }[]) =>
  entries.map((e) => e.notificationId);

/**
 * The outbox of notifications, when the store keeps one (`store.outbox`; without it each test
 * returns at once): notifications are written in the same atomic append as their events (an
 * append refused for any reason, or a refused commit of a batch, writes none; one that names an
 * event not in its request is refused whole), and claims lease them so that two claimers never
 * hold one notification at once; a delivered one is never claimed again, a failed one not
 * before its retry time, and one whose lease ran out is claimed again (at least once). Each
 * test uses its own site id, the prefix, and claims only that site's notifications.
 *
 * @example
 * ```ts
 * describe("EventStore conformance", () => outboxGuarantees(context));
 * ```
 */
export function outboxGuarantees(context: ConformanceContext): void {
  const { options, withStore } = context;
  const { it } = options;
  const outboxOf = (store: EventStore): NotificationOutbox | undefined => store.outbox;

  it(
    "writes an append's notifications with its events, and none for a refused append",
    withStore(async (store, p) => {
      const outbox = outboxOf(store);
      if (!outbox) return;
      const first = await notify(store, p, 1);
      const listed = await outbox.list({ siteId: p });
      deepStrictEqual(idsOf(listed), [first]);
      const [entry] = listed;
      equal(entry?.attempts, 0);
      equal(entry?.deliveredAt, undefined);
      deepStrictEqual(entry?.to, { role: "csManager", staffId: "cs-1" });
      const written = await store.readStream(`${p}/s-1`);
      equal(entry?.eventId, written[0]?.eventId);
      // Refused: the stream exists (VersionConflict), then a known command id (DuplicateCommand).
      const again = newEvent("Reported", { again: true });
      await rejects(
        store.append({
          streamId: `${p}/s-1`,
          expectedVersion: "no-stream",
          events: [again],
          notifications: [notificationOf(again, `${p}/s-1`, p)],
        }),
      );
      const once = newEvent("Reported", { once: true });
      await store.append(
        { streamId: `${p}/s-2`, expectedVersion: "no-stream", events: [once] },
        stamp(`${p}-c`, "f", p),
      );
      const twice = newEvent("Reported", { twice: true });
      await rejects(
        store.append(
          {
            streamId: `${p}/s-3`,
            expectedVersion: "no-stream",
            events: [twice],
            notifications: [notificationOf(twice, `${p}/s-3`, p)],
          },
          stamp(`${p}-c`, "f", p),
        ),
      );
      deepStrictEqual(idsOf(await outbox.list({ siteId: p })), [first]);
    }),
  );

  it(
    "refuses a notification whose event is not in its request, and writes nothing of the append",
    withStore(async (store, p) => {
      const outbox = outboxOf(store);
      if (!outbox) return;
      const event = newEvent("Reported", {});
      const elsewhere = newEvent("Reported", {});
      await rejects(
        store.appendMany([
          { streamId: `${p}/a`, expectedVersion: "no-stream", events: [event] },
          {
            streamId: `${p}/b`,
            expectedVersion: "no-stream",
            events: [newEvent("Other", {})],
            notifications: [notificationOf(elsewhere, `${p}/b`, p)],
          },
        ]),
      );
      equal((await store.readStream(`${p}/a`)).length, 0);
      deepStrictEqual(await outbox.list({ siteId: p }), []);
    }),
  );

  it(
    "writes the notifications of a batch's accepted commits and none of a refused one",
    withStore(async (store, p) => {
      const outbox = outboxOf(store);
      if (!outbox || !store.appendBatch) return;
      await store.append({
        streamId: `${p}/taken`,
        expectedVersion: "no-stream",
        events: [newEvent("Opened", {})],
      });
      const commit = (streamId: string, id: string) => {
        const event = newEvent("Reported", { streamId });
        const notification = notificationOf(event, streamId, p);
        return {
          notification,
          commit: {
            requests: [
              {
                streamId,
                expectedVersion: "no-stream" as const,
                events: [event],
                notifications: [notification],
              },
            ],
            command: stamp(`${p}-${id}`, id, p),
          },
        };
      };
      const a = commit(`${p}/a`, "a");
      const refused = commit(`${p}/taken`, "r");
      const b = commit(`${p}/b`, "b");
      const outcomes = await store.appendBatch([a.commit, refused.commit, b.commit]);
      deepStrictEqual(
        outcomes.map((o) => o.ok),
        [true, false, true],
      );
      deepStrictEqual(idsOf(await outbox.list({ siteId: p })), [
        a.notification.notificationId,
        b.notification.notificationId,
      ]);
    }),
  );

  it(
    "leases a claimed notification to one owner, gives it to another when the lease runs out, and never after it is delivered",
    withStore(async (store, p) => {
      const outbox = outboxOf(store);
      if (!outbox) return;
      const id = await notify(store, p, 1);
      const claim = (owner: string, now: Date) =>
        outbox.claim({ owner, now, leaseMs: 60_000, limit: 10, siteId: p });
      const first = await claim("app-1", NOW);
      deepStrictEqual(idsOf(first), [id]);
      equal(first[0]?.attempts, 1);
      deepStrictEqual(await claim("app-2", at(59_000)), []);
      // app-1 crashed before it marked anything: the lease runs out and app-2 delivers.
      const second = await claim("app-2", at(60_000));
      deepStrictEqual(idsOf(second), [id]);
      equal(second[0]?.attempts, 2);
      // app-1's late failure mark is not its to make any more.
      await outbox.markFailed(id, "app-1", at(3_600_000), "late");
      await outbox.markDelivered([id], at(61_000));
      await outbox.markDelivered([id], at(62_000));
      const [entry] = await outbox.list({ siteId: p });
      equal(entry?.deliveredAt, at(61_000).toISOString());
      equal(entry?.lastError, undefined);
      deepStrictEqual(await claim("app-3", at(3_600_000)), []);
      deepStrictEqual(await outbox.list({ siteId: p, undelivered: true }), []);
    }),
  );

  it(
    "keeps a failed notification back until its retry time, oldest first after that",
    withStore(async (store, p) => {
      const outbox = outboxOf(store);
      if (!outbox) return;
      const first = await notify(store, p, 1);
      const second = await notify(store, p, 2);
      const claim = (now: Date, limit = 10) =>
        outbox.claim({ owner: "app-1", now, leaseMs: 60_000, limit, siteId: p });
      deepStrictEqual(idsOf(await claim(NOW, 1)), [first]);
      await outbox.markFailed(first, "app-1", at(5_000), "SMS gateway down");
      deepStrictEqual(idsOf(await claim(at(1_000))), [second]);
      await outbox.markFailed(second, "app-1", at(2_000), "again");
      deepStrictEqual(idsOf(await claim(at(2_000))), [second]);
      deepStrictEqual(idsOf(await claim(at(200_000))), [first, second]);
      const entries = await outbox.list({ siteId: p });
      deepStrictEqual(
        entries.map((e) => [e.attempts, e.lastError]),
        [
          [2, "SMS gateway down"],
          [3, "again"],
        ],
      );
    }),
  );

  it(
    "gives each notification to one of several claimers at once",
    withStore(async (store, p) => {
      const outbox = outboxOf(store);
      if (!outbox) return;
      const ids: string[] = [];
      for (let k = 0; k < 24; k++) ids.push(await notify(store, p, k));
      const claimers = ["app-1", "app-2", "app-3", "app-4"];
      const claimed = await Promise.all(
        claimers.map((owner) =>
          outbox.claim({ owner, now: NOW, leaseMs: 60_000, limit: 8, siteId: p }),
        ),
      );
      const all = claimed.flatMap(idsOf);
      equal(new Set(all).size, all.length, "a notification was claimed twice");
      ok(all.every((id) => ids.includes(id)));
      // What is left is claimable; together, every notification once.
      const rest = await outbox.claim({
        owner: "app-5",
        now: NOW,
        leaseMs: 60_000,
        limit: 100,
        siteId: p,
      });
      deepStrictEqual([...all, ...idsOf(rest)].sort(), [...ids].sort());
    }),
  );
}
