/**
 * The early shift at a gym's front desk, seen from the phone and the handover book (P1–P4, S5):
 * calls answered on time and late (with an apology), inquiries passed to the membership
 * consultants by the same sign-in rotation as the walk-in visitors, a callback promised while
 * the consultants are at lunch and made after, a long hold with the caller's consent, a call
 * over three minutes; then the handover entry, its figures counted from the shift's events and
 * signed by the outgoing and the incoming desk clerk.
 *
 *   npx tsx examples/phone-desk-handover.ts
 *
 * The clock is a manual one, so every run prints the same.
 */
import {
  type Actor,
  AnswerCall,
  CheckInMember,
  type CommandResult,
  ConsultantReturns,
  ConsultantStepsOut,
  CountersignHandover,
  callbacksOwed,
  createServiceOps,
  EndCall,
  eventsOf,
  formatFen,
  HandOffVisitor,
  HoldCall,
  handoverBook,
  InquiryPutThrough,
  manualClock,
  phoneDeskDays,
  ReceiveVisitor,
  RecordCallbackMade,
  RecordInquiry,
  RegisterKeyTags,
  RegisterVisitor,
  ResumeCall,
  SellMembershipCard,
  SignInConsultant,
  SvcOpsError,
  VisitorHandedOff,
  WriteHandoverEntry,
} from "svcops";

const SITE = "gym-jingan";
const DAY = "2026-11-23";
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const early = person("desk-li", "frontDesk");
const late = person("desk-chen", "frontDesk");
const lead = person("lead-zhao", "teamLead");
const wang = person("c-wang", "consultant");
const liu = person("c-liu", "consultant");
const clock = manualClock("2026-11-23T01:00:00Z"); // Monday 09:00 in Shanghai
const ops = createServiceOps({ site: { id: SITE }, clock });
const MINUTE = 60_000;
const when = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Shanghai",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const say = (text: string) => console.log(`${when.format(clock.now())}  ${text}`);
const at = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  clock.set(new Date(Date.UTC(2026, 10, 23, (h ?? 0) - 8, m ?? 0)));
};
async function attempt(what: string, run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof SvcOpsError)) throw error;
    say(`${what}: refused, "${error.message}"`);
  }
}
const caller = (callId: string, callerName: string, callbackNumber: string) => ({
  callId,
  callerName,
  callbackNumber,
  hasAppointment: false,
});
const putThroughTo = (result: CommandResult) =>
  eventsOf(result.events, InquiryPutThrough)[0]?.data.consultantId ?? "nobody";

await ops.execute(RegisterKeyTags({ tags: ["001", "002", "003", "004"] }), { actor: lead });
await ops.execute(SignInConsultant({ consultantId: "c-wang" }), { actor: wang });
await ops.execute(SignInConsultant({ consultantId: "c-liu" }), { actor: liu });
say("consultants signed in: c-wang, c-liu (today's rotation)");

at("09:20");
for (const [visitId, tag, category, gender] of [
  ["v-1", "001", "member", "female"],
  ["v-2", "002", "member", "male"],
  ["v-3", "003", "trial", "female"],
  ["v-4", "004", "coach", "male"],
] as const) {
  await ops.execute(
    CheckInMember({ visitId, memberCard: `M-${visitId}`, keyTag: tag, category, gender }),
    { actor: early },
  );
}
say("four in: two members, a trial, a coach");

// P1: the phone rings five times before the desk can pick up.
at("10:02");
await attempt("answer on the 5th ring without an apology", () =>
  ops.execute(AnswerCall({ callId: "t-1", rings: 5 }), { actor: early }),
);
await ops.execute(AnswerCall({ callId: "t-1", rings: 5, apologised: true }), { actor: early });
say("t-1 answered on the 5th ring with an apology (a P1 breach, counted)");

// P2: a phone inquiry and a walk-in visitor share one rotation.
const inquiry = await ops.execute(RecordInquiry(caller("t-1", "Wang Fang", "13900000001")), {
  actor: early,
});
say(`t-1 inquiry from Wang Fang put through to ${putThroughTo(inquiry)}`);
clock.advance(2 * MINUTE);
await ops.execute(EndCall({ callId: "t-1" }), { actor: early });
await ops.execute(
  RegisterVisitor({
    visitorId: "g-1",
    name: "Zhang Min",
    phone: "13800000002",
    gender: "male",
    firstVisit: true,
  }),
  { actor: early },
);
const handOff = await ops.execute(HandOffVisitor({ visitorId: "g-1" }), { actor: early });
say(
  `walk-in Zhang Min handed to ${eventsOf(handOff.events, VisitorHandedOff)[0]?.data.consultantId} (the next in the same rotation)`,
);
await ops.execute(ReceiveVisitor({ visitorId: "g-1" }), { actor: liu });
await ops.execute(SellMembershipCard({ cardType: "annual", price: 388_000, visitorId: "g-1" }), {
  actor: liu,
});
say(`c-liu sold Zhang Min an annual card, ${formatFen(388_000)}`);

