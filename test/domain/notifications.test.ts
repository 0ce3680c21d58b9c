/**
 * Notifications leave through one port: the rules that tell someone something (I1, C9) write
 * their notifications to the store's outbox in the same atomic append as the events that cause
 * them, and a dispatcher delivers them at least once to the app's handler, with retries.
 */
import {
  type Actor,
  type AppendToStream,
  complaintReminders,
  createMemoryStore,
  createNotificationDispatcher,
  createServiceOps,
  type EventStore,
  LodgeComplaint,
  type ManualClock,
  type MemoryEventStore,
  manualClock,
  type OutboxEntry,
  PassComplaintToHandler,
  RaiseComplaintCallbackDue,
  RecordComplaintCallback,
  RecordFirstAid,
  ReportIncident,
  RuleViolation,
  type ServiceOps,
  SvcOpsError,
} from "svcops";
import { describe, expect, it } from "vitest";

const SITE = "club-1";
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const desk = person("desk-1", "frontDesk");
const coach = person("coach-1", "coach");
const agent = person("agent-1", "callAgent");
const dutyManager = person("dm-1", "dutyManager");

const report = (incidentId: string, notified = ["csManager", "coach"] as const) =>
  ReportIncident({
    incidentId,
    member: { cardNumber: "M-1", name: "Chen Jing", gender: "female", age: 34 },
    whatHappened: "slipped by the pool and cut her knee",
    place: "pool deck",
    severity: "minor",
    notified: notified.map((role) => ({ staffId: `${role}-on-duty`, role })),
  });

/** A site on a memory store (or on `given`, a store wrapped by the test). */
function app(start = "2026-11-22T02:00:00Z", given?: EventStore) {
  const clock = manualClock(start);
  const store = createMemoryStore();
  const ops = createServiceOps({ site: { id: SITE }, store: given ?? store, clock });
  return { ops, clock, store };
}

const briefly = (n: OutboxEntry) =>
  `${n.rule} ${n.type} → ${n.to.role}${n.to.staffId ? ` ${n.to.staffId}` : ""}`;

describe("I1 through the outbox", () => {
  it("I1 an incident report notifies the CS manager and the coach through the outbox", async () => {
    const { ops, store } = app();
    const result = await ops.execute(report("inc-1"), { actor: desk });
    const outbox = store.outbox;
    const entries = await outbox.list({ siteId: SITE });
    expect(entries.map(briefly)).toEqual([
      "I1 IncidentReported → csManager csManager-on-duty",
      "I1 IncidentReported → coach coach-on-duty",
    ]);
    // Tied to the event that caused them, recorded when it was, with no personal data.
    const [event] = result.events;
    for (const n of entries) {
      expect(n).toMatchObject({
        siteId: SITE,
        eventId: event?.eventId,
        streamId: event?.streamId,
        createdAt: event?.metadata.recordedAt,
        attempts: 0,
        deliveredAt: undefined,
      });
      expect(n.data).toEqual({
        incidentId: "inc-1",
        place: "pool deck",
        severity: "minor",
        reportedAt: "2026-11-22T02:00:00.000Z",
        reportedBy: "desk-1",
      });
      expect(JSON.stringify(n)).not.toContain("Chen Jing");
    }
    // The app's handler gets each once, and they are marked delivered.
    const sent: string[] = [];
    const dispatcher = createNotificationDispatcher({
      store,
      siteId: SITE,
      clock: manualClock("2026-11-22T02:00:05Z"),
      handler: (n) => {
        sent.push(briefly(n));
      },
    });
    expect((await dispatcher.drain()).delivered).toHaveLength(2);
    expect(sent).toEqual(entries.map(briefly));
    expect(await outbox.list({ siteId: SITE, undelivered: true })).toEqual([]);
    expect((await outbox.list()).map((n) => n.deliveredAt)).toEqual([
      "2026-11-22T02:00:05.000Z",
      "2026-11-22T02:00:05.000Z",
    ]);
  });

  it("I1 a report that names no coach is refused and notifies nobody", async () => {
    const { ops, store } = app();
    await expect(
      ops.execute(report("inc-1", ["csManager"] as never), { actor: desk }),
    ).rejects.toBeInstanceOf(RuleViolation);
    expect(store.size).toBe(0);
    expect(await store.outbox.list()).toEqual([]);
  });

  it("I1 only the report notifies: the incident's later steps write nothing to the outbox", async () => {
    const { ops, store } = app();
    await ops.execute(report("inc-1"), { actor: desk });
    await ops.execute(RecordFirstAid({ incidentId: "inc-1", measures: ["clean", "dress"] }), {
      actor: coach,
    });
    expect((await store.outbox.list()).length).toBe(2);
  });

  it("I1 a store without an outbox refuses a report, appending nothing (no event without its notifications)", async () => {
    const inner = createMemoryStore();
    const { outbox: _outbox, ...withoutOutbox } = bound(inner);
    const { ops } = app(undefined, withoutOutbox as EventStore);
    await expect(ops.execute(report("inc-1"), { actor: desk })).rejects.toMatchObject({
      code: "store_unsupported",
    });
    expect(inner.size).toBe(0);
    // A command that causes no notification goes through as before.
    await ops.execute(LodgeComplaint(phoneCase("k-1")), { actor: agent });
    expect(inner.size).toBe(1);
  });
});

