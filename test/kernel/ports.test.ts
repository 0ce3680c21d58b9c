import {
  fingerprint,
  manualClock,
  StateCache,
  SvcOpsError,
  sequentialIds,
  ulidIds,
  VersionConflict,
} from "svcops";
import { decodeTime, isValid } from "ulid";
import { describe, expect, it } from "vitest";

describe("Clock and id ports", () => {
  it("a manual clock moves only when told", () => {
    const clock = manualClock("2026-11-22T02:00:00Z");
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe("2026-11-22T02:01:30.000Z");
    clock.set("2026-11-23T00:00:00Z");
    expect(clock.now().toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => manualClock("not a date")).toThrow(RangeError);
  });

  it("ULIDs follow the clock and sort in creation order within a millisecond", () => {
    const clock = manualClock("2026-11-22T02:00:00Z");
    const ids = ulidIds(clock);
    const made = Array.from({ length: 1000 }, () => ids.next());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(1000);
    clock.advance(1);
    const later = ids.next();
    expect(later > (made.at(-1) as string)).toBe(true);
    expect(sequentialIds("evt").next()).toBe("evt-000001");
  });

  it("ULIDs are valid ULIDs carrying the clock's time, as the ulid package reads them", () => {
    const clock = manualClock("2026-11-22T02:00:00.123Z");
    const ids = ulidIds(clock);
    for (let i = 0; i < 100; i++) {
      const id = ids.next();
      expect(isValid(id)).toBe(true);
      expect(decodeTime(id)).toBe(clock.now().getTime());
      clock.advance(i % 3);
    }
    clock.set("2026-11-22T01:00:00Z");
    const afterGoingBack = ids.next();
    expect(decodeTime(afterGoingBack)).toBe(Date.parse("2026-11-22T02:00:00.123Z") + 99);
  });

  it("fingerprints tell commands apart and are stable", () => {
    expect(fingerprint("A", { x: 1 })).toBe(fingerprint("A", { x: 1 }));
    expect(fingerprint("A", { x: 1 })).not.toBe(fingerprint("A", { x: 2 }));
    expect(fingerprint("A", { x: 1 })).not.toBe(fingerprint("B", { x: 1 }));
  });

  it("fingerprints are the same from version to version: stores keep them with command ids", () => {
    // Values of the first implementation (the digest of `${type}:${JSON.stringify(data)}`); a
    // change here would answer a retried command stored before an upgrade with IdempotencyConflict.
    expect(fingerprint("ChargeTab", { visitId: "v-1", amount: 1500, source: "waterBar" })).toBe(
      "t8tj4gfvcw",
    );
    expect(
      fingerprint("SellItems", {
        location: "bar",
        receiptNumber: 7,
        lines: [{ item: "水", quantity: 1, unitPrice: 300 }],
        payment: { keyTag: "17" },
      }),
    ).toBe("1eg7djtamw8");
    expect(fingerprint("X", undefined)).toBe("n9m5wuu3cw");
    expect(fingerprint("", {})).toBe("y23wo5goon");
    expect(fingerprint("CheckInMember", { visitId: "v-\uD83D\uDE00", memberCard: "M1" })).toBe(
      "21souic88gz",
    );
  });
});

describe("StateCache", () => {
  it("keeps the most recently used entries up to its capacity", () => {
    const cache = new StateCache(2);
    cache.set("a", { version: 1, state: "A" });
    cache.set("b", { version: 1, state: "B" });
    cache.get("a");
    cache.set("c", { version: 1, state: "C" });
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.state).toBe("A");
    expect(cache.size).toBe(2);
  });
});

describe("Errors", () => {
  it("are Errors with a string code and a readable message", () => {
    const error = new VersionConflict("club-1/visit/v-1", "no-stream", 3);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(SvcOpsError);
    expect(error.name).toBe("VersionConflict");
    expect(error.code).toBe("version_conflict");
    expect(error.message).toBe(
      "Stream club-1/visit/v-1 expected to not exist but is at version 3.",
    );
  });
});
