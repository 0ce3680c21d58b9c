/**
 * The handover book (docs/handover.md, rule S5): each shift's entry is built from the shift's
 * events (entries by category and gender, cards sold by type, phone inquiries), with the notable
 * events and orders from above typed in, and is signed by the outgoing and the incoming staff
 * member.
 */
import {
  type Actor,
  AnswerCall,
  CheckInMember,
  CountersignHandover,
  dayCloseAggregate,
  dayCloseStream,
  emptyShiftFigures,
  HandOffVisitor,
  HandoverEntryCountersigned,
  HandoverEntryWritten,
  handoverBook,
  handoverBookDecider,
  handoverBookStream,
  MembershipCardSold,
  ReceiveVisitor,
  RecordInquiry,
  RegisterVisitor,
  receptionDecider,
  SellMembershipCard,
  SignInConsultant,
  ValidationError,
  WriteHandoverEntry,
} from "svcops";
import { given, projectionSpec, SPEC_SITE } from "svcops/testing";
import { describe, expect, it } from "vitest";
import {
  checkedIn,
  consultant,
  DAY,
  desk,
  desk2,
  handedOff,
  minutes,
  NOW,
  openDesk,
  registered,
  SITE,
  signedIn,
  specConsultant,
} from "./fixtures.js";
import { inquired, inquiryInput } from "./phone-desk-fixtures.js";

const outgoing = { staffId: "desk-1", role: "frontDesk", at: NOW };
const written = (shift = "early") =>
  HandoverEntryWritten({
    businessDay: DAY,
    shift,
    notableEvents: [],
    ordersFromAbove: [],
    outgoing,
  });
const specDesk2: Actor = { id: "desk-2", role: "frontDesk", sites: [SPEC_SITE] };
const sold = (cardType: string, price: number) =>
  MembershipCardSold({
    cardType,
    price,
    businessDay: DAY,
    by: { staffId: "c-1", role: "consultant", at: NOW },
  });

/** A shift at the desk: members, a trial and a coach in, a visitor, a card sold, an inquiry. */
async function busyShift() {
  const open = await openDesk({ tags: ["1", "2", "3", "4"] });
  const { ops } = open;
  await ops.execute(SignInConsultant({ consultantId: "c-1" }), { actor: consultant("c-1") });
  const checkIn = (
    visitId: string,
    keyTag: string,
    category: "member" | "trial" | "coach",
    gender: "female" | "male",
  ) =>
    ops.execute(CheckInMember({ visitId, memberCard: `M-${visitId}`, keyTag, category, gender }), {
      actor: desk,
    });
  await checkIn("v-1", "1", "member", "female");
  await checkIn("v-2", "2", "member", "male");
  await checkIn("v-3", "3", "trial", "female");
  await checkIn("v-4", "4", "coach", "male");
  await ops.execute(
    RegisterVisitor({
      visitorId: "g-1",
      name: "Li Wei",
      phone: "13800000000",
      gender: "male",
      firstVisit: true,
    }),
    { actor: desk },
  );
  await ops.execute(HandOffVisitor({ visitorId: "g-1" }), { actor: desk });
  await ops.execute(ReceiveVisitor({ visitorId: "g-1" }), { actor: consultant("c-1") });
  await ops.execute(SellMembershipCard({ cardType: "annual", price: 388_000, visitorId: "g-1" }), {
    actor: consultant("c-1"),
  });
  await ops.execute(SellMembershipCard({ cardType: "annual", price: 358_000 }), {
    actor: consultant("c-1"),
  });
  await ops.execute(SellMembershipCard({ cardType: "10-visit", price: 80_000 }), {
    actor: consultant("c-1"),
  });
  await ops.execute(AnswerCall({ callId: "t-1", rings: 2 }), { actor: desk });
  await ops.execute(RecordInquiry(inquiryInput), { actor: desk });
  return open;
}