describe("The command path without notifications", () => {
  it("hands the store no notifications field when a command causes none", async () => {
    const inner = createMemoryStore();
    const seen: AppendToStream[] = [];
    const spy: EventStore = {
      ...bound(inner),
      append: (request, command) => {
        seen.push(request);
        return inner.append(request, command);
      },
      appendMany: (requests, command) => {
        seen.push(...requests);
        return inner.appendMany(requests, command);
      },
      appendBatch: undefined,
    };
    const { ops } = app(undefined, spy);
    await ops.execute(LodgeComplaint(phoneCase("k-1")), { actor: agent });
    await ops.execute(report("inc-1"), { actor: desk });
    expect(seen.map((r) => "notifications" in r)).toEqual([false, true]);
    expect(seen[1]?.notifications).toHaveLength(2);
  });
});

const phoneCase = (caseId: string) => ({
  caseId,
  channel: "phone" as const,
  customer: { name: "Wang Fang", phone: "13900000000" },
  material: "charged twice for one class",
  department: "fitness",
});

/** The store's methods bound to it, as a plain object (to wrap or strip). */
function bound(store: MemoryEventStore): EventStore {
  return {
    append: store.append.bind(store),
    appendMany: store.appendMany.bind(store),
    appendBatch: store.appendBatch.bind(store),
    readStream: store.readStream.bind(store),
    readAll: store.readAll.bind(store),
    findCommand: store.findCommand.bind(store),
    close: store.close.bind(store),
    snapshots: store.snapshots,
    outbox: store.outbox,
  };
}

describe("C9 through the outbox", () => {
  /** A phone case lodged at 10:00 local on 23 Nov, passed to complaint handler h-1. */
  async function phoneCaseWithHandler(): Promise<{
    ops: ServiceOps;
    clock: ManualClock;
    store: MemoryEventStore;
  }> {
    const { ops, clock, store } = app("2026-11-23T02:00:00Z");
    await ops.execute(LodgeComplaint(phoneCase("k-1")), { actor: agent });
    await ops.execute(PassComplaintToHandler({ caseId: "k-1", handlerId: "h-1" }), {
      actor: agent,
    });
    return { ops, clock, store };
  }

  it("C9 a callback that falls due is raised by the workflow and notifies the complaint handler through the outbox, once per due instant", async () => {
    const { ops, clock, store } = await phoneCaseWithHandler();
    const reminders = complaintReminders(ops, { raiseAs: dutyManager });
    const tick = async (iso: string) => {
      clock.set(iso);
      return (await reminders.tick(new Date(iso))).map((d) => `${d.rule} ${d.dueAt}`);
    };
    expect(await tick("2026-11-23T03:59:00Z")).toEqual([]);
    expect(await store.outbox.list()).toEqual([]);
    expect(await tick("2026-11-23T04:10:00Z")).toEqual(["C9 2026-11-23T04:00:00.000Z"]);
    expect(await tick("2026-11-23T04:20:00Z")).toEqual([]);
    // A second instance of the workflow raises the same due callback once (its command id).
    await complaintReminders(ops, { raiseAs: dutyManager }).tick(new Date("2026-11-23T04:25Z"));
    const entries = await store.outbox.list();
    expect(entries.map(briefly)).toEqual(["C9 ComplaintCallbackDue → complaintHandler h-1"]);
    expect(entries[0]?.data).toEqual({
      caseId: "k-1",
      dueAt: "2026-11-23T04:00:00.000Z",
      raisedAt: "2026-11-23T04:10:00.000Z",
    });
    // The callback made moves the deadline; the next one is raised and notified again.
    clock.set("2026-11-23T04:30:00Z");
    await ops.execute(RecordComplaintCallback({ caseId: "k-1", progress: "checking" }), {
      actor: agent,
    });
    expect(await tick("2026-11-23T06:31:00Z")).toEqual(["C9 2026-11-23T06:30:00.000Z"]);
    expect((await store.outbox.list()).map((n) => n.data.dueAt)).toEqual([
      "2026-11-23T04:00:00.000Z",
      "2026-11-23T06:30:00.000Z",
    ]);
  });

  it("C9 refuses to raise a callback before it is due, or on a case that owes none, and appends nothing", async () => {
    const { ops, clock, store } = await phoneCaseWithHandler();
    const before = store.size;
    const raise = () =>
      ops.execute(RaiseComplaintCallbackDue({ caseId: "k-1" }), { actor: dutyManager });
    await expect(raise()).rejects.toMatchObject({ rule: "C9" });
    clock.set("2026-11-23T04:00:00Z");
    await raise();
    // Raised already for this due instant: nothing more.
    expect((await raise()).events).toEqual([]);
    await ops.execute(LodgeComplaint({ ...phoneCase("k-2"), channel: "onSite" }), {
      actor: dutyManager,
    });
    await expect(
      ops.execute(RaiseComplaintCallbackDue({ caseId: "k-2" }), { actor: dutyManager }),
    ).rejects.toMatchObject({ rule: "C9" });
    expect(store.size).toBe(before + 2);
    expect((await store.outbox.list()).length).toBe(1);
  });

  it("C9 without an actor to raise them as, the workflow only reports what is due", async () => {
    const { ops, store } = await phoneCaseWithHandler();
    const due = await complaintReminders(ops).tick(new Date("2026-11-23T04:10:00Z"));
    expect(due.map((d) => d.rule)).toEqual(["C9"]);
    expect(await store.outbox.list()).toEqual([]);
  });
});

