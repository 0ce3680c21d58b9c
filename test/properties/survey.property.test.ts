/**
 * Properties of Q1's sample: for any population of members and visitors and any seed, the draw
 * is the same whatever the order of the population or of the events it was folded from, takes
 * min(300, population) distinct customers of the population, and everyone when fewer than 300.
 */
import fc from "fast-check";
import {
  type CustomerRef,
  customerKey,
  drawSample,
  foldProjection,
  MemberCheckedIn,
  quarterCustomers,
  SURVEY_SAMPLE_SIZE,
  surveyPopulation,
  VisitorRegistered,
} from "svcops";
import { envelop } from "svcops/testing";
import { describe, expect, it } from "vitest";

const customer: fc.Arbitrary<CustomerRef> = fc.record({
  kind: fc.constantFrom("member" as const, "visitor" as const),
  id: fc.integer({ min: 1, max: 2000 }).map(String),
});
const population = fc.uniqueArray(customer, { selector: customerKey, maxLength: 700 });
const seed = fc.integer({ min: 0, max: 0xffff_ffff });

function visitOf(c: CustomerRef, i: number, day: string) {
  return c.kind === "member"
    ? MemberCheckedIn({
        visitId: `v-${i}`,
        memberCard: c.id,
        keyTag: "1",
        category: "member",
        gender: "female",
        businessDay: day,
      })
    : VisitorRegistered({
        visitorId: c.id,
        name: "Li Wei",
        phone: "13800000000",
        gender: "male",
        firstVisit: true,
        businessDay: day,
        deskSignature: { staffId: "desk-1", role: "frontDesk" },
      });
}

/** A list and the same list in another order. */
const withShuffle = <T>(list: readonly T[]) =>
  fc.tuple(fc.constant(list), fc.shuffledSubarray([...list], { minLength: list.length }));

describe("Survey properties", () => {
  it("Q1 property: the same seed and the same customers give the same sample, of min(300, n) of them", () => {
    fc.assert(
      fc.property(population.chain(withShuffle), seed, ([people, shuffled], s) => {
        const sample = drawSample(people, s, SURVEY_SAMPLE_SIZE);
        expect(drawSample(shuffled, s, SURVEY_SAMPLE_SIZE)).toEqual(sample);
        expect(sample).toHaveLength(Math.min(SURVEY_SAMPLE_SIZE, people.length));
        const keys = new Set(people.map(customerKey));
        expect(new Set(sample.map(customerKey)).size).toBe(sample.length);
        expect(sample.every((c) => keys.has(customerKey(c)))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("Q1 property: the population drawn from does not depend on the order of the quarter's events", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(customer, fc.constantFrom("2026-10-01", "2026-11-22", "2026-12-31")), {
            maxLength: 200,
          })
          .map((visits) => visits.map(([c, day], i) => [c, visitOf(c, i, day)] as const))
          .chain(withShuffle),
        ([visits, reordered]) => {
          const events = visits.map(([, event]) => event);
          const a = surveyPopulation(foldProjection(quarterCustomers, envelop(events)), "2026-Q4");
          const b = surveyPopulation(
            foldProjection(quarterCustomers, envelop(reordered.map(([, event]) => event))),
            "2026-Q4",
          );
          expect(b).toEqual(a);
          expect(a.map(customerKey)).toEqual(
            [...new Set(visits.map(([c]) => customerKey(c)))].sort(),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
