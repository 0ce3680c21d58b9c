import {
  type AppendToStream,
  CommandHandler,
  type CommandStamp,
  type Commit,
  type CommitOutcome,
  createMemoryStore,
  defineSite,
  type EventStore,
  IdempotencyConflict,
  manualClock,
  RuleViolation,
  sequentialIds,
  Unauthorized,
  ValidationError,
  VersionConflict,
} from "svcops";
import { describe, expect, it } from "vitest";
import { counterAggregate, desk } from "./counter-fixture.js";

const site = defineSite({ id: "club-1" });
const clock = () => manualClock("2026-11-22T02:00:00Z");

function handler(
  store: EventStore = createMemoryStore(),
  aggregate = counterAggregate(),
  extra = {},
) {
  return new CommandHandler({
    store,
    site,
    clock: clock(),
    aggregates: [aggregate],
    ids: sequentialIds("e"),
    ...extra,
  });
}

describe("CommandHandler", () => {
  it("appends the decided events with full metadata", async () => {
    const store = createMemoryStore();
    const result = await handler(store).execute(
      { type: "Increment", data: { id: "a", by: 2 } },
      { actor: desk, commandId: "c-1" },
    );
    expect(result.duplicate).toBe(false);
    const [event] = result.events;
    expect(event).toMatchObject({
      streamId: "club-1/counter/a",
      streamVersion: 1,
      globalPosition: 1,
      type: "Incremented",
      schemaVersion: 1,
      data: { id: "a", by: 2 },
      metadata: {
        commandId: "c-1",
        correlationId: "c-1",
        causationId: "c-1",
        actor: { id: "desk-1", role: "frontDesk" },
        siteId: "club-1",
        occurredAt: "2026-11-22T02:00:00.000Z",
      },
    });
  });

  it("rejects bad input with a ValidationError naming the field, and appends nothing", async () => {
    const store = createMemoryStore();
    const error = await handler(store)
      .execute({ type: "Increment", data: { id: "a", by: 1.5 } }, { actor: desk })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe("data.by");
    expect((error as ValidationError).code).toBe("validation_failed");
    expect(store.size).toBe(0);
  });

  it("rejects an unknown command type and a non-object", async () => {
    const h = handler();
    await expect(h.execute({ type: "Nope", data: {} }, { actor: desk })).rejects.toThrow(
      /unknown command type "Nope"/,
    );
    await expect(h.execute(42, { actor: desk })).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses a role the command does not allow, and an actor of another site", async () => {
    const store = createMemoryStore();
    const h = handler(store);
    await expect(
      h.execute(
        { type: "Increment", data: { id: "a", by: 1 } },
        { actor: { ...desk, role: "coach" } },
      ),
    ).rejects.toBeInstanceOf(Unauthorized);
    await expect(
      h.execute(
        { type: "Increment", data: { id: "a", by: 1 } },
        { actor: { ...desk, sites: ["club-2"] } },
      ),
    ).rejects.toThrow(/does not belong to site club-1/);
    await expect(
      h.execute({ type: "Increment", data: { id: "a", by: 1 } }, {
        actor: { id: "", role: "frontDesk", sites: [] },
      } as never),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(store.size).toBe(0);
  });

  it("a refused rule appends nothing", async () => {
    const store = createMemoryStore();
    const h = handler(store, counterAggregate({ limit: 3 }));
    await h.execute({ type: "Increment", data: { id: "a", by: 3 } }, { actor: desk });
    await expect(
      h.execute({ type: "Increment", data: { id: "a", by: 1 } }, { actor: desk }),
    ).rejects.toBeInstanceOf(RuleViolation);
    expect(store.size).toBe(1);
  });

  it("returns the first result for a command id seen before, and appends nothing", async () => {
    const store = createMemoryStore();
    const h = handler(store);
    const command = { type: "Increment", data: { id: "a", by: 1 } };
    const first = await h.execute(command, { actor: desk, commandId: "kiosk-1" });
    const again = await h.execute(command, { actor: desk, commandId: "kiosk-1" });
    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(store.size).toBe(1);
    await expect(
      h.execute(
        { type: "Increment", data: { id: "a", by: 2 } },
        { actor: desk, commandId: "kiosk-1" },
      ),
    ).rejects.toBeInstanceOf(IdempotencyConflict);
  });

  it("a double-tapped button (same command id, concurrently) appends once", async () => {
    const store = createMemoryStore();
    const h = handler(store);
    const command = { type: "Increment", data: { id: "a", by: 1 } };
    const results = await Promise.all(
      [1, 2, 3].map(() => h.execute(command, { actor: desk, commandId: "tap" })),
    );
    expect(store.size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  });

  it("decides again after a VersionConflict and succeeds against the new state", async () => {
    const store = createMemoryStore();
    const a = handler(store, counterAggregate({ limit: 5 }));
    const b = handler(store, counterAggregate({ limit: 5 }));
    await Promise.all([
      a.execute(
        { type: "Increment", data: { id: "x", by: 2 } },
        { actor: desk, commandId: "from-a" },
      ),
      b.execute(
        { type: "Increment", data: { id: "x", by: 2 } },
        { actor: desk, commandId: "from-b" },
      ),
    ]);
    expect((await a.load(counterAggregate(), "club-1/counter/x")).state).toBe(4);
  });

  it("retries conflicts with backoff for retry.withinMs, then surfaces the VersionConflict", async () => {
    const store = createMemoryStore();
    let appends = 0;
    const flaky: EventStore = Object.assign(Object.create(store), {
      append: async (request: AppendToStream) => {
        appends++;
        throw new VersionConflict(request.streamId, request.expectedVersion, 99);
      },
    });
    const h = handler(flaky, counterAggregate(), {
      retry: { withinMs: 60, baseDelayMs: 4, maxDelayMs: 8 },
    });
    const started = performance.now();
    await expect(
      h.execute({ type: "Increment", data: { id: "a", by: 1 } }, { actor: desk }),
    ).rejects.toBeInstanceOf(VersionConflict);
    const took = performance.now() - started;
    // The first retry at once, then waits of 2–4, 4–8, 4–8 … ms until 60 ms are up.
    expect(appends).toBeGreaterThanOrEqual(5);
    expect(appends).toBeLessThan(40);
    expect(took).toBeGreaterThanOrEqual(50);
    expect(took).toBeLessThan(2_000);
  });

  it("forgets a stale cached state when it gives up on a VersionConflict, so the next command reads it", async () => {
    const store = createMemoryStore();
    const h = handler(store, counterAggregate(), { retry: { withinMs: 0 } });
    const increment = { type: "Increment", data: { id: "m", by: 1 } };
    await h.execute(increment, { actor: desk, commandId: "h-1" });
    await handler(store, counterAggregate(), { ids: sequentialIds("o") }).execute(increment, {
      actor: desk,
      commandId: "other",
    });
    await expect(h.execute(increment, { actor: desk, commandId: "h-2" })).rejects.toBeInstanceOf(
      VersionConflict,
    );
    const sent = await h.execute(increment, { actor: desk, commandId: "h-2" });
    expect(sent.events[0]?.streamVersion).toBe(3);
  });

  it("decides on the cached state without a read, and reads only the tail after a conflict", async () => {
    const store = createMemoryStore();
    const reads: (number | undefined)[] = [];
    const spy: EventStore = Object.assign(Object.create(store), {
      readStream: (id: string, o?: { afterVersion?: number }) => {
        reads.push(o?.afterVersion);
        return store.readStream(id, o);
      },
    });
    const h = handler(spy);
    const increment = { type: "Increment", data: { id: "a", by: 1 } };
    for (let i = 0; i < 3; i++) await h.execute(increment, { actor: desk, commandId: `h-${i}` });
    expect(reads).toEqual([0]);
    // Another writer moves the stream on behind h's cache: h's append conflicts, and h decides
    // again on the state read from the store, reading only the tail after its cached version.
    await handler(store).execute(increment, { actor: desk, commandId: "other-1" });
    await h.execute(increment, { actor: desk, commandId: "h-3" });
    expect(reads).toEqual([0, 3]);
    expect((await handler(store).load(counterAggregate(), "club-1/counter/a")).state).toBe(5);
  });

  it("starts from a snapshot and the tail, and ignores a snapshot of another aggregate version", async () => {
    const store = createMemoryStore();
    const v1 = handler(store, counterAggregate({ every: 2 }), { cacheSize: 0 });
    for (let i = 0; i < 5; i++)
      await v1.execute({ type: "Increment", data: { id: "a", by: 1 } }, { actor: desk });
    const snapshot = await store.snapshots.load("club-1/counter/a", "counter");
    expect(snapshot).toMatchObject({ aggregateVersion: 1, streamVersion: 4, state: 4 });
    const reads: (number | undefined)[] = [];
    const spy: EventStore = Object.assign(Object.create(store), {
      readStream: (id: string, o?: { afterVersion?: number }) => {
        reads.push(o?.afterVersion);
        return store.readStream(id, o);
      },
    });
    const fresh = handler(spy, counterAggregate({ every: 2 }), { cacheSize: 0 });
    expect((await fresh.load(counterAggregate({ every: 2 }), "club-1/counter/a")).state).toBe(5);
    expect(reads).toEqual([4]);
    const v2 = handler(store, counterAggregate({ every: 2, version: 2 }), { cacheSize: 0 });
    expect(
      (await v2.load(counterAggregate({ every: 2, version: 2 }), "club-1/counter/a")).state,
    ).toBe(50);
  });

  it("confirms a refusal made on a cached state against the store, and only then", async () => {
    const store = createMemoryStore();
    const reads: string[] = [];
    const spy: EventStore = Object.assign(Object.create(store), {
      readStream: (id: string, o?: { afterVersion?: number }) => {
        reads.push(`${id}@${o?.afterVersion}`);
        return store.readStream(id, o);
      },
    });
    const h = handler(spy, counterAggregate({ limit: 3 }));
    await h.execute({ type: "Increment", data: { id: "a", by: 3 } }, { actor: desk });
    expect(reads).toEqual(["club-1/counter/a@0"]);
    // Cached state says 3: the refusal is confirmed on the store's state before it is thrown.
    await expect(
      h.execute({ type: "Increment", data: { id: "a", by: 1 } }, { actor: desk }),
    ).rejects.toBeInstanceOf(RuleViolation);
    expect(reads).toEqual(["club-1/counter/a@0", "club-1/counter/a@1"]);
    // A refusal on a state read from the store (nothing cached) is decided once.
    const cold = handler(spy, counterAggregate({ limit: 0 }), { cacheSize: 0 });
    await expect(
      cold.execute({ type: "Increment", data: { id: "b", by: 1 } }, { actor: desk }),
    ).rejects.toBeInstanceOf(RuleViolation);
    expect(reads.filter((r) => r.startsWith("club-1/counter/b"))).toEqual(["club-1/counter/b@0"]);
  });

  it("group commit: concurrent commands on one stream share batches, each decided on the one before", async () => {
    const store = createMemoryStore();
    const batches: number[] = [];
    let conflicts = 0;
    const counting: EventStore = Object.assign(Object.create(store), {
      appendBatch: async (commits: readonly Commit[]) => {
        batches.push(commits.length);
        const outcomes = await store.appendBatch(commits);
        conflicts += outcomes.filter((o) => !o.ok && o.error instanceof VersionConflict).length;
        return outcomes;
      },
    });
    const h = handler(counting);
    await h.execute(
      { type: "Increment", data: { id: "q", by: 1 } },
      { actor: desk, commandId: "q-0" },
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.execute(
          { type: "Increment", data: { id: "q", by: 1 } },
          { actor: desk, commandId: `q-${i + 1}` },
        ),
      ),
    );
    // The first command went alone; the 20 sent together went in one batch, in order.
    expect(batches).toEqual([20]);
    expect(conflicts).toBe(0);
    expect(results.map((r) => r.events[0]?.streamVersion)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
    expect((await h.load(counterAggregate(), "club-1/counter/q")).state).toBe(21);
  });

  it("group commit: a batch holds at most groupCommit.maxCommits commits", async () => {
    const store = createMemoryStore();
    const batches: number[] = [];
    const counting: EventStore = Object.assign(Object.create(store), {
      appendBatch: (commits: readonly Commit[]) => {
        batches.push(commits.length);
        return store.appendBatch(commits);
      },
    });
    const h = handler(counting, counterAggregate(), { groupCommit: { maxCommits: 4 } });
    await h.execute({ type: "Increment", data: { id: "b", by: 1 } }, { actor: desk });
    await Promise.all(
      Array.from({ length: 10 }, () =>
        h.execute({ type: "Increment", data: { id: "b", by: 1 } }, { actor: desk }),
      ),
    );
    expect(batches).toEqual([4, 4, 2]);
    expect((await h.load(counterAggregate(), "club-1/counter/b")).state).toBe(11);
    expect(() => handler(store, counterAggregate(), { groupCommit: { maxCommits: 0 } })).toThrow(
      RangeError,
    );
  });

  it("group commit: with a store that keeps 2 batches in order, the next goes out while the last is written", async () => {
    let inFlight = 0;
    let most = 0;
    let conflicts = 0;
    let tail: Promise<unknown> = Promise.resolve();
    // Applies batches one after another in the order they were called, each after 3 ms: as the
    // PostgreSQL store does with the batches it queues on its one writer connection.
    const ordered = (store = createMemoryStore()): EventStore =>
      Object.assign(Object.create(store), {
        orderedBatches: 2,
        appendBatch: (commits: readonly Commit[]) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          const written = tail
            .then(() => new Promise((r) => setTimeout(r, 3)))
            .then(() => store.appendBatch(commits));
          tail = written;
          return written.then((outcomes) => {
            inFlight -= 1;
            conflicts += outcomes.filter((o) => !o.ok && o.error instanceof VersionConflict).length;
            return outcomes;
          });
        },
      });
    const desks = (h: ReturnType<typeof handler>, id: string) =>
      Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = 0; i < 5; i++) {
            await h.execute({ type: "Increment", data: { id, by: 1 } }, { actor: desk });
          }
        }),
      );
    const h = handler(ordered());
    await desks(h, "p");
    expect(most).toBe(2);
    expect(conflicts).toBe(0);
    expect((await h.load(counterAggregate(), "club-1/counter/p")).state).toBe(40);

    // maxBatchesInFlight lowers it; above what the store keeps in order it is refused.
    most = 0;
    await desks(
      handler(ordered(), counterAggregate(), { groupCommit: { maxBatchesInFlight: 1 } }),
      "q",
    );
    expect(most).toBe(1);
    expect(() =>
      handler(ordered(), counterAggregate(), { groupCommit: { maxBatchesInFlight: 3 } }),
    ).toThrow(RangeError);
    expect(() =>
      handler(createMemoryStore(), counterAggregate(), { groupCommit: { maxBatchesInFlight: 2 } }),
    ).toThrow(/from 1 to 1/);
  });

  it("group commit: a refused commit sends the commits chained on it to decide again", async () => {
    const store = createMemoryStore();
    const h = handler(store);
    await h.execute(
      { type: "Increment", data: { id: "x", by: 1 } },
      { actor: desk, commandId: "c-0" },
    );
    // Another app instance moves the stream on behind h's cache.
    await handler(store).execute(
      { type: "Increment", data: { id: "x", by: 10 } },
      { actor: desk, commandId: "other" },
    );
    const results = await Promise.all(
      ["c-1", "c-2", "c-3"].map((id) =>
        h.execute({ type: "Increment", data: { id: "x", by: 1 } }, { actor: desk, commandId: id }),
      ),
    );
    // All three were decided on h's stale state and chained; the first conflicted, so did the
    // two built on it; each decided again on the store's state and landed.
    expect(results.every((r) => !r.duplicate && r.events.length === 1)).toBe(true);
    expect((await handler(store).load(counterAggregate(), "club-1/counter/x")).state).toBe(14);
    expect((await store.readStream("club-1/counter/x")).map((e) => e.streamVersion)).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });

  it("group commit: a refusal decided on a commit in flight waits for it, then is confirmed on the store", async () => {
    const store = createMemoryStore();
    const h = handler(store, counterAggregate({ limit: 3 }));
    const [first, second] = await Promise.allSettled([
      h.execute({ type: "Increment", data: { id: "a", by: 3 } }, { actor: desk }),
      h.execute({ type: "Increment", data: { id: "a", by: 1 } }, { actor: desk }),
    ]);
    expect(first.status).toBe("fulfilled");
    expect(second.status === "rejected" && second.reason).toBeInstanceOf(RuleViolation);

    // Now the commit in flight fails: the refusal decided on it does not stand.
    const failing: EventStore = Object.assign(Object.create(store), {
      appendBatch: async (commits: readonly Commit[]) => {
        const outcomes: CommitOutcome[] = [];
        for (const commit of commits) {
          if (commit.command?.id === "doomed") {
            outcomes.push({ ok: false, error: new Error("disk full") });
          } else outcomes.push(...(await store.appendBatch([commit])));
        }
        return outcomes;
      },
      append: async (request: AppendToStream, stamp?: CommandStamp) => {
        if (stamp?.id === "doomed") throw new Error("disk full");
        return store.append(request, stamp);
      },
    });
    const g = handler(failing, counterAggregate({ limit: 3 }));
    const [doomed, after] = await Promise.allSettled([
      g.execute(
        { type: "Increment", data: { id: "b", by: 3 } },
        { actor: desk, commandId: "doomed" },
      ),
      g.execute(
        { type: "Increment", data: { id: "b", by: 1 } },
        { actor: desk, commandId: "after" },
      ),
    ]);
    expect(doomed.status === "rejected" && String(doomed.reason)).toMatch(/disk full/);
    expect(after.status).toBe("fulfilled");
    expect((await handler(store).load(counterAggregate(), "club-1/counter/b")).state).toBe(1);
  });

  it("group commit: a commit chained on one that another writer beat is not written on that writer's state", async () => {
    const store = createMemoryStore();
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const batches: number[] = [];
    const gated: EventStore = Object.assign(Object.create(store), {
      appendBatch: async (commits: readonly Commit[]) => {
        batches.push(commits.length);
        await gate;
        return store.appendBatch(commits);
      },
      append: async (request: AppendToStream, stamp?: CommandStamp) => {
        batches.push(1);
        await gate;
        return store.append(request, stamp);
      },
    });
    const h = handler(gated, counterAggregate({ limit: 3 }));
    // +2 is decided on the empty counter, +1 on the 2 that +2 will leave: 3, within the limit.
    const sent = Promise.allSettled([
      h.execute({ type: "Increment", data: { id: "c", by: 2 } }, { actor: desk, commandId: "two" }),
      h.execute({ type: "Increment", data: { id: "c", by: 1 } }, { actor: desk, commandId: "one" }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Before they are written, another app instance takes version 1 with +3.
    await handler(store, counterAggregate({ limit: 3 }), { ids: sequentialIds("other") }).execute(
      { type: "Increment", data: { id: "c", by: 3 } },
      { actor: desk, commandId: "other" },
    );
    open();
    const [two, one] = await sent;
    expect(batches[0]).toBe(2);
    // +2 conflicts. +1 expects version 1 too, which the other writer's event now holds: only
    // its afterEventId tells that it was decided on +2's state. Decided again on 3, both are
    // refused by the limit.
    expect(two.status === "rejected" && two.reason).toBeInstanceOf(RuleViolation);
    expect(one.status === "rejected" && one.reason).toBeInstanceOf(RuleViolation);
    expect((await store.readStream("club-1/counter/c")).map((e) => e.data)).toEqual([
      { id: "c", by: 3 },
    ]);
  });

  it("group commit: a store without appendBatch gets the commits one by one, in order", async () => {
    const memory = createMemoryStore();
    const calls: string[] = [];
    const plain: EventStore = {
      append: (request, command) => {
        calls.push(`append ${request.expectedVersion}`);
        return memory.append(request, command);
      },
      appendMany: (requests, command) => memory.appendMany(requests, command),
      readStream: (id, o) => memory.readStream(id, o),
      readAll: (o) => memory.readAll(o),
      findCommand: (command) => memory.findCommand(command),
      close: () => memory.close(),
    };
    const h = handler(plain);
    await Promise.all(
      Array.from({ length: 5 }, () =>
        h.execute({ type: "Increment", data: { id: "p", by: 1 } }, { actor: desk }),
      ),
    );
    expect(calls).toEqual(["append no-stream", "append 1", "append 2", "append 3", "append 4"]);
  });

  it("group commit: a batch that fails as a whole is sent again commit by commit", async () => {
    const store = createMemoryStore();
    let failures = 0;
    const flaky: EventStore = Object.assign(Object.create(store), {
      appendBatch: async () => {
        failures++;
        throw new Error("connection reset");
      },
    });
    const h = handler(flaky);
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        h.execute({ type: "Increment", data: { id: "f", by: 1 } }, { actor: desk }),
      ),
    );
    expect(failures).toBe(1);
    expect(results.map((r) => r.events[0]?.streamVersion)).toEqual([1, 2, 3, 4]);
  });

  it("decides a command that starts its stream without a read, and reads a stream that already exists", async () => {
    const store = createMemoryStore();
    const reads: string[] = [];
    const spy: EventStore = Object.assign(Object.create(store), {
      readStream: (id: string, o?: { afterVersion?: number }) => {
        reads.push(`${id}@${o?.afterVersion}`);
        return store.readStream(id, o);
      },
    });
    await handler(spy).execute(
      { type: "Start", data: { id: "s", by: 2 } },
      { actor: desk, commandId: "start-1" },
    );
    expect(reads).toEqual([]);
    // A second handler has nothing cached: it assumes a new stream, the append's "no-stream"
    // refuses it, and it decides again on the stream read from the store.
    const result = await handler(spy).execute(
      { type: "Start", data: { id: "s", by: 3 } },
      { actor: desk, commandId: "start-2" },
    );
    expect(reads).toEqual(["club-1/counter/s@0"]);
    expect(result.events[0]?.streamVersion).toBe(2);
  });
});
