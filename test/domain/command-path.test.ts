/**
 * What the façade guarantees around every rule: bad input, a refused rule or a missing right
 * changes nothing, and a command id sent twice is handled once.
 */
import {
  type Actor,
  ChargeTab,
  CheckInMember,
  CheckOutMember,
  createServiceOps,
  IdempotencyConflict,
  RegisterKeyTags,
  SettleTab,
  Unauthorized,
  ValidationError,
  visitAggregate,
  visitStream,
} from "svcops";
import { describe, expect, it } from "vitest";
import { desk, desk2, lead, openDesk, SITE, waterBar } from "./fixtures.js";

const checkIn = CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "1", gender: "male" });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the command to be refused");
    },
    (error: unknown) => error,
  );
}

describe("Visit through the façade", () => {
  describe("bad input changes nothing", () => {
    const cases: readonly [string, unknown, string][] = [
      [
        "an unknown gender",
        {
          type: "CheckInMember",
          data: { visitId: "v-1", memberCard: "M-1", keyTag: "1", gender: "x" },
        },
        "data.gender",
      ],
      [
        "an empty key tag",
        {
          type: "CheckInMember",
          data: { visitId: "v-1", memberCard: "M-1", keyTag: " ", gender: "male" },
        },
        "data.keyTag",
      ],
      [
        "a missing member card",
        { type: "CheckInMember", data: { visitId: "v-1", keyTag: "1", gender: "male" } },
        "data.memberCard",
      ],
      [
        "money in fractions of a fen",
        { type: "ChargeTab", data: { visitId: "v-1", amount: 15.5, source: "waterBar" } },
        "data.amount",
      ],
      [
        "a charge of nothing",
        { type: "ChargeTab", data: { visitId: "v-1", amount: 0, source: "waterBar" } },
        "data.amount",
      ],
      [
        "an unknown payment method",
        { type: "SettleTab", data: { visitId: "v-1", amount: 100, method: "cheque" } },
        "data.method",
      ],
      ["an unknown command type", { type: "CheckInEveryone", data: {} }, "type"],
    ];

    for (const [what, command, path] of cases) {
      it(`rejects ${what} with a ValidationError naming ${path}`, async () => {
        const { ops, store } = await openDesk();
        await ops.execute(checkIn, { actor: desk });
        const before = store.size;
        const error = await failure(ops.execute(command as never, { actor: desk }));
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).code).toBe("validation_failed");
        expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
        expect(store.size).toBe(before);
      });
    }

    it("the message creators refuse bad data before it reaches the façade", () => {
      expect(() =>
        ChargeTab({ visitId: "v-1", amount: -1 as never, source: "waterBar" }),
      ).toThrowError(ValidationError);
    });
  });

  describe("a refused rule appends nothing", () => {
    it("V4 a refused check-out leaves the visit and the pool as they were", async () => {
      const { ops, store } = await openDesk();
      await ops.execute(checkIn, { actor: desk });
      await ops.execute(ChargeTab({ visitId: "v-1", amount: 1200, source: "waterBar" }), {
        actor: waterBar,
      });
      const before = store.size;
      const error = await failure(
        ops.execute(CheckOutMember({ visitId: "v-1", keyTag: "1" }), { actor: desk }),
      );
      expect(error).toMatchObject({ code: "rule_violation", rule: "V4" });
      expect((error as Error).message).toMatch(/^V4: .*unpaid tab of ¥12\.00/);
      expect(store.size).toBe(before);
      const visit = await ops.state(visitAggregate, visitStream(SITE, "v-1"));
      expect(visit.state).toMatchObject({ status: "inside", tab: 1200 });
    });
  });

  describe("authority", () => {
    it("refuses a role that may not issue the command (the water bar cannot check members in)", async () => {
      const { ops, store } = await openDesk();
      const before = store.size;
      const error = await failure(ops.execute(checkIn, { actor: waterBar }));
      expect(error).toBeInstanceOf(Unauthorized);
      expect((error as Unauthorized).message).toContain("waterBar may not issue CheckInMember");
      expect(store.size).toBe(before);
    });

    it("refuses the front desk registering key tags (supervisors only)", async () => {
      const { ops, store } = await openDesk();
      const before = store.size;
      await expect(
        ops.execute(RegisterKeyTags({ tags: ["9"] }), { actor: desk }),
      ).rejects.toBeInstanceOf(Unauthorized);
      expect(store.size).toBe(before);
    });

    it("refuses an actor of another site, even in the right role", async () => {
      const { ops, store } = await openDesk();
      const stranger: Actor = { id: "desk-9", role: "frontDesk", sites: ["club-2"] };
      const before = store.size;
      const error = await failure(ops.execute(checkIn, { actor: stranger }));
      expect(error).toBeInstanceOf(Unauthorized);
      expect((error as Unauthorized).message).toContain("does not belong to site club-1");
      expect(store.size).toBe(before);
    });

    it("refuses the commands svcops issues itself (a tag is issued only by a check-in)", async () => {
      const { ops, store } = await openDesk();
      const before = store.size;
      await expect(
        ops.execute({ type: "IssueKeyTag", data: { tag: "1", visitId: "v-1" } }, { actor: desk }),
      ).rejects.toBeInstanceOf(Unauthorized);
      expect(store.size).toBe(before);
    });
  });

  describe("idempotency", () => {
    it("the same command id twice returns the first result and appends nothing", async () => {
      const { ops, store } = await openDesk();
      const first = await ops.execute(checkIn, { actor: desk, commandId: "kiosk-1" });
      const size = store.size;
      const again = await ops.execute(checkIn, { actor: desk, commandId: "kiosk-1" });
      expect(first.duplicate).toBe(false);
      expect(again.duplicate).toBe(true);
      expect(again.commandId).toBe("kiosk-1");
      expect(again.events).toEqual(first.events);
      expect(store.size).toBe(size);
    });

    it("a retried payment is taken once", async () => {
      const { ops, store } = await openDesk();
      await ops.execute(checkIn, { actor: desk });
      await ops.execute(ChargeTab({ visitId: "v-1", amount: 3000, source: "venue" }), {
        actor: desk,
      });
      const pay = SettleTab({ visitId: "v-1", amount: 1000, method: "card" });
      await ops.execute(pay, { actor: desk, commandId: "pos-7" });
      const size = store.size;
      expect((await ops.execute(pay, { actor: desk, commandId: "pos-7" })).duplicate).toBe(true);
      expect(store.size).toBe(size);
      const visit = await ops.state(visitAggregate, visitStream(SITE, "v-1"));
      expect(visit.state).toMatchObject({ tab: 2000 });
    });

    it("the same command id with different data is an IdempotencyConflict; the first result stands", async () => {
      const { ops, store } = await openDesk();
      await ops.execute(checkIn, { actor: desk, commandId: "kiosk-1" });
      const size = store.size;
      const other = CheckInMember({
        visitId: "v-2",
        memberCard: "M-2",
        keyTag: "2",
        gender: "male",
      });
      const error = await failure(ops.execute(other, { actor: desk, commandId: "kiosk-1" }));
      expect(error).toBeInstanceOf(IdempotencyConflict);
      expect(error).toMatchObject({ code: "idempotency_conflict", commandId: "kiosk-1" });
      expect(store.size).toBe(size);
      expect(await store.readStream(visitStream(SITE, "v-2"))).toHaveLength(0);
    });

    it("a refused command's id is free to use again", async () => {
      const { ops } = await openDesk();
      await expect(
        ops.execute(CheckOutMember({ visitId: "v-1", keyTag: "1" }), {
          actor: desk,
          commandId: "kiosk-2",
        }),
      ).rejects.toMatchObject({ rule: "V3" });
      const result = await ops.execute(checkIn, { actor: desk, commandId: "kiosk-2" });
      expect(result.duplicate).toBe(false);
    });
  });

  describe("two desks on one store, each with its own state cache", () => {
    it("a desk whose cached pool is stale neither double-issues a tag nor wrongly refuses one", async () => {
      const { ops: first, store, clock } = await openDesk();
      const second = createServiceOps({ site: { id: SITE }, store, clock });
      const tag1 = (visitId: string) =>
        CheckInMember({ visitId, memberCard: `M-${visitId}`, keyTag: "1", gender: "male" });
      // The second desk caches the pool; then the first desk gives out tag 1 behind it.
      await second.execute(
        CheckInMember({ visitId: "v-0", memberCard: "M-0", keyTag: "2", gender: "female" }),
        { actor: desk2 },
      );
      await first.execute(tag1("v-1"), { actor: desk });
      // Stale: its cache says tag 1 is free. The append conflicts, and it is decided again.
      await expect(second.execute(tag1("v-2"), { actor: desk2 })).rejects.toMatchObject({
        rule: "V2",
      });
      // Tag 1 comes back through the first desk; the second desk's cache still says it is out,
      // so the refusal it would decide from the cache is checked against the store first.
      await first.execute(CheckOutMember({ visitId: "v-1", keyTag: "1" }), { actor: desk });
      const result = await second.execute(tag1("v-3"), { actor: desk2 });
      expect(result.events.map((e) => e.type)).toEqual(["MemberCheckedIn", "KeyTagIssued"]);
    });
  });
});

