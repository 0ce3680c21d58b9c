/**
 * The phone desk (docs/phone-desk.md, rules P1–P4): calls answered with the ring count and an
 * apology past the limit, inquiries routed by today's sign-in rotation (the visitors' rotation)
 * or a callback owed, holds and call length measured on the clock, inquiries counted per day.
 */
import {
  AnswerCall,
  CallAnswered,
  CallbackMade,
  CallbackPromised,
  CallEnded,
  CallResumed,
  ConsultantStepsOut,
  callbacksOwed,
  EndCall,
  eventsOf,
  HandOffVisitor,
  HoldCall,
  InquiryPutThrough,
  PhoneInquiryRouted,
  PhoneInquiryUnrouted,
  PromiseCallback,
  PutInquiryThrough,
  phoneCallStream,
  phoneDeskDays,
  phoneDeskDecider,
  RecordCallbackMade,
  RecordInquiry,
  RegisterVisitor,
  ResumeCall,
  receptionStream,
  SignInConsultant,
  Unauthorized,
  ValidationError,
  VisitorHandedOff,
} from "svcops";
import { given, projectionSpec, SPEC_SITE } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { consultant, DAY, desk, later, minutes, NOW, openDesk, SITE } from "./fixtures.js";
import {
  agent,
  answered,
  deskSigned,
  inquired,
  inquiryInput,
  onHold,
} from "./phone-desk-fixtures.js";

const seconds = (n: number) => n * 1000;

async function deskWithConsultants(...ids: string[]) {
  const open = await openDesk({ tags: [] });
  for (const id of ids) {
    await open.ops.execute(SignInConsultant({ consultantId: id }), { actor: consultant(id) });
  }
  return open;
}

async function inquiryCall(ops: Awaited<ReturnType<typeof openDesk>>["ops"], callId: string) {
  await ops.execute(AnswerCall({ callId, rings: 1 }), { actor: desk });
  return ops.execute(RecordInquiry({ ...inquiryInput, callId }), { actor: desk });
}

