/**
 * A business day whose close has begun takes no more front-desk commands dated in it (S7): the
 * refusal is a RuleViolation naming S7 and nothing is appended. The check is a guard on the
 * day's close stream inside the command's own append, so it holds across app instances: a
 * check-in racing the close either lands before it or is refused (memory and SQLite).
 */
import {
  BeginDayClose,
  CheckInMember,
  CheckOutMember,
  CountOpeningStock,
  createServiceOps,
  type EventStore,
  LendUmbrella,
  ListItems,
  manualClock,
  RegisterKeyTags,
  RegisterVisitor,
  RuleViolation,
  SellItems,
  type ServiceOps,
} from "svcops";
import { readAllFrom } from "svcops/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type SharedStore, sharedStores } from "../support/shared-stores.js";
import { at, DAY, desk, desk2, dutyManager, HOURS, lead, SITE } from "./day-close-fixtures.js";

const checkIn = (visitId: string, keyTag: string) =>
  CheckInMember({ visitId, memberCard: `M-${visitId}`, keyTag, gender: "male" });

function s7(error: unknown): boolean {
  return error instanceof RuleViolation && error.rule === "S7";
}

async function club(store: EventStore, clock = manualClock(at("21:00"))) {
  return createServiceOps({ site: { id: SITE, ...HOURS }, clock, store });
}

describe("a business day whose close has begun (S7)", () => {
  it("S7 refuses a check-in dated in it with a RuleViolation naming S7, and appends nothing", async () => {
    const { createMemoryStore } = await import("svcops");
    const store = createMemoryStore();
    const ops = await club(store);
    await ops.execute(RegisterKeyTags({ tags: ["17", "18"] }), { actor: lead });
    await ops.execute(checkIn("v-1", "17"), { actor: desk });
    await ops.execute(BeginDayClose({ businessDay: DAY }), { actor: dutyManager });
    const before = (await readAllFrom(store)).events.length;
    const refusal = ops.execute(checkIn("v-2", "18"), { actor: desk });
    await expect(refusal).rejects.toThrow(RuleViolation);
    await expect(refusal).rejects.toThrow(
      "S7: business day 2026-12-06 is closing: the desk takes no more CheckInMember for it.",
    );
    expect((await readAllFrom(store)).events.length).toBe(before);
  });

  it("S7 refuses a check-out, a visitor's registration and an umbrella loan too; the next business day's desk is open", async () => {
    const { createMemoryStore } = await import("svcops");
    const clock = manualClock(at("21:00"));
    const ops = await club(createMemoryStore(), clock);
    await ops.execute(RegisterKeyTags({ tags: ["17", "18"] }), { actor: lead });
    await ops.execute(checkIn("v-1", "17"), { actor: desk });
    await ops.execute(BeginDayClose({ businessDay: DAY }), { actor: dutyManager });
    const refused = [
      ops.execute(CheckOutMember({ visitId: "v-1", keyTag: "17" }), { actor: desk }),
      ops.execute(
        RegisterVisitor({
          visitorId: "g-1",
          name: "Zhao Lei",
          phone: "13900000000",
          gender: "male",
          firstVisit: true,
        }),
        { actor: desk },
      ),
      ops.execute(
        LendUmbrella({
          loanId: "u-1",
          customer: { name: "Li Na", phone: "13800000000" },
          umbrellaNumber: "U-1",
          paymentMethod: "cash",
        }),
        { actor: desk },
      ),
    ];
    for (const refusal of refused) await expect(refusal).rejects.toSatisfy(s7);
    clock.set(at("10:00", "2026-12-07"));
    await ops.execute(CheckOutMember({ visitId: "v-1", keyTag: "17" }), { actor: desk });
    await ops.execute(checkIn("v-2", "18"), { actor: desk });
  });

  it("S7 refuses a water-bar sale on a member's key tag (its charge to the visit is a front-desk command); a cash sale at the bar is the inventory's", async () => {
    const { createMemoryStore } = await import("svcops");
    const ops = await club(createMemoryStore());
    await ops.execute(RegisterKeyTags({ tags: ["17"] }), { actor: lead });
    await ops.execute(ListItems({ location: "bar", items: [{ item: "water", kind: "goods" }] }), {
      actor: lead,
    });
    await ops.execute(
      CountOpeningStock({ location: "bar", counts: [{ item: "water", quantity: 10 }] }),
      { actor: lead },
    );
    await ops.execute(checkIn("v-1", "17"), { actor: desk });
    await ops.execute(BeginDayClose({ businessDay: DAY }), { actor: dutyManager });
    const sale = (receiptNumber: number, payment: { keyTag: string } | { method: "cash" }) =>
      SellItems({
        location: "bar",
        receiptNumber,
        lines: [{ item: "water", quantity: 1, unitPrice: 500 }],
        payment,
      });
    await expect(ops.execute(sale(1, { keyTag: "17" }), { actor: lead })).rejects.toThrow(
      /S7: business day 2026-12-06 is closing: the desk takes no more ChargeTab for it/,
    );
    await ops.execute(sale(1, { method: "cash" }), { actor: lead });
  });

  it("S7 refuses to begin the close of a day that has not come, or twice", async () => {
    const { createMemoryStore } = await import("svcops");
    const ops = await club(createMemoryStore());
    await expect(
      ops.execute(BeginDayClose({ businessDay: "2026-12-07" }), { actor: dutyManager }),
    ).rejects.toThrow(/S7: business day 2026-12-07 has not come yet/);
    await ops.execute(BeginDayClose({ businessDay: DAY }), { actor: dutyManager });
    await expect(
      ops.execute(BeginDayClose({ businessDay: DAY }), { actor: dutyManager }),
    ).rejects.toThrow(/S7: business day 2026-12-06: cannot begin its close, its close has begun/);
  });
});

