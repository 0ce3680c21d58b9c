/**
 * Every bad input gets a typed error that names the field, and changes nothing: misspelt
 * fields, text no store keeps alike, amounts whose sums would stop being exact, and a clock
 * that gives an instant svcops cannot stamp.
 */
import {
  ChargeTab,
  CheckInMember,
  ClockError,
  createMemoryStore,
  createServiceOps,
  defaultAggregates,
  MAX_FEN,
  manualClock,
  RegisterKeyTags,
  ulidIds,
  ValidationError,
} from "svcops";
import { describe, expect, it } from "vitest";
import { sharedStores } from "../support/shared-stores.js";
import { desk, lead, NOW, openDesk, SITE, waterBar } from "./fixtures.js";

/** Memory, SQLite and PostgreSQL (a throwaway cluster for this file). */
const STORES = sharedStores({ postgres: true });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the command to be refused");
    },
    (error: unknown) => error,
  );
}
const paths = (error: unknown) => (error as ValidationError).issues.map((i) => i.path);

describe("Unknown fields", () => {
  it("a misspelt optional field is refused with a ValidationError naming it, not dropped", async () => {
    const { ops, store } = await openDesk();
    await ops.execute(
      CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "1", gender: "male" }),
      { actor: desk },
    );
    const before = store.size;
    const error = await failure(
      ops.execute(
        {
          type: "ChargeTab",
          data: { visitId: "v-1", amount: 500, source: "waterBar", refrence: "R-1" },
        } as never,
        { actor: waterBar },
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain("refrence");
    expect(store.size).toBe(before);
  });

  it("every command svcops ships refuses an unknown field", () => {
    for (const aggregate of defaultAggregates) {
      for (const definition of aggregate.commands) {
        const parsed = definition.schema.safeParse({ surprise: 1 });
        expect(parsed.success, definition.type).toBe(false);
        const messages = parsed.error?.issues.map((i) => `${i.code} ${i.message}`).join("; ");
        expect(messages, definition.type).toMatch(/unrecognized_keys|surprise/);
      }
    }
  });
});

describe("Text no store keeps alike", () => {
  const cases: readonly [string, string][] = [
    ["a NUL character", "v-1\u0000"],
    ["a lone high surrogate", "v-\ud800"],
    ["a lone low surrogate", "v-\udc00"],
  ];
  for (const make of STORES) {
    for (const [what, visitId] of cases) {
      it(`${what} in an id is a ValidationError naming the field on ${make().name}, and nothing is stored`, async () => {
        const shared = make();
        try {
          const store = await shared.open();
          const ops = createServiceOps({
            site: { id: SITE },
            store,
            clock: manualClock(NOW),
          });
          await ops.execute(RegisterKeyTags({ tags: ["1"] }), { actor: lead });
          const error = await failure(
            ops.execute(
              {
                type: "CheckInMember",
                data: { visitId, memberCard: "M-1", keyTag: "1", gender: "male" },
              },
              { actor: desk },
            ),
          );
          expect(error).toBeInstanceOf(ValidationError);
          expect(paths(error)).toEqual(["data.visitId"]);
          expect((await store.readAll()).events.length).toBe(1);
        } finally {
          await shared.release();
        }
      });
    }
  }

  it("the command's own builder refuses it too", () => {
    expect(() =>
      CheckInMember({ visitId: "v\u0000", memberCard: "M-1", keyTag: "1", gender: "male" }),
    ).toThrow(ValidationError);
  });
});

describe("Money stays exact", () => {
  it("an amount above MAX_FEN is a ValidationError naming data.amount", async () => {
    const { ops } = await openDesk();
    await ops.execute(
      CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "1", gender: "male" }),
      { actor: desk },
    );
    const error = await failure(
      ops.execute(
        {
          type: "ChargeTab",
          data: { visitId: "v-1", amount: Number.MAX_SAFE_INTEGER, source: "waterBar" },
        },
        { actor: waterBar },
      ),
    );
    expect(paths(error)).toEqual(["data.amount"]);
  });

  it("charges whose total would pass MAX_FEN are refused, so a tab can always be settled to zero", async () => {
    const { ops, store } = await openDesk();
    await ops.execute(
      CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "1", gender: "male" }),
      { actor: desk },
    );
    const charge = ChargeTab({ visitId: "v-1", amount: MAX_FEN, source: "waterBar" });
    await ops.execute(charge, { actor: waterBar });
    const before = store.size;
    const error = await failure(ops.execute(charge, { actor: waterBar }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(paths(error)).toEqual(["data.amount"]);
    expect(store.size).toBe(before);
    await ops.execute(
      { type: "SettleTab", data: { visitId: "v-1", amount: MAX_FEN, method: "card" } },
      { actor: desk },
    );
    await ops.execute(
      { type: "CheckOutMember", data: { visitId: "v-1", keyTag: "1" } },
      { actor: desk },
    );
  });
});