describe("Phone desk", () => {
  describe("P1 answering within three rings", () => {
    it("P1 answers a call within three rings, signed by whoever picked up, with the ring count", () => {
      given(phoneDeskDecider, [])
        .when(AnswerCall({ callId: "t-1", rings: 3 }))
        .then([answered({ rings: 3 })]);
    });

    it("P1 refuses an answer on the fourth ring that records no apology", () => {
      given(phoneDeskDecider, [])
        .when(AnswerCall({ callId: "t-1", rings: 4 }))
        .thenThrows("P1");
    });

    it("P1 a late answer with an apology is accepted and counted as a breach", () => {
      given(phoneDeskDecider, [])
        .when(AnswerCall({ callId: "t-1", rings: 5, apologised: true }))
        .then([answered({ rings: 5, apologised: true, slaBreached: true })]);
    });

    it("P1 the limit is the site's answerWithinRings policy", () => {
      given(phoneDeskDecider, [], { site: { id: SPEC_SITE, policy: { answerWithinRings: 5 } } })
        .when(AnswerCall({ callId: "t-1", rings: 5 }))
        .then([answered({ rings: 5 })]);
    });

    it("P1 a call is answered once", () => {
      given(phoneDeskDecider, [answered()])
        .when(AnswerCall({ callId: "t-1", rings: 1 }))
        .thenThrows("P1");
    });

    it("P1 a ring count below one is refused, naming the field", () => {
      expect(() => AnswerCall({ callId: "t-1", rings: 0 })).toThrow(ValidationError);
    });

    it("P1 CallAnswered carries `by` (the answering staff member's signature) and the ring count, for the call-centre report", async () => {
      const { ops, store } = await openDesk({ tags: [] });
      await ops.execute(AnswerCall({ callId: "t-7", rings: 2 }), { actor: agent });
      const events = await store.readStream(phoneCallStream(SITE, "t-7"));
      expect(events.map((e) => e.type)).toEqual([CallAnswered.type]);
      expect(events[0]?.data).toEqual({
        callId: "t-7",
        by: { staffId: "agent-1", role: "callAgent", at: NOW },
        rings: 2,
        apologised: false,
        slaBreached: false,
        businessDay: DAY,
      });
    });

    it("P1 late answers (breaches) are counted per business day", () => {
      projectionSpec(phoneDeskDays)
        .given([
          answered({ callId: "t-1" }),
          answered({ callId: "t-2", rings: 6, apologised: true, slaBreached: true }),
          answered({ callId: "t-3", rings: 4, apologised: true, slaBreached: true }),
        ])
        .then((view) => {
          expect(view.get(DAY)).toMatchObject({ callsAnswered: 3, lateAnswers: 2 });
        });
    });
  });

  describe("P2 inquiry calls and the sign-in rotation", () => {
    it("P2 an inquiry records the caller's name, callback number and whether there is an appointment", () => {
      given(phoneDeskDecider, [answered()]).when(RecordInquiry(inquiryInput)).then([inquired()]);
    });

    it("P2 an inquiry without a callback number is refused, naming the field", () => {
      const { callbackNumber: _n, ...without } = inquiryInput;
      let error: unknown;
      try {
        RecordInquiry(without as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(["data.callbackNumber"]);
    });

    it("P2 an inquiry on a call nobody answered is refused", () => {
      given(phoneDeskDecider, []).when(RecordInquiry(inquiryInput)).thenThrows("P2");
    });

    it("P2 an inquiry goes to the next consultant in today's sign-in rotation: the visitors' rotation, one cursor for both", async () => {
      const { ops } = await deskWithConsultants("c-1", "c-2", "c-3");
      const visitor = (visitorId: string) =>
        RegisterVisitor({
          visitorId,
          name: "Li Wei",
          phone: "13800000000",
          gender: "male",
          firstVisit: true,
        });
      await ops.execute(visitor("g-1"), { actor: desk });
      const first = await ops.execute(HandOffVisitor({ visitorId: "g-1" }), { actor: desk });
      const call = await inquiryCall(ops, "t-1");
      await ops.execute(visitor("g-2"), { actor: desk });
      const second = await ops.execute(HandOffVisitor({ visitorId: "g-2" }), { actor: desk });

      expect(eventsOf(first.events, VisitorHandedOff)[0]?.data.consultantId).toBe("c-1");
      expect(eventsOf(call.events, PhoneInquiryRouted)[0]?.data).toEqual({
        callId: "t-1",
        consultantId: "c-2",
        reason: "rotation",
      });
      expect(eventsOf(call.events, InquiryPutThrough)[0]?.data.consultantId).toBe("c-2");
      expect(eventsOf(second.events, VisitorHandedOff)[0]?.data.consultantId).toBe("c-3");
    });

    it("P2 the inquiry, the rotation's choice and the call's outcome land in one append", async () => {
      const { ops, store } = await deskWithConsultants("c-1");
      await ops.execute(AnswerCall({ callId: "t-1", rings: 1 }), { actor: desk });
      const before = store.size;
      const result = await ops.execute(RecordInquiry(inquiryInput), { actor: desk });
      expect(result.events.map((e) => `${e.streamId} ${e.type}`)).toEqual([
        `${phoneCallStream(SITE, "t-1")} InquiryRecorded`,
        `${phoneCallStream(SITE, "t-1")} InquiryPutThrough`,
        `${receptionStream(SITE, DAY)} PhoneInquiryRouted`,
      ]);
      expect(new Set(result.events.map((e) => e.metadata.commandId)).size).toBe(1);
      expect(store.size).toBe(before + 3);
    });

    it("P2 a consultant who stepped out is skipped, as for visitors", async () => {
      const { ops } = await deskWithConsultants("c-1", "c-2");
      await ops.execute(ConsultantStepsOut({ consultantId: "c-1", reason: "meal" }), {
        actor: consultant("c-1"),
      });
      const call = await inquiryCall(ops, "t-1");
      expect(eventsOf(call.events, PhoneInquiryRouted)[0]?.data.consultantId).toBe("c-2");
    });

    it("P2 a caller with an appointment goes to the appointed consultant when in the centre, without moving the rotation", async () => {
      const { ops } = await deskWithConsultants("c-1", "c-2");
      await ops.execute(AnswerCall({ callId: "t-1", rings: 1 }), { actor: desk });
      const call = await ops.execute(
        RecordInquiry({ ...inquiryInput, hasAppointment: true, appointmentConsultantId: "c-2" }),
        { actor: desk },
      );
      expect(eventsOf(call.events, PhoneInquiryRouted)[0]?.data).toMatchObject({
        consultantId: "c-2",
        reason: "appointment",
      });
      const next = await inquiryCall(ops, "t-2");
      expect(eventsOf(next.events, PhoneInquiryRouted)[0]?.data.consultantId).toBe("c-1");
    });

    it("P2 an appointed consultant without an appointment is refused, naming the field", () => {
      expect(() =>
        RecordInquiry({ ...inquiryInput, hasAppointment: false, appointmentConsultantId: "c-2" }),
      ).toThrow(ValidationError);
    });

    it("P2 with no consultant free a callback is promised in the same append, and is owed until made", async () => {
      const { ops, clock } = await openDesk({ tags: [] });
      const call = await inquiryCall(ops, "t-1");
      expect(call.events.map((e) => e.type)).toEqual([
        "InquiryRecorded",
        CallbackPromised.type,
        PhoneInquiryUnrouted.type,
      ]);
      expect(eventsOf(call.events, CallbackPromised)[0]?.data).toEqual({
        callId: "t-1",
        callerName: "Wang Fang",
        callbackNumber: "13900000000",
        reason: "noConsultantFree",
        businessDay: DAY,
        at: NOW,
      });
      expect([...(await ops.read(callbacksOwed)).keys()]).toEqual(["t-1"]);

      clock.advance(minutes(25));
      const made = await ops.execute(RecordCallbackMade({ callId: "t-1" }), {
        actor: consultant("c-1"),
      });
      expect(eventsOf(made.events, CallbackMade)[0]?.data).toEqual({
        callId: "t-1",
        by: { staffId: "c-1", role: "consultant", at: later(minutes(25)) },
        waitedMs: minutes(25),
        businessDay: DAY,
      });
      expect((await ops.read(callbacksOwed)).size).toBe(0);
    });

    it("P2 a callback is recorded made once, and only where one was promised", () => {
      const promise = CallbackPromised({
        callId: "t-1",
        callerName: "Wang Fang",
        callbackNumber: "13900000000",
        reason: "noConsultantFree",
        businessDay: DAY,
        at: NOW,
      });
      given(phoneDeskDecider, [answered(), inquired()])
        .when(RecordCallbackMade({ callId: "t-1" }))
        .thenThrows("P2");
      const made = CallbackMade({ callId: "t-1", by: deskSigned(), waitedMs: 0, businessDay: DAY });
      given(phoneDeskDecider, [answered(), inquired(), promise, made])
        .when(RecordCallbackMade({ callId: "t-1" }))
        .thenThrows("P2");
    });

    it("P2 the rotation's answers are enlisted only: sent by the desk they are Unauthorized", async () => {
      const { ops } = await deskWithConsultants("c-1");
      await inquiryCall(ops, "t-1");
      for (const command of [
        PutInquiryThrough({ callId: "t-1", consultantId: "c-1", reason: "rotation" }),
        PromiseCallback({ callId: "t-1" }),
      ]) {
        await expect(ops.execute(command as never, { actor: desk })).rejects.toBeInstanceOf(
          Unauthorized,
        );
      }
    });
  });

  describe("P3 holds and call length", () => {
    it("P3 a hold within 30 s resumes without asking", () => {
      given(phoneDeskDecider, [answered(), onHold()])
        .when(ResumeCall({ callId: "t-1" }), { now: later(seconds(30)) })
        .then([
          CallResumed({
            callId: "t-1",
            heldMs: seconds(30),
            overHoldLimit: false,
            callerConsented: false,
            businessDay: DAY,
          }),
        ]);
    });

    it("P3 resuming after a hold past 30 s without the caller's consent is refused", () => {
      given(phoneDeskDecider, [answered(), onHold()])
        .when(ResumeCall({ callId: "t-1" }), { now: later(seconds(31)) })
        .thenThrows("P3");
    });

    it("P3 with the caller's consent a longer hold is accepted, and counted", () => {
      const resumed = CallResumed({
        callId: "t-1",
        heldMs: seconds(45),
        overHoldLimit: true,
        callerConsented: true,
        businessDay: DAY,
      });
      given(phoneDeskDecider, [answered(), onHold()])
        .when(ResumeCall({ callId: "t-1", callerConsented: true }), { now: later(seconds(45)) })
        .then([resumed]);
      projectionSpec(phoneDeskDays)
        .given([answered(), onHold(), resumed])
        .then((view) => expect(view.get(DAY)?.holdsOverLimit).toBe(1));
    });

    it("P3 the hold limit is the site's holdLimit policy", () => {
      given(phoneDeskDecider, [answered(), onHold()], {
        site: { id: SPEC_SITE, policy: { holdLimit: seconds(60) } },
      })
        .when(ResumeCall({ callId: "t-1" }), { now: later(seconds(45)) })
        .thenState((call) => expect(call.status).toBe("answered"));
    });

    it("P3 a call on hold past the limit ends only with a callback promised", () => {
      const history = [answered(), inquired(), onHold()];
      given(phoneDeskDecider, history)
        .when(EndCall({ callId: "t-1" }), { now: later(seconds(40)) })
        .thenThrows("P3");
      given(phoneDeskDecider, history)
        .when(EndCall({ callId: "t-1", promiseCallback: true }), { now: later(seconds(40)) })
        .then([
          CallbackPromised({
            callId: "t-1",
            callerName: "Wang Fang",
            callbackNumber: "13900000000",
            reason: "deskCallsBack",
            businessDay: DAY,
            at: later(seconds(40)),
          }),
          CallEnded({
            callId: "t-1",
            durationMs: seconds(40),
            targetMs: minutes(3),
            overTarget: false,
            businessDay: DAY,
            at: later(seconds(40)),
          }),
        ]);
    });

    it("P3 a callback needs a number: given, or the one the inquiry recorded", () => {
      given(phoneDeskDecider, [answered(), onHold()])
        .when(EndCall({ callId: "t-1", promiseCallback: true }), { now: later(seconds(40)) })
        .thenThrows("P3");
      given(phoneDeskDecider, [answered(), onHold()])
        .when(EndCall({ callId: "t-1", promiseCallback: true, callbackNumber: "020 8888 0000" }), {
          now: later(seconds(40)),
        })
        .thenState((call) =>
          expect(call.status === "ended" && call.callback?.number).toBe("020 8888 0000"),
        );
    });

    it("P3 a call's length is measured on the clock from the answer, against the 3-minute target", async () => {
      const { ops, clock } = await openDesk({ tags: [] });
      await ops.execute(AnswerCall({ callId: "t-1", rings: 1 }), { actor: desk });
      clock.advance(minutes(2));
      const short = await ops.execute(EndCall({ callId: "t-1" }), { actor: desk });
      await ops.execute(AnswerCall({ callId: "t-2", rings: 1 }), { actor: desk });
      clock.advance(minutes(4));
      const long = await ops.execute(EndCall({ callId: "t-2" }), { actor: desk });
      expect(eventsOf(short.events, CallEnded)[0]?.data).toMatchObject({
        durationMs: minutes(2),
        overTarget: false,
      });
      expect(eventsOf(long.events, CallEnded)[0]?.data).toMatchObject({
        durationMs: minutes(4),
        targetMs: minutes(3),
        overTarget: true,
      });
      expect((await ops.read(phoneDeskDays)).get(DAY)).toMatchObject({
        callsEnded: 2,
        callsOverTarget: 1,
      });
    });

    it("P3 an ended call takes no hold", () => {
      const ended = CallEnded({
        callId: "t-1",
        durationMs: 1000,
        targetMs: minutes(3),
        overTarget: false,
        businessDay: DAY,
        at: NOW,
      });
      given(phoneDeskDecider, [answered(), ended])
        .when(HoldCall({ callId: "t-1" }))
        .thenThrows("P3");
    });
  });

  describe("P4 phone inquiries counted", () => {
    it("P4 counts phone inquiries per business day", async () => {
      const { ops, clock } = await deskWithConsultants("c-1");
      await inquiryCall(ops, "t-1");
      await inquiryCall(ops, "t-2");
      await ops.execute(AnswerCall({ callId: "t-3", rings: 1 }), { actor: desk });
      clock.advance(minutes(24 * 60));
      await inquiryCall(ops, "t-4");
      const days = await ops.read(phoneDeskDays);
      expect(days.get(DAY)).toMatchObject({ callsAnswered: 3, inquiries: 2 });
      expect(days.get("2026-11-23")).toMatchObject({ callsAnswered: 1, inquiries: 1 });
    });
  });
});
