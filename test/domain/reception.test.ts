/**
 * Reception: visitors (non-members) registered at the desk and handed to a membership
 * consultant from today's sign-in rotation (docs/rules.md V8–V14). The rotation is per site and
 * business day: consultants join it in sign-in order.
 */
import {
  ConsultantPaged,
  ConsultantReturned,
  ConsultantReturns,
  ConsultantSteppedOut,
  ConsultantStepsOut,
  HandOffVisitor,
  MembershipPriceQuoted,
  PageConsultant,
  PriceRequestRouted,
  QuoteMembershipPrice,
  ReassignOverdueVisitor,
  ReceiveVisitor,
  type ReceptionState,
  RegisterVisitor,
  RequestMembershipPrice,
  receptionAggregate,
  receptionDecider,
  receptionStream,
  SignInConsultant,
  Unauthorized,
  ValidationError,
  VisitorReceived,
} from "svcops";
import { given, SPEC_SITE } from "svcops/testing";
import { describe, expect, it } from "vitest";
import {
  consultant,
  DAY,
  dataOf,
  desk,
  handedOff,
  later,
  minutes,
  openDesk,
  registered,
  SITE,
  signedIn,
  specConsultant,
  specDesk,
} from "./fixtures.js";

const three = [signedIn("c-1"), signedIn("c-2"), signedIn("c-3")];
const handOff = HandOffVisitor({ visitorId: "g-1" });
const stepsOut = (consultantId: string) =>
  ConsultantSteppedOut({ consultantId, reason: "meal" as const });
const paged = (page: number, consultantId = "c-1") =>
  ConsultantPaged({ visitorId: "g-1", consultantId, page });
const policy = (overrides: Record<string, number>) => ({
  site: { id: SPEC_SITE, policy: overrides },
});
const visitorInput = {
  visitorId: "g-1",
  name: "Li Wei",
  phone: "13800000000",
  gender: "male" as const,
  firstVisit: true,
};

