/**
 * The same command id, whatever the timing: a double-tapped kiosk button at the same moment, a
 * retry a second later, the same id from another app instance on the same store, or after a
 * restart, all get the first result (`duplicate: true`) and nothing is appended twice. The same
 * id for a different command is an IdempotencyConflict.
 */
import {
  ChargeTab,
  CheckInMember,
  createMemoryStore,
  createServiceOps,
  type EventStore,
  IdempotencyConflict,
  manualClock,
  RegisterKeyTags,
  type ServiceOps,
} from "svcops";
import { afterEach, describe, expect, it } from "vitest";
import { type SharedStore, sharedStores } from "../support/shared-stores.js";
import { desk, lead, NOW, SITE } from "./fixtures.js";

/** Memory, SQLite and PostgreSQL (a throwaway cluster for this file). */
const STORES = sharedStores({ postgres: true });

const checkIn = CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "17", gender: "male" });
const ids = (result: { events: readonly { eventId: string }[] }) =>
  result.events.map((e) => e.eventId);

for (const make of STORES) {
  describe(`The same command id on one ${make().name} store`, () => {
    let shared: SharedStore | undefined;
    afterEach(async () => {
      await shared?.release();
      shared = undefined;
    });

    /** The store the instances share (the first connection), for checking what was stored. */
    let store: EventStore = createMemoryStore();

    async function instances(count: number): Promise<ServiceOps[]> {
      shared = make();
      const clock = manualClock(NOW);
      const all: ServiceOps[] = [];
      for (let i = 0; i < count; i++) {
        const opened = await shared.open();
        if (i === 0) store = opened;
        all.push(createServiceOps({ site: { id: SITE }, store: opened, clock }));
      }
      await all[0]?.execute(RegisterKeyTags({ tags: ["17", "18"] }), { actor: lead });
      return all;
    }

    it("sent twice at the same moment: one append, and the second caller gets the first result", async () => {
      const [ops] = (await instances(1)) as [ServiceOps];
      const [a, b] = await Promise.all([
        ops.execute(checkIn, { actor: desk, commandId: "tap" }),
        ops.execute(checkIn, { actor: desk, commandId: "tap" }),
      ]);
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      expect(ids(b)).toEqual(ids(a));
      expect((await store.readStream(`${SITE}/visit/v-1`)).length).toBe(1);
    });

    it("sent five times at once, then again later: appended once, every caller gets its events", async () => {
      const [ops] = (await instances(1)) as [ServiceOps];
      const charge = ChargeTab({ visitId: "v-1", amount: 500, source: "waterBar" });
      await ops.execute(checkIn, { actor: desk });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => ops.execute(charge, { actor: desk, commandId: "c" })),
      );
      expect(results.filter((r) => !r.duplicate).length).toBe(1);
      const later = await ops.execute(charge, { actor: desk, commandId: "c" });
      const [first] = results;
      for (const result of [...results, later]) expect(ids(result)).toEqual(first && ids(first));
      expect((await store.readStream(`${SITE}/visit/v-1`)).length).toBe(2);
    });

    it("a different command with an id in flight is an IdempotencyConflict, and appends nothing", async () => {
      const [ops] = (await instances(1)) as [ServiceOps];
      const other = CheckInMember({
        visitId: "v-2",
        memberCard: "M-2",
        keyTag: "18",
        gender: "male",
      });
      const [a, b] = await Promise.allSettled([
        ops.execute(checkIn, { actor: desk, commandId: "k" }),
        ops.execute(other, { actor: desk, commandId: "k" }),
      ]);
      expect(a.status).toBe("fulfilled");
      expect(b.status === "rejected" && b.reason instanceof IdempotencyConflict).toBe(true);
      expect((await store.readStream(`${SITE}/visit/v-2`)).length).toBe(0);
    });

    it("sent at the same moment by two app instances, 20 rounds: appended once, both get the first result", async () => {
      const [one, two] = (await instances(2)) as [ServiceOps, ServiceOps];
      for (let round = 0; round < 20; round++) {
        const command = CheckInMember({
          visitId: `r-${round}`,
          memberCard: `M-${round}`,
          keyTag: round % 2 === 0 ? "17" : "18",
          gender: "female",
        });
        const commandId = `round-${round}`;
        const [a, b] = await Promise.all([
          one.execute(command, { actor: desk, commandId }),
          two.execute(command, { actor: desk, commandId }),
        ]);
        expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
        expect(ids(a)).toEqual(ids(b));
        expect((await store.readStream(`${SITE}/visit/r-${round}`)).length).toBe(1);
        // Free the tag for a later round.
        await one.execute(
          { type: "CheckOutMember", data: { visitId: `r-${round}`, keyTag: command.data.keyTag } },
          { actor: desk },
        );
      }
    });

    it("after a restart (a new instance on the same store) the same id gets the first result", async () => {
      const [ops] = (await instances(1)) as [ServiceOps];
      const first = await ops.execute(checkIn, { actor: desk, commandId: "before-restart" });
      if (!shared) throw new Error("no store");
      const restarted = createServiceOps({
        site: { id: SITE },
        store: await shared.open(),
        clock: manualClock(NOW),
      });
      const again = await restarted.execute(checkIn, { actor: desk, commandId: "before-restart" });
      expect(again.duplicate).toBe(true);
      expect(ids(again)).toEqual(ids(first));
    });
  });
}

describe("commandId itself", () => {
  const bad: readonly [string, unknown][] = [
    ["null", null],
    ["a number", 42],
    ["an object", { id: "k" }],
    ["an empty string", ""],
    ["a string of 257 characters", "k".repeat(257)],
    ["a NUL character", "k\u0000"],
    ["a lone surrogate", "k\ud800"],
  ];
  for (const [what, commandId] of bad) {
    it(`${what} is a ValidationError naming commandId, and appends nothing`, async () => {
      const store = createMemoryStore();
      const ops = createServiceOps({ site: { id: SITE }, store, clock: manualClock(NOW) });
      await ops.execute(RegisterKeyTags({ tags: ["17"] }), { actor: lead });
      const error = await ops
        .execute(checkIn, { actor: desk, commandId: commandId as string })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "ValidationError" });
      expect((error as { issues: { path: string }[] }).issues[0]?.path).toBe("commandId");
      expect((await store.readStream(`${SITE}/visit/v-1`)).length).toBe(0);
    });
  }

  it("correlationId and causationId are checked the same way", async () => {
    const ops = createServiceOps({ site: { id: SITE }, clock: manualClock(NOW) });
    for (const field of ["correlationId", "causationId"] as const) {
      const error = await ops
        .execute(checkIn, { actor: desk, [field]: 7 as unknown as string })
        .catch((e: unknown) => e);
      expect((error as { issues: { path: string }[] }).issues[0]?.path).toBe(field);
    }
  });

  it("execute without options is a ValidationError naming the actor, not a TypeError", async () => {
    const ops = createServiceOps({ site: { id: SITE }, clock: manualClock(NOW) });
    const error = await (ops.execute as (c: unknown) => Promise<unknown>)(checkIn).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "ValidationError" });
    expect((error as { issues: { path: string }[] }).issues[0]?.path).toBe("actor");
  });
});