// P2: both consultants at lunch: the caller is promised a callback.
at("12:05");
await ops.execute(ConsultantStepsOut({ consultantId: "c-wang", reason: "meal" }), { actor: wang });
await ops.execute(ConsultantStepsOut({ consultantId: "c-liu", reason: "meal" }), { actor: liu });
await ops.execute(AnswerCall({ callId: "t-2", rings: 2 }), { actor: early });
await ops.execute(RecordInquiry(caller("t-2", "Sun Li", "13900000003")), { actor: early });
await ops.execute(EndCall({ callId: "t-2" }), { actor: early });
for (const due of (await ops.read(callbacksOwed)).values()) {
  say(`callback owed: ${due.callerName} on ${due.callbackNumber} (${due.reason})`);
}
at("13:10");
await ops.execute(ConsultantReturns({ consultantId: "c-wang" }), { actor: wang });
await ops.execute(RecordCallbackMade({ callId: "t-2" }), { actor: wang });
say(`c-wang called Sun Li back; callbacks owed: ${(await ops.read(callbacksOwed)).size}`);
await ops.execute(SellMembershipCard({ cardType: "10-visit", price: 80_000 }), { actor: wang });
say(`c-wang sold a 10-visit card, ${formatFen(80_000)}`);

// P3: a hold of 45 seconds, and a call of 4 minutes.
at("14:00");
await ops.execute(AnswerCall({ callId: "t-3", rings: 1 }), { actor: early });
await ops.execute(HoldCall({ callId: "t-3" }), { actor: early });
clock.advance(45_000);
await attempt("back after a 45 s hold without asking", () =>
  ops.execute(ResumeCall({ callId: "t-3" }), { actor: early }),
);
await ops.execute(ResumeCall({ callId: "t-3", callerConsented: true }), { actor: early });
say("t-3 resumed: the caller agreed to hold longer");
clock.advance(3 * MINUTE + 15_000);
await ops.execute(EndCall({ callId: "t-3" }), { actor: early });
const phone = (await ops.read(phoneDeskDays)).get(DAY);
say(
  `phone today: ${phone?.callsAnswered} answered, ${phone?.lateAnswers} late, ${phone?.inquiries} inquiries, ${phone?.holdsOverLimit} long hold, ${phone?.callsOverTarget} over 3 min`,
);

// S5: the handover at 15:00. Only the notes are typed; the figures come from the events.
at("15:00");
await ops.execute(
  WriteHandoverEntry({
    shift: "early",
    notableEvents: ["the sauna heater tripped at 11:40; engineering reset it"],
    ordersFromAbove: ["from Wednesday, trial passes need an ID card"],
  }),
  { actor: early },
);
await attempt("desk-li countersigns her own entry", () =>
  ops.execute(CountersignHandover({ shift: "early" }), { actor: early }),
);
await ops.execute(CountersignHandover({ shift: "early" }), { actor: late });

const [entry] = (await ops.read(handoverBook)).get(DAY)?.entries ?? [];
if (!entry) throw new Error("no handover entry");
const { entries, cardsSold, phoneInquiries } = entry.figures;
console.log(`\nHandover book, ${DAY}, ${entry.shift} shift`);
console.table(
  Object.fromEntries(
    Object.entries(entries).map(([category, g]) => [category, { female: g.female, male: g.male }]),
  ),
);
console.table(
  Object.fromEntries(
    Object.entries(cardsSold).map(([type, s]) => [
      type,
      { cards: s.count, total: formatFen(s.amount) },
    ]),
  ),
);
console.log(`phone inquiries: ${phoneInquiries}`);
console.log(`notable: ${entry.notableEvents.join("; ")}`);
console.log(`orders from above: ${entry.ordersFromAbove.join("; ")}`);
console.log(`signed: out ${entry.outgoing.staffId}, in ${entry.incoming?.staffId ?? "(missing)"}`);