describe("A clock svcops cannot stamp", () => {
  const instants: readonly [string, Date][] = [
    ["before 1970", new Date("1969-12-31T23:59:59.000Z")],
    ["an invalid Date", new Date(Number.NaN)],
    ["past the last ULID millisecond", new Date(281_474_976_710_656)],
  ];
  for (const [what, instant] of instants) {
    it(`${what} is a ClockError, and nothing is stored`, async () => {
      const store = createMemoryStore();
      const ops = createServiceOps({ site: { id: SITE }, store, clock: { now: () => instant } });
      const error = await failure(ops.execute(RegisterKeyTags({ tags: ["1"] }), { actor: lead }));
      expect(error).toBeInstanceOf(ClockError);
      expect((error as ClockError).code).toBe("clock_out_of_range");
      expect((await store.readAll()).events.length).toBe(0);
    });
  }

  it("ulidIds refuses a clock before 1970 even after a valid id (no id of NUL characters, none repeated)", () => {
    let now = Date.parse(NOW);
    const ids = ulidIds({ now: () => new Date(now) });
    const first = ids.next();
    expect(first).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    now = -5;
    expect(() => ids.next()).toThrow(ClockError);
    const fresh = ulidIds({ now: () => new Date(-5) });
    expect(() => fresh.next()).toThrow(ClockError);
  });
});

describe("Who and where", () => {
  for (const make of STORES) {
    it(`an actor id with a NUL or a lone surrogate, or of 129 characters, is a ValidationError naming actor.id on ${make().name}, and nothing is stored`, async () => {
      const shared = make();
      try {
        const store = await shared.open();
        const ops = createServiceOps({ site: { id: SITE }, store, clock: manualClock(NOW) });
        await ops.execute(RegisterKeyTags({ tags: ["1"] }), { actor: lead });
        for (const id of ["desk\u0000", "desk\ud800", "d".repeat(129)]) {
          const error = await failure(
            ops.execute(
              CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "1", gender: "male" }),
              { actor: { id, role: "frontDesk", sites: [SITE] } },
            ),
          );
          expect(paths(error)).toEqual(["actor.id"]);
        }
        expect((await store.readAll()).events.length).toBe(1);
      } finally {
        await shared.release();
      }
    });
  }

  it("a stream id that is not clean text is a ValidationError naming streamId, not a store error", async () => {
    const { ops } = await openDesk();
    const { visitAggregate } = await import("svcops");
    for (const streamId of [`${SITE}/visit/\u0000`, `${SITE}/visit/\ud800`, 42, null]) {
      const error = await failure(ops.state(visitAggregate, streamId as string));
      expect(paths(error)).toEqual(["streamId"]);
    }
  });

  it("options are read once: a getter cannot pass the check with one id and be stored with another", async () => {
    const store = createMemoryStore();
    const ops = createServiceOps({ site: { id: SITE }, store, clock: manualClock(NOW) });
    let reads = 0;
    const options = {
      actor: lead,
      get commandId() {
        reads += 1;
        return reads === 1 ? "fine" : ({ evil: true } as unknown as string);
      },
    };
    const result = await ops.execute(RegisterKeyTags({ tags: ["1"] }), options);
    expect(result.commandId).toBe("fine");
    expect((await store.readAll()).events[0]?.metadata.commandId).toBe("fine");
  });

  it("an app's aggregate that puts a stream outside the site is refused, and nothing is stored", async () => {
    const { defineAggregate, defineCommand, defineEvent, Unauthorized } = await import("svcops");
    const { z } = await import("zod");
    const Note = defineCommand("Note", z.strictObject({ key: z.string() }), {
      roles: ["teamLead"],
    });
    const Noted = defineEvent("Noted", z.object({ key: z.string() }));
    const notes = defineAggregate({
      name: "notes",
      version: 1,
      decider: {
        initialState: 0,
        decide: (command: ReturnType<typeof Note>) => [Noted({ key: command.data.key })],
        evolve: (n: number) => n + 1,
      },
      commands: [Note],
      events: [Noted],
      streamId: (command: ReturnType<typeof Note>) => `club-2/notes/${command.data.key}`,
    });
    const store = createMemoryStore();
    const ops = createServiceOps({ site: { id: SITE }, store, aggregates: [notes] });
    await expect(ops.execute(Note({ key: "x" }), { actor: lead })).rejects.toBeInstanceOf(
      Unauthorized,
    );
    expect(store.size).toBe(0);
  });

  it("an unknown field is named in the issue's path", async () => {
    const { ops } = await openDesk();
    const error = await failure(
      ops.execute({ type: "RegisterKeyTags", data: { tags: ["9"], extra: 1, more: 2 } } as never, {
        actor: lead,
      }),
    );
    expect(paths(error)).toEqual(["data.extra", "data.more"]);
  });
});