describe("Reception", () => {
  describe("V8 visitor registration", () => {
    it("V8 registers a visitor with name, phone and first-visit flag; the desk signs", () => {
      given(receptionDecider, []).when(RegisterVisitor(visitorInput)).then([registered()]);
    });

    it("V8 records the signature of whoever registered the visitor at the desk", () => {
      given(receptionDecider, [])
        .when(RegisterVisitor(visitorInput), {
          actor: { id: "lead-7", role: "teamLead", sites: [SPEC_SITE] },
        })
        .thenState((state: ReceptionState) =>
          expect(state.visitors.get("g-1")?.deskSignature).toEqual({
            staffId: "lead-7",
            role: "teamLead",
          }),
        );
    });

    it("V8 records the named consultant or the appointment the visitor comes with", () => {
      given(receptionDecider, [])
        .when(
          RegisterVisitor({ ...visitorInput, firstVisit: false, appointmentConsultantId: "c-2" }),
        )
        .then([registered({ firstVisit: false, appointmentConsultantId: "c-2" })]);
    });

    it("V8 rejects registering the same visitor twice in a day", () => {
      given(receptionDecider, [registered()]).when(RegisterVisitor(visitorInput)).thenThrows("V8");
    });

    it("V8 a visitor who has not registered cannot be handed off, paged, received or quoted", () => {
      const desk = { actor: specDesk };
      const c1 = { actor: specConsultant("c-1") };
      given(receptionDecider, three).when(handOff, desk).thenThrows("V8");
      given(receptionDecider, three)
        .when(PageConsultant({ visitorId: "g-1" }), desk)
        .thenThrows("V8");
      given(receptionDecider, three)
        .when(ReceiveVisitor({ visitorId: "g-1" }), c1)
        .thenThrows("V8");
      given(receptionDecider, three)
        .when(RequestMembershipPrice({ visitorId: "g-1" }), desk)
        .thenThrows("V8");
    });

    it("V8 registration without a phone number is refused, naming the field, and nothing is stored", async () => {
      const { ops, store } = await openDesk();
      const before = store.size;
      const { phone: _phone, ...noPhone } = visitorInput;
      const error = await ops
        .execute({ type: "RegisterVisitor", data: noPhone } as never, { actor: desk })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(["data.phone"]);
      expect(store.size).toBe(before);
    });

    it("V8 registration without a name (or a blank one) is refused, naming the field", async () => {
      const { ops, store } = await openDesk();
      const before = store.size;
      for (const name of [undefined, "   "]) {
        const error = await ops
          .execute({ type: "RegisterVisitor", data: { ...visitorInput, name } } as never, {
            actor: desk,
          })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((i) => i.path)).toEqual(["data.name"]);
      }
      expect(store.size).toBe(before);
    });

    it("V8 a first visit cannot come with an appointment (it names a consultant instead)", async () => {
      const { ops, store } = await openDesk();
      const before = store.size;
      const error = await ops
        .execute(
          {
            type: "RegisterVisitor",
            data: { ...visitorInput, firstVisit: true, appointmentConsultantId: "c-1" },
          },
          { actor: desk },
        )
        .catch((e: unknown) => e);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual([
        "data.appointmentConsultantId",
      ]);
      expect(store.size).toBe(before);
    });

    it("V8 a complete registration through the façade is stored with the desk's signature", async () => {
      const { ops, store } = await openDesk();
      const result = await ops.execute(RegisterVisitor(visitorInput), { actor: desk });
      expect(result.events).toHaveLength(1);
      expect(result.events[0]?.streamId).toBe(receptionStream(SITE, DAY));
      expect(result.events[0]?.data).toMatchObject({
        name: "Li Wei",
        phone: "13800000000",
        deskSignature: { staffId: "desk-1", role: "frontDesk" },
      });
      expect(await store.readStream(receptionStream(SITE, DAY))).toHaveLength(1);
    });
  });

  describe("V9 hand-off to a consultant", () => {
    it("V9 first visit, no consultant named: the first consultant in today's sign-in order", () => {
      given(receptionDecider, [...three, registered()])
        .when(handOff)
        .then([handedOff()]);
    });

    it("V9 the rotation moves on with each hand-off, and wraps around", () => {
      const history = [
        ...three,
        registered({ visitorId: "g-1" }),
        handedOff({ visitorId: "g-1", consultantId: "c-1" }),
        registered({ visitorId: "g-2" }),
        handedOff({ visitorId: "g-2", consultantId: "c-2" }),
        registered({ visitorId: "g-3" }),
      ];
      given(receptionDecider, history)
        .when(HandOffVisitor({ visitorId: "g-3" }))
        .then([handedOff({ visitorId: "g-3", consultantId: "c-3" })]);
      given(receptionDecider, [
        ...history,
        handedOff({ visitorId: "g-3", consultantId: "c-3" }),
        registered({ visitorId: "g-4" }),
      ])
        .when(HandOffVisitor({ visitorId: "g-4" }))
        .then([handedOff({ visitorId: "g-4", consultantId: "c-1" })]);
    });

    it("V9 first visit naming a consultant who is in: that consultant", () => {
      given(receptionDecider, [...three, registered({ namedConsultantId: "c-2" })])
        .when(handOff)
        .then([handedOff({ consultantId: "c-2", reason: "named" })]);
    });

    it("V9 a named hand-off does not use up a rotation turn", () => {
      given(receptionDecider, [
        ...three,
        registered({ visitorId: "g-1", namedConsultantId: "c-2" }),
        handedOff({ visitorId: "g-1", consultantId: "c-2", reason: "named" }),
        registered({ visitorId: "g-2" }),
      ])
        .when(HandOffVisitor({ visitorId: "g-2" }))
        .then([handedOff({ visitorId: "g-2", consultantId: "c-1" })]);
    });

    it("V9 first visit naming a consultant who is away: the rotation instead", () => {
      given(receptionDecider, [...three, stepsOut("c-2"), registered({ namedConsultantId: "c-2" })])
        .when(handOff)
        .then([handedOff({ consultantId: "c-1", reason: "rotation" })]);
    });

    it("V9 first visit naming a consultant nobody knows today: the rotation instead", () => {
      given(receptionDecider, [...three, registered({ namedConsultantId: "c-9" })])
        .when(handOff)
        .then([handedOff({ consultantId: "c-1", reason: "rotation" })]);
    });

    it("V9 returning visitor with an appointment: the appointed consultant", () => {
      given(receptionDecider, [
        ...three,
        registered({ firstVisit: false, appointmentConsultantId: "c-3" }),
      ])
        .when(handOff)
        .then([handedOff({ consultantId: "c-3", reason: "appointment" })]);
    });

    it("V9 returning visitor whose appointed consultant has not signed in: the rotation", () => {
      given(receptionDecider, [
        ...three,
        registered({ firstVisit: false, appointmentConsultantId: "c-9" }),
      ])
        .when(handOff)
        .then([handedOff({ consultantId: "c-1", reason: "rotation" })]);
    });

    it("V9 rejects a hand-off when no consultant has signed in today", () => {
      given(receptionDecider, [registered()]).when(handOff).thenThrows("V9");
    });

    it("V9 rejects handing off a visitor who is already with a consultant", () => {
      given(receptionDecider, [...three, registered(), handedOff()])
        .when(handOff)
        .thenThrows("V9");
    });

    it("V9 rejects signing a consultant in twice (the rotation has each once, in sign-in order)", () => {
      given(receptionDecider, three)
        .when(SignInConsultant({ consultantId: "c-2" }))
        .thenThrows("V9");
    });

    it("V9 hands off through the façade in sign-in order", async () => {
      const { ops } = await openDesk();
      for (const c of ["c-2", "c-1"]) {
        await ops.execute(SignInConsultant({ consultantId: c }), { actor: consultant(c) });
      }
      const got: string[] = [];
      for (const g of ["g-1", "g-2", "g-3"]) {
        await ops.execute(RegisterVisitor({ ...visitorInput, visitorId: g }), { actor: desk });
        const r = await ops.execute(HandOffVisitor({ visitorId: g }), { actor: desk });
        got.push(dataOf<{ consultantId: string }>(r.events).consultantId);
      }
      expect(got).toEqual(["c-2", "c-1", "c-2"]);
    });
  });

  describe("V10 the consultant arrives within consultantArrivalLimit", () => {
    const waiting = [signedIn("c-1"), signedIn("c-2"), registered(), handedOff()];

    it("V10 the hand-off sets the arrival deadline from the policy", () => {
      given(receptionDecider, [...three, registered()])
        .when(handOff, policy({ consultantArrivalLimit: minutes(5) }))
        .then([handedOff({ arrivalDue: later(minutes(5)) })]);
    });

    it("V10 rejects reassigning before the arrival limit has passed", () => {
      given(receptionDecider, waiting)
        .when(ReassignOverdueVisitor({ visitorId: "g-1" }), { now: later(minutes(1)) })
        .thenThrows("V10");
      given(receptionDecider, waiting)
        .when(ReassignOverdueVisitor({ visitorId: "g-1" }), { now: later(minutes(2)) })
        .thenThrows("V10");
    });

    it("V10 once the limit has passed, the visitor goes to the next consultant in rotation", () => {
      const now = later(minutes(2) + 1000);
      given(receptionDecider, waiting)
        .when(ReassignOverdueVisitor({ visitorId: "g-1" }), { now })
        .then([
          handedOff({
            consultantId: "c-2",
            reason: "arrivalTimeout",
            fromConsultantId: "c-1",
            arrivalDue: new Date(Date.parse(now) + minutes(2)).toISOString(),
          }),
        ]);
    });

    it("V10 a consultant who arrives after the limit cannot sign for the visitor", () => {
      given(receptionDecider, waiting)
        .when(ReceiveVisitor({ visitorId: "g-1" }), {
          actor: specConsultant("c-1"),
          now: later(minutes(3)),
        })
        .thenThrows("V10");
    });

    it("V10 a consultant who arrives on the limit signs for the visitor", () => {
      given(receptionDecider, waiting)
        .when(ReceiveVisitor({ visitorId: "g-1" }), {
          actor: specConsultant("c-1"),
          now: later(minutes(2)),
        })
        .thenState((state: ReceptionState) =>
          expect(state.visitors.get("g-1")?.status).toBe("received"),
        );
    });

    it("V10 rejects reassigning a visitor who is not waiting, or when nobody else is in", () => {
      given(receptionDecider, [signedIn("c-1"), registered()])
        .when(ReassignOverdueVisitor({ visitorId: "g-1" }), { now: later(minutes(5)) })
        .thenThrows("V10");
      given(receptionDecider, [signedIn("c-1"), registered(), handedOff()])
        .when(ReassignOverdueVisitor({ visitorId: "g-1" }), { now: later(minutes(5)) })
        .thenThrows("V10");
    });

    it("V10 through the façade: a late arrival is refused, then the visitor is reassigned", async () => {
      const { ops, store, clock } = await openDesk();
      for (const c of ["c-1", "c-2"]) {
        await ops.execute(SignInConsultant({ consultantId: c }), { actor: consultant(c) });
      }
      await ops.execute(RegisterVisitor(visitorInput), { actor: desk });
      await ops.execute(handOff, { actor: desk });
      clock.advance(minutes(2) + 1);
      const before = store.size;
      await expect(
        ops.execute(ReceiveVisitor({ visitorId: "g-1" }), { actor: consultant("c-1") }),
      ).rejects.toMatchObject({ rule: "V10" });
      expect(store.size).toBe(before);
      const r = await ops.execute(ReassignOverdueVisitor({ visitorId: "g-1" }), { actor: desk });
      expect(r.events[0]?.data).toMatchObject({ consultantId: "c-2", reason: "arrivalTimeout" });
    });
  });

  describe("V11 paging a consultant who is not in the sales office", () => {
    const waiting = [...three, registered(), handedOff()];

    it("V11 pages the assigned consultant, counting the pages", () => {
      given(receptionDecider, waiting)
        .when(PageConsultant({ visitorId: "g-1" }))
        .then([paged(1)]);
      given(receptionDecider, [...waiting, paged(1)])
        .when(PageConsultant({ visitorId: "g-1" }))
        .then([paged(2)]);
    });

    it("V11 after maxPagesPerConsultant pages, the next consultant in rotation", () => {
      given(receptionDecider, [...waiting, paged(1), paged(2)])
        .when(PageConsultant({ visitorId: "g-1" }))
        .then([
          handedOff({ consultantId: "c-2", reason: "pagesExhausted", fromConsultantId: "c-1" }),
        ]);
    });

    it("V11 follows the site's maxPagesPerConsultant", () => {
      given(receptionDecider, [...waiting, paged(1)])
        .when(PageConsultant({ visitorId: "g-1" }), policy({ maxPagesPerConsultant: 1 }))
        .then([
          handedOff({ consultantId: "c-2", reason: "pagesExhausted", fromConsultantId: "c-1" }),
        ]);
    });

    it("V11 the next consultant gets their own pages", () => {
      given(receptionDecider, [
        ...waiting,
        paged(1),
        paged(2),
        handedOff({ consultantId: "c-2", reason: "pagesExhausted", fromConsultantId: "c-1" }),
      ])
        .when(PageConsultant({ visitorId: "g-1" }))
        .then([paged(1, "c-2")]);
    });

    it("V11 rejects paging for a visitor who is not waiting for a consultant", () => {
      given(receptionDecider, [...three, registered()])
        .when(PageConsultant({ visitorId: "g-1" }))
        .thenThrows("V11");
    });

    it("V11 rejects moving on when every other consultant was already tried", () => {
      given(receptionDecider, [signedIn("c-1"), registered(), handedOff(), paged(1), paged(2)])
        .when(PageConsultant({ visitorId: "g-1" }))
        .thenThrows("V11");
    });
  });

  describe("V12 the receiving consultant signs", () => {
    const waiting = [...three, registered(), handedOff()];

    it("V12 the consultant handed the visitor signs; the hand-off carries both signatures", () => {
      given(receptionDecider, waiting)
        .when(ReceiveVisitor({ visitorId: "g-1" }), { actor: specConsultant("c-1") })
        .then([
          VisitorReceived({
            visitorId: "g-1",
            consultantId: "c-1",
            deskSignature: { staffId: "desk-1", role: "frontDesk" },
            consultantSignature: { staffId: "c-1", role: "consultant" },
          }),
        ]);
    });

    it("V12 a hand-off with only the desk's signature is not complete", () => {
      given(receptionDecider, [...three, registered()])
        .when(handOff)
        .thenState((state: ReceptionState) =>
          expect(state.visitors.get("g-1")).toMatchObject({
            status: "handedOff",
            deskSignature: { staffId: "desk-1", role: "frontDesk" },
          }),
        );
    });

    it("V12 a different consultant cannot sign for the visitor", () => {
      given(receptionDecider, waiting)
        .when(ReceiveVisitor({ visitorId: "g-1" }), { actor: specConsultant("c-2") })
        .thenThrows("V12");
    });

    it("V12 rejects signing before the desk has handed the visitor off, or twice", () => {
      given(receptionDecider, [...three, registered()])
        .when(ReceiveVisitor({ visitorId: "g-1" }), { actor: specConsultant("c-1") })
        .thenThrows("V12");
      given(receptionDecider, [
        ...waiting,
        VisitorReceived({
          visitorId: "g-1",
          consultantId: "c-1",
          deskSignature: { staffId: "desk-1", role: "frontDesk" },
          consultantSignature: { staffId: "c-1", role: "consultant" },
        }),
      ])
        .when(ReceiveVisitor({ visitorId: "g-1" }), { actor: specConsultant("c-1") })
        .thenThrows("V12");
    });

    it("V12 the desk cannot sign as the receiving consultant (façade)", async () => {
      const { ops, store } = await openDesk();
      await ops.execute(SignInConsultant({ consultantId: "c-1" }), { actor: consultant("c-1") });
      await ops.execute(RegisterVisitor(visitorInput), { actor: desk });
      await ops.execute(handOff, { actor: desk });
      const before = store.size;
      await expect(
        ops.execute(ReceiveVisitor({ visitorId: "g-1" }), { actor: desk }),
      ).rejects.toBeInstanceOf(Unauthorized);
      expect(store.size).toBe(before);
      const r = await ops.execute(ReceiveVisitor({ visitorId: "g-1" }), {
        actor: consultant("c-1"),
      });
      expect(r.events[0]?.data).toMatchObject({
        deskSignature: { staffId: "desk-1", role: "frontDesk" },
        consultantSignature: { staffId: "c-1", role: "consultant" },
      });
    });
  });

  describe("V13 consultants who leave the centre are skipped", () => {
    it("V13 a consultant who steps out is skipped by the rotation", () => {
      given(receptionDecider, [...three, stepsOut("c-1"), registered()])
        .when(handOff)
        .then([handedOff({ consultantId: "c-2" })]);
    });

    it("V13 a consultant who is back takes their turns again", () => {
      given(receptionDecider, [
        ...three,
        stepsOut("c-1"),
        registered({ visitorId: "g-1" }),
        handedOff({ visitorId: "g-1", consultantId: "c-2" }),
        registered({ visitorId: "g-2" }),
        handedOff({ visitorId: "g-2", consultantId: "c-3" }),
        ConsultantReturned({ consultantId: "c-1" }),
        registered({ visitorId: "g-3" }),
      ])
        .when(HandOffVisitor({ visitorId: "g-3" }))
        .then([handedOff({ visitorId: "g-3", consultantId: "c-1" })]);
    });

    it("V13 records why the consultant stepped out, until they return", () => {
      given(receptionDecider, three)
        .when(ConsultantStepsOut({ consultantId: "c-2", reason: "outside" }))
        .thenState((state: ReceptionState) => expect(state.away.get("c-2")).toBe("outside"));
      given(receptionDecider, [...three, stepsOut("c-2")])
        .when(ConsultantReturns({ consultantId: "c-2" }))
        .thenState((state: ReceptionState) => expect(state.away.has("c-2")).toBe(false));
    });

    it("V13 with every consultant away, nobody can be handed the visitor", () => {
      given(receptionDecider, [signedIn("c-1"), stepsOut("c-1"), registered()])
        .when(handOff)
        .thenThrows("V9");
    });

    it("V13 rejects stepping out without signing in, stepping out twice, or returning when not away", () => {
      given(receptionDecider, [])
        .when(ConsultantStepsOut({ consultantId: "c-1", reason: "meal" }))
        .thenThrows("V13");
      given(receptionDecider, [...three, stepsOut("c-1")])
        .when(ConsultantStepsOut({ consultantId: "c-1", reason: "outside" }))
        .thenThrows("V13");
      given(receptionDecider, three)
        .when(ConsultantReturns({ consultantId: "c-1" }))
        .thenThrows("V13");
    });
  });

  describe("V14 the desk never quotes membership prices", () => {
    const receivedBy = (consultantId: string) =>
      VisitorReceived({
        visitorId: "g-1",
        consultantId,
        deskSignature: { staffId: "desk-1", role: "frontDesk" },
        consultantSignature: { staffId: consultantId, role: "consultant" },
      });

    it("V14 a price request is routed to the visitor's consultant", () => {
      given(receptionDecider, [...three, registered(), handedOff({ consultantId: "c-2" })])
        .when(RequestMembershipPrice({ visitorId: "g-1" }))
        .then([PriceRequestRouted({ visitorId: "g-1", consultantId: "c-2" })]);
    });

    it("V14 a price request from a visitor not yet handed off goes to the next in rotation", () => {
      given(receptionDecider, [...three, stepsOut("c-1"), registered()])
        .when(RequestMembershipPrice({ visitorId: "g-1" }))
        .then([PriceRequestRouted({ visitorId: "g-1", consultantId: "c-2" })]);
    });

    it("V14 rejects routing a price request when no consultant is in", () => {
      given(receptionDecider, [registered()])
        .when(RequestMembershipPrice({ visitorId: "g-1" }))
        .thenThrows("V14");
    });

    it("V14 the visitor's consultant quotes the price once they have signed for the visitor", () => {
      given(receptionDecider, [...three, registered(), handedOff(), receivedBy("c-1")])
        .when(QuoteMembershipPrice({ visitorId: "g-1", plan: "annual", price: 298_000 }), {
          actor: specConsultant("c-1"),
        })
        .then([
          MembershipPriceQuoted({
            visitorId: "g-1",
            consultantId: "c-1",
            plan: "annual",
            price: 298_000,
          }),
        ]);
    });

    it("V14 the consultant a price request was routed to quotes, even before a hand-off", () => {
      given(receptionDecider, [
        ...three,
        registered(),
        PriceRequestRouted({ visitorId: "g-1", consultantId: "c-2" }),
      ])
        .when(QuoteMembershipPrice({ visitorId: "g-1", plan: "annual", price: 298_000 }), {
          actor: specConsultant("c-2"),
        })
        .then([
          MembershipPriceQuoted({
            visitorId: "g-1",
            consultantId: "c-2",
            plan: "annual",
            price: 298_000,
          }),
        ]);
    });

    it("V14 a consultant who has not yet signed for the visitor (V12) cannot quote", () => {
      given(receptionDecider, [...three, registered(), handedOff()])
        .when(QuoteMembershipPrice({ visitorId: "g-1", plan: "annual", price: 298_000 }), {
          actor: specConsultant("c-1"),
        })
        .thenThrows("V14");
    });

    it("V14 a consultant who is not the visitor's cannot quote", () => {
      given(receptionDecider, [...three, registered(), handedOff()])
        .when(QuoteMembershipPrice({ visitorId: "g-1", plan: "annual", price: 298_000 }), {
          actor: specConsultant("c-2"),
        })
        .thenThrows("V14");
    });

    it("V14 the front desk cannot quote: Unauthorized naming V14, nothing stored (façade)", async () => {
      const { ops, store } = await openDesk();
      await ops.execute(SignInConsultant({ consultantId: "c-1" }), { actor: consultant("c-1") });
      await ops.execute(RegisterVisitor(visitorInput), { actor: desk });
      await ops.execute(handOff, { actor: desk });
      const before = store.size;
      const error = await ops
        .execute(QuoteMembershipPrice({ visitorId: "g-1", plan: "annual", price: 298_000 }), {
          actor: desk,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Unauthorized);
      expect(error).toMatchObject({ code: "unauthorized", rule: "V14" });
      expect((error as Error).message).toMatch(/^V14: /);
      expect(store.size).toBe(before);

      const routed = await ops.execute(RequestMembershipPrice({ visitorId: "g-1" }), {
        actor: desk,
      });
      expect(routed.events[0]?.data).toEqual({ visitorId: "g-1", consultantId: "c-1" });
      await ops.execute(
        QuoteMembershipPrice({ visitorId: "g-1", plan: "annual", price: 298_000 }),
        { actor: consultant("c-1") },
      );
      const today = await ops.state(receptionAggregate, receptionStream(SITE, DAY));
      expect(today.state.visitors.get("g-1")?.consultantId).toBe("c-1");
    });

    it("V14 a consultant who is not the visitor's is refused with RuleViolation V14 (façade)", async () => {
      const { ops, store } = await openDesk();
      for (const c of ["c-1", "c-2"]) {
        await ops.execute(SignInConsultant({ consultantId: c }), { actor: consultant(c) });
      }
      await ops.execute(RegisterVisitor(visitorInput), { actor: desk });
      await ops.execute(handOff, { actor: desk });
      const before = store.size;
      await expect(
        ops.execute(QuoteMembershipPrice({ visitorId: "g-1", plan: "annual", price: 298_000 }), {
          actor: consultant("c-2"),
        }),
      ).rejects.toMatchObject({ code: "rule_violation", rule: "V14" });
      expect(store.size).toBe(before);
    });
  });
});