describe("The front door is typed", () => {
  it("isShippedEvent narrows a stored envelope so that its data is typed", async () => {
    const { createMemoryStore, isShippedEvent } = await import("svcops");
    const store = createMemoryStore();
    const ops = createServiceOps({ site: { id: SITE }, store });
    await ops.execute(RegisterKeyTags({ tags: ["1"] }), { actor: lead });
    await ops.execute(checkIn, { actor: desk });
    const tags: string[] = [];
    for (const envelope of (await store.readAll()).events) {
      if (isShippedEvent(envelope) && envelope.type === "MemberCheckedIn") {
        tags.push(envelope.data.keyTag);
      }
    }
    expect(tags).toEqual(["1"]);
    const [first] = (await store.readAll()).events;
    expect(first && isShippedEvent({ ...first, type: "Unknown" } as never)).toBe(false);
  });

  it("roles, rule ids and commands are checked by the compiler", () => {
    // Each line below fails to compile without its @ts-expect-error (checked by `npm run typecheck`).
    // @ts-expect-error "frontdesk" is no role
    const typo: Actor = { id: "d", role: "frontdesk", sites: [SITE] };
    // @ts-expect-error "V99" is no rule id
    const rule: import("svcops").RuleId = "V99";
    const ops = createServiceOps({ site: { id: SITE } });
    const event = { type: "MemberCheckedIn", data: {} } as const;
    // @ts-expect-error an event is no command
    const sent = () => ops.execute(event, { actor: desk });
    expect([typo.role, rule, typeof sent]).toEqual(["frontdesk", "V99", "function"]);
  });
});
