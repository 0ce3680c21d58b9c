/**
 * Properties of the handover book (S5) under any sequence of check-ins, visitors, card sales,
 * phone inquiries and handovers over two business days: each shift's entry holds exactly the
 * events of its day between the previous handover and its own, so every event counts in one
 * shift, and the shifts of a day add up to the day's totals.
 */
import fc from "fast-check";
import {
  foldProjection,
  HandoverEntryWritten,
  handoverBook,
  InquiryRecorded,
  MemberCheckedIn,
  MembershipCardSold,
  type ShiftFigures,
  VisitorRegistered,
} from "svcops";
import { envelop } from "svcops/testing";
import { describe, expect, it } from "vitest";

const DAYS = ["2026-11-22", "2026-11-23"] as const;
const by = { staffId: "desk-1", role: "frontDesk", at: "2026-11-22T02:00:00.000Z" };

type Step =
  | {
      kind: "checkIn";
      day: 0 | 1;
      category: "member" | "trial" | "coach";
      gender: "female" | "male";
    }
  | { kind: "visitor"; day: 0 | 1; gender: "female" | "male" }
  | { kind: "card"; day: 0 | 1; cardType: "annual" | "10-visit"; price: number }
  | { kind: "inquiry"; day: 0 | 1 }
  | { kind: "handover"; day: 0 | 1 };

const day = fc.constantFrom(0 as const, 1 as const);
const gender = fc.constantFrom("female" as const, "male" as const);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("checkIn" as const),
    day,
    category: fc.constantFrom("member" as const, "trial" as const, "coach" as const),
    gender,
  }),
  fc.record({ kind: fc.constant("visitor" as const), day, gender }),
  fc.record({
    kind: fc.constant("card" as const),
    day,
    cardType: fc.constantFrom("annual" as const, "10-visit" as const),
    price: fc.integer({ min: 0, max: 500_000 }),
  }),
  fc.record({ kind: fc.constant("inquiry" as const), day }),
  fc.record({ kind: fc.constant("handover" as const), day }),
);

function eventOf(s: Step, index: number) {
  const businessDay = DAYS[s.day];
  switch (s.kind) {
    case "checkIn":
      return MemberCheckedIn({
        visitId: `v-${index}`,
        memberCard: `M-${index}`,
        keyTag: `${index}`,
        category: s.category,
        gender: s.gender,
        businessDay,
      });
    case "visitor":
      return VisitorRegistered({
        visitorId: `g-${index}`,
        name: "Li Wei",
        phone: "13800000000",
        gender: s.gender,
        firstVisit: true,
        businessDay,
        deskSignature: by,
      });
    case "card":
      return MembershipCardSold({ cardType: s.cardType, price: s.price, businessDay, by });
    case "inquiry":
      return InquiryRecorded({
        callId: `t-${index}`,
        callerName: "Wang Fang",
        callbackNumber: "13900000000",
        hasAppointment: false,
        businessDay,
        by,
      });
    case "handover":
      return HandoverEntryWritten({
        businessDay,
        shift: `shift-${index}`,
        notableEvents: [],
        ordersFromAbove: [],
        outgoing: by,
      });
  }
}

/** The reference: count a shift's steps directly. */
function figuresOf(steps: readonly Step[]): ShiftFigures {
  const entries = {
    member: { female: 0, male: 0 },
    trial: { female: 0, male: 0 },
    visitor: { female: 0, male: 0 },
    coach: { female: 0, male: 0 },
  };
  const cardsSold: Record<string, { count: number; amount: number }> = {};
  let phoneInquiries = 0;
  for (const s of steps) {
    if (s.kind === "checkIn") entries[s.category][s.gender] += 1;
    if (s.kind === "visitor") entries.visitor[s.gender] += 1;
    if (s.kind === "inquiry") phoneInquiries += 1;
    if (s.kind === "card") {
      const sold = cardsSold[s.cardType] ?? { count: 0, amount: 0 };
      cardsSold[s.cardType] = { count: sold.count + 1, amount: sold.amount + s.price };
    }
  }
  return { entries, cardsSold, phoneInquiries } as ShiftFigures;
}

describe("Handover book properties", () => {
  it("S5 each entry holds exactly its shift's events, and every event counts in one shift", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const view = foldProjection(handoverBook, envelop(steps.map(eventOf)));
        for (const [d, businessDay] of DAYS.entries()) {
          const mine = steps.filter((s) => s.day === d);
          const shifts: Step[][] = [[]];
          for (const s of mine) {
            if (s.kind === "handover") shifts.push([]);
            else shifts[shifts.length - 1]?.push(s);
          }
          const book = view.get(businessDay);
          if (mine.length === 0) {
            expect(book).toBeUndefined();
            continue;
          }
          const expected = shifts.map(figuresOf);
          expect(book?.entries.map((e) => e.figures)).toEqual(expected.slice(0, -1));
          expect(book?.open).toEqual(expected[expected.length - 1]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