describe("Handover book", () => {
  describe("S5 the figures come from the shift's events", () => {
    it("S5 the entry counts entries by category and gender, cards sold by type and count, and phone inquiries, from the events", async () => {
      const { ops } = await busyShift();
      await ops.execute(
        WriteHandoverEntry({
          shift: "early",
          notableEvents: ["the sauna heater tripped at 14:10; engineering called"],
          ordersFromAbove: ["from Monday, trial passes need an ID card"],
        }),
        { actor: desk },
      );
      const [entry] = (await ops.read(handoverBook)).get(DAY)?.entries ?? [];
      expect(entry?.figures).toEqual({
        entries: {
          member: { female: 1, male: 1 },
          trial: { female: 1, male: 0 },
          visitor: { female: 0, male: 1 },
          coach: { female: 0, male: 1 },
        },
        cardsSold: {
          annual: { count: 2, amount: 746_000 },
          "10-visit": { count: 1, amount: 80_000 },
        },
        phoneInquiries: 1,
      });
      expect(entry?.notableEvents).toEqual([
        "the sauna heater tripped at 14:10; engineering called",
      ]);
      expect(entry?.ordersFromAbove).toEqual(["from Monday, trial passes need an ID card"]);
      expect(entry?.outgoing.staffId).toBe("desk-1");
      expect(entry?.incoming).toBeUndefined();
    });

    it("S5 the figures cannot be typed in: the command has no field for them, and one sent is refused by name", async () => {
      const { ops, store } = await openDesk({ tags: [] });
      const before = store.size;
      const error = await ops
        .execute(
          {
            type: "WriteHandoverEntry",
            data: { shift: "early", figures: { phoneInquiries: 99 } },
          } as never,
          { actor: desk },
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toContain("figures");
      expect(store.size).toBe(before);
    });

    it("S5 the shift handed over closes its figures: later events count toward the next shift, each event in exactly one", async () => {
      const { ops, clock } = await busyShift();
      await ops.execute(WriteHandoverEntry({ shift: "early" }), { actor: desk });
      await ops.execute(CountersignHandover({ shift: "early" }), { actor: desk2 });
      clock.advance(minutes(10));
      await ops.execute(AnswerCall({ callId: "t-2", rings: 1 }), { actor: desk2 });
      await ops.execute(RecordInquiry({ ...inquiryInput, callId: "t-2" }), { actor: desk2 });
      const day = (await ops.read(handoverBook)).get(DAY);
      expect(day?.entries[0]?.figures.phoneInquiries).toBe(1);
      expect(day?.open).toEqual({ ...emptyShiftFigures(), phoneInquiries: 1 });

      await ops.execute(WriteHandoverEntry({ shift: "late" }), { actor: desk2 });
      const book = (await ops.read(handoverBook)).get(DAY);
      expect(book?.entries.map((e) => [e.shift, e.figures.phoneInquiries])).toEqual([
        ["early", 1],
        ["late", 1],
      ]);
      expect(book?.open).toEqual(emptyShiftFigures());
    });

    it("S5 the book is a fold of the log: the same events give the same figures", () => {
      projectionSpec(handoverBook)
        .given([
          checkedIn({ visitId: "v-1", gender: "female" }),
          registered({ visitorId: "g-1", gender: "female" }),
          sold("annual", 388_000),
          inquired(),
          written("early"),
          checkedIn({ visitId: "v-2", category: "trial", gender: "male" }),
        ])
        .then((view) => {
          const day = view.get(DAY);
          expect(day?.entries[0]?.figures.entries.member.female).toBe(1);
          expect(day?.entries[0]?.figures.entries.visitor.female).toBe(1);
          expect(day?.entries[0]?.figures.cardsSold).toEqual({
            annual: { count: 1, amount: 388_000 },
          });
          expect(day?.entries[0]?.figures.phoneInquiries).toBe(1);
          expect(day?.open.entries.trial.male).toBe(1);
        });
    });
  });

  describe("S5 signed by the outgoing and the incoming staff member", () => {
    it("S5 the outgoing staff member writes and signs the entry", () => {
      given(handoverBookDecider, [])
        .when(WriteHandoverEntry({ shift: "early" }))
        .then([written("early")]);
    });

    it("S5 the incoming staff member countersigns it, and the book shows both signatures", async () => {
      const { ops } = await openDesk({ tags: [] });
      await ops.execute(WriteHandoverEntry({ shift: "early" }), { actor: desk });
      await ops.execute(CountersignHandover({ shift: "early" }), { actor: desk2 });
      const [entry] = (await ops.read(handoverBook)).get(DAY)?.entries ?? [];
      expect(entry?.outgoing).toEqual({ staffId: "desk-1", role: "frontDesk", at: NOW });
      expect(entry?.incoming).toEqual({ staffId: "desk-2", role: "frontDesk", at: NOW });
    });

    it("S5 S7 the countersigned entry is the day's handover written, which the day close requires, in the same append", async () => {
      const { ops } = await openDesk({ tags: [] });
      await ops.execute(WriteHandoverEntry({ shift: "late" }), { actor: desk });
      const signed = await ops.execute(CountersignHandover({ shift: "late" }), { actor: desk2 });
      expect(signed.events.map((e) => [e.type, e.streamId])).toEqual([
        ["HandoverEntryCountersigned", handoverBookStream(SITE, DAY)],
        ["HandoverWrittenRecorded", dayCloseStream(SITE, DAY)],
      ]);
      const { state } = await ops.state(dayCloseAggregate, dayCloseStream(SITE, DAY));
      expect(state.handoverId).toBe(`${DAY} late`);
    });

    it("S5 the same person cannot sign both as outgoing and incoming", () => {
      given(handoverBookDecider, [written("early")])
        .when(CountersignHandover({ shift: "early" }))
        .thenThrows("S5");
    });

    it("S5 a countersignature needs a written entry, and is given once", () => {
      given(handoverBookDecider, [])
        .when(CountersignHandover({ shift: "early" }), { actor: specDesk2 })
        .thenThrows("S5");
      const countersigned = HandoverEntryCountersigned({
        businessDay: DAY,
        shift: "early",
        incoming: { staffId: "desk-2", role: "frontDesk", at: NOW },
      });
      given(handoverBookDecider, [written("early"), countersigned])
        .when(CountersignHandover({ shift: "early" }), {
          actor: { id: "lead-1", role: "teamLead", sites: [SPEC_SITE] },
        })
        .thenThrows("S5");
    });

    it("S5 the next shift's entry waits until the previous one is countersigned", () => {
      given(handoverBookDecider, [written("early")])
        .when(WriteHandoverEntry({ shift: "late" }), { actor: specDesk2 })
        .thenThrows("S5");
    });

    it("S5 a shift's entry is written once a business day", () => {
      const countersigned = HandoverEntryCountersigned({
        businessDay: DAY,
        shift: "early",
        incoming: { staffId: "desk-2", role: "frontDesk", at: NOW },
      });
      given(handoverBookDecider, [written("early"), countersigned])
        .when(WriteHandoverEntry({ shift: "early" }), { actor: specDesk2 })
        .thenThrows("S5");
    });

    it("S5 typed notes are checked: an empty note is refused, naming it", () => {
      expect(() => WriteHandoverEntry({ shift: "early", notableEvents: ["  "] })).toThrow(
        ValidationError,
      );
    });
  });

  describe("S5 cards sold", () => {
    it("S5 a consultant records a card sold with its type and price in fen", () => {
      given(receptionDecider, [signedIn("c-1")])
        .when(SellMembershipCard({ cardType: "annual", price: 388_000 }), {
          actor: specConsultant("c-1"),
        })
        .then([sold("annual", 388_000)]);
    });

    it("S5 a price that is not whole fen is refused, naming the field", () => {
      expect(() => SellMembershipCard({ cardType: "annual", price: 3880.5 })).toThrow(
        ValidationError,
      );
    });

    it("S5 only a consultant records a card sale", async () => {
      const { ops } = await openDesk({ tags: [] });
      await expect(
        ops.execute(SellMembershipCard({ cardType: "annual", price: 388_000 }), { actor: desk }),
      ).rejects.toThrow(/may not issue SellMembershipCard/);
    });

    it("S5 a sale to a visitor is by the consultant the visitor is with (V14)", () => {
      given(receptionDecider, [signedIn("c-1"), signedIn("c-2"), registered(), handedOff()])
        .when(SellMembershipCard({ cardType: "annual", price: 388_000, visitorId: "g-1" }), {
          actor: specConsultant("c-2"),
        })
        .thenThrows("V14");
    });
  });
});
