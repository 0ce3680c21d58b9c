import fc from "fast-check";
import { type KeyTagPoolEvent, keyTagPoolAggregate, replay } from "svcops";
import { describe, expect, it } from "vitest";

const tag = fc.constantFrom("1", "2", "3", "4", "5");
const visit = fc.constantFrom("v1", "v2", "v3");
const day = "2026-11-22";
const poolEvent: fc.Arbitrary<KeyTagPoolEvent> = fc.oneof(
  fc
    .array(tag, { minLength: 1, maxLength: 3 })
    .map((tags) => ({ type: "KeyTagsRegistered" as const, data: { tags } })),
  fc
    .record({ tag, visitId: visit })
    .map((d) => ({ type: "KeyTagIssued" as const, data: { ...d, businessDay: day } })),
  fc
    .record({ tag, visitId: visit })
    .map((d) => ({ type: "KeyTagReturned" as const, data: { ...d, businessDay: day } })),
  fc
    .record({ tag, reason: fc.constantFrom("lost" as const, "damaged" as const) })
    .map((d) => ({ type: "KeyTagRetired" as const, data: { ...d, businessDay: day } })),
);

describe("Snapshots", () => {
  it("property: snapshot + tail = full replay for the key-tag pool, at any split", () => {
    const { decider, snapshot } = keyTagPoolAggregate;
    if (!snapshot) throw new Error("the key-tag pool is snapshotted");
    fc.assert(
      fc.property(fc.array(poolEvent, { maxLength: 40 }), fc.nat(), (events, at) => {
        const split = events.length === 0 ? 0 : at % (events.length + 1);
        const head = replay(decider, events.slice(0, split));
        const restored = snapshot.decode(JSON.parse(JSON.stringify(snapshot.encode(head))));
        expect(replay(decider, events.slice(split), restored)).toEqual(replay(decider, events));
      }),
      { numRuns: 200 },
    );
  });
});