for (const make of sharedStores()) {
  describe(`The close and the desk on two app instances sharing one ${make().name} store`, () => {
    let shared: SharedStore | undefined;
    afterEach(async () => {
      await shared?.release();
      shared = undefined;
    });

    async function twoInstances(): Promise<[ServiceOps, ServiceOps, EventStore]> {
      shared = make();
      const clock = manualClock(at("21:00"));
      const storeA = await shared.open();
      const storeB = await shared.open();
      const a = await club(storeA, clock);
      const b = await club(storeB, clock);
      const tags = Array.from({ length: 40 }, (_, i) => String(i + 1));
      await a.execute(RegisterKeyTags({ tags }), { actor: lead });
      // Both instances have decided a front-desk command: each caches the day as open.
      await a.execute(checkIn("warm-a", "1"), { actor: desk });
      await b.execute(checkIn("warm-b", "2"), { actor: desk2 });
      return [a, b, storeA];
    }

    it("S7 an instance whose cache still shows the day open is refused once another began the close, and appends nothing", async () => {
      const [a, b, store] = await twoInstances();
      await a.execute(BeginDayClose({ businessDay: DAY }), { actor: dutyManager });
      const before = (await readAllFrom(store)).events.length;
      await expect(b.execute(checkIn("late", "3"), { actor: desk2 })).rejects.toSatisfy(s7);
      expect((await readAllFrom(store)).events.length).toBe(before);
    });

    it("S7 check-ins racing the close on another instance each land before the close or are refused", async () => {
      const [a, b, store] = await twoInstances();
      let landed = 0;
      let closed!: Promise<unknown>;
      const closing = new Promise<void>((resolve) => {
        closed = (async () => {
          // The close goes out while two desks on the other instance keep checking members in.
          while (landed < 4) await new Promise((r) => setImmediate(r));
          await a.execute(BeginDayClose({ businessDay: DAY }), { actor: dutyManager });
          resolve();
        })();
      });
      const lane = async (n: number) => {
        const outcomes: unknown[] = [];
        for (let i = 0; i < 12; i++) {
          // The last two of each lane go after the close has landed: they must be refused.
          if (i === 10) await closing;
          const visitId = `r-${n}-${i}`;
          outcomes.push(
            await b.execute(checkIn(visitId, String(n * 12 + i + 3)), { actor: desk2 }).then(
              () => {
                landed++;
                return "landed";
              },
              (error: unknown) => error,
            ),
          );
        }
        return outcomes;
      };
      const outcomes = (await Promise.all([lane(0), lane(1), closed]))
        .slice(0, 2)
        .flat() as unknown[];
      const refused = outcomes.filter((o) => o !== "landed");
      for (const error of refused) expect(s7(error)).toBe(true);
      expect(refused.length).toBeGreaterThanOrEqual(4);
      const { events } = await readAllFrom(store);
      const begun = events.find((e) => e.type === "DayCloseBegun");
      const racedIn = events.filter(
        (e) =>
          e.type === "MemberCheckedIn" &&
          String((e.data as { visitId: string }).visitId).startsWith("r-"),
      );
      expect(racedIn).toHaveLength(landed);
      for (const event of events) {
        if (event.type === "MemberCheckedIn" || event.type === "KeyTagIssued") {
          expect(Number(event.globalPosition)).toBeLessThan(Number(begun?.globalPosition));
        }
      }
      // After the race every instance refuses the day.
      await expect(a.execute(checkIn("after", "40"), { actor: desk })).rejects.toSatisfy(s7);
    });
  });
}