describe("Delivery", () => {
  it("retries a failed delivery with a backoff from the clock, then marks it delivered", async () => {
    const { ops, store } = app();
    await ops.execute(report("inc-1"), { actor: desk });
    const clock = manualClock("2026-11-22T02:00:00Z");
    let failing = true;
    const sent: string[] = [];
    const failures: string[] = [];
    const dispatcher = createNotificationDispatcher({
      store,
      clock,
      siteId: SITE,
      handler: (n) => {
        if (failing && n.to.role === "coach") throw new Error("WeChat is down");
        sent.push(`${n.to.role} attempt ${n.attempts}`);
      },
      onFailure: (n, error) => failures.push(`${n.to.role}: ${(error as Error).message}`),
    });
    expect(await dispatcher.dispatchOnce()).toMatchObject({
      claimed: 2,
      failed: [expect.any(String)],
    });
    expect(failures).toEqual(["coach: WeChat is down"]);
    // 1 s after the first failure, 2 s after the second, 4 s after the third.
    clock.advance(999);
    expect((await dispatcher.dispatchOnce()).claimed).toBe(0);
    clock.advance(1);
    expect((await dispatcher.dispatchOnce()).failed).toHaveLength(1);
    clock.advance(1999);
    expect((await dispatcher.dispatchOnce()).claimed).toBe(0);
    clock.advance(1);
    expect((await dispatcher.dispatchOnce()).failed).toHaveLength(1);
    const [, coachEntry] = await store.outbox.list();
    expect(coachEntry).toMatchObject({
      attempts: 3,
      lastError: "WeChat is down",
      nextAttemptAt: "2026-11-22T02:00:07.000Z",
    });
    failing = false;
    clock.advance(4000);
    expect((await dispatcher.dispatchOnce()).delivered).toHaveLength(1);
    expect(sent).toEqual(["csManager attempt 1", "coach attempt 4"]);
    expect(await store.outbox.list({ undelivered: true })).toEqual([]);
  });

  it("two app instances on one store deliver each notification once while their claims hold", async () => {
    const { ops, store } = app();
    for (let i = 0; i < 10; i++) await ops.execute(report(`inc-${i}`), { actor: desk });
    const sent = new Map<string, string>();
    const dispatcher = (owner: string) =>
      createNotificationDispatcher({
        store,
        owner,
        batchSize: 3,
        clock: manualClock("2026-11-22T02:00:00Z"),
        handler: async (n) => {
          await new Promise((resolve) => setImmediate(resolve));
          expect(sent.has(n.notificationId)).toBe(false);
          sent.set(n.notificationId, owner);
        },
      });
    const [a, b] = [dispatcher("app-a"), dispatcher("app-b")];
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    expect(sent.size).toBe(20);
    expect(ra.delivered.length + rb.delivered.length).toBe(20);
    expect(new Set(sent.values())).toEqual(new Set(["app-a", "app-b"]));
  });

  it("polls on its own once started, and stops", async () => {
    const { ops, store } = app();
    const sent: string[] = [];
    const dispatcher = createNotificationDispatcher({
      store,
      handler: (n) => {
        sent.push(n.to.role ?? n.to.staffId);
      },
    });
    dispatcher.start({ intervalMs: 5 });
    await ops.execute(report("inc-1"), { actor: desk });
    for (let i = 0; i < 200 && sent.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await dispatcher.stop();
    expect(sent).toEqual(["csManager", "coach"]);
  });

  it("refuses a store without an outbox", () => {
    const { outbox: _outbox, ...rest } = bound(createMemoryStore());
    expect(() => createNotificationDispatcher({ store: rest, handler: () => undefined })).toThrow(
      SvcOpsError,
    );
  });
});

describe("The app's own notifications", () => {
  it("are written with the events they map, next to the aggregates' own", async () => {
    const store = createMemoryStore();
    const ops = createServiceOps({
      site: { id: SITE },
      store,
      clock: manualClock("2026-11-22T02:00:00Z"),
      notifications: (event) =>
        event.type === "ComplaintLodged"
          ? [
              {
                type: "ComplaintLodged",
                to: { role: "dutyManager" },
                data: { caseId: event.data.caseId },
              },
            ]
          : [],
    });
    await ops.execute(LodgeComplaint(phoneCase("k-1")), { actor: agent });
    expect((await store.outbox.list()).map((n) => [n.type, n.to, n.data])).toEqual([
      ["ComplaintLodged", { role: "dutyManager" }, { caseId: "k-1" }],
    ]);
  });
});
