/**
 * A short day that leaves personal data of two people in most aggregates, for the erasure
 * specs: Li Na (member M-1) checks in and out, has an incident, complains by phone with her
 * card, borrows an umbrella, phones the desk with an inquiry and books a repair at home; Wang Wei registers as a visitor, complains at the desk without
 * a card and borrows an umbrella; Zhao Min signs for a conference group's account.
 */
import {
  type Actor,
  AnswerCall,
  BookRepair,
  ChargeTab,
  ChargeToAgreementAccount,
  CheckInMember,
  CheckOutMember,
  LendUmbrella,
  LodgeComplaint,
  type ManualClock,
  OpenAgreementAccount,
  RecordFirstAid,
  RecordIncidentStatement,
  RecordInquiry,
  RegisterKeyTags,
  RegisterVisitor,
  ReportIncident,
  ReturnUmbrella,
  type ServiceOps,
  SettleTab,
  type ShippedCommand,
  WriteIncidentReport,
} from "svcops";

export const DAY_SITE = "club-1";
export const DAY_START = "2026-11-23T01:00:00Z";

const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [DAY_SITE] });
const desk = person("desk-1", "frontDesk");
const lead = person("lead-1", "teamLead");
const coach = person("coach-1", "coach");
const cs = person("cs-1", "csManager");
const dutyManager = person("dm-1", "dutyManager");
const cashier = person("cash-1", "cashier");
const agent = person("agent-1", "callAgent");

/** Li Na's particulars as the day records them, and the subjects whose keys hold them. */
export const LI_NA = {
  subjects: ["member:M-1", "incident:inc-1", "loan:u-1", "call:c-1", "work-order:wo-1"],
  texts: [
    "Li Na",
    "13800000000",
    "slipped on the wet tiles by the pool and cut her right knee",
    "deep cut, 3 cm; bleeding stopped",
    "I ran along the pool and slipped where the floor was wet.",
    "a 3 cm cut on the right knee, two stitches",
    "Room 1202, 88 Riverside Road",
  ],
  age: 61,
} as const;

/** Wang Wei's and Zhao Min's particulars: never erased in the specs. */
export const OTHERS = {
  texts: ["Wang Wei", "13911112222", "Zhao Min"],
} as const;

/** The streams whose states the specs compare. */
export const DAY_STREAMS = {
  visit: `${DAY_SITE}/visit/v-1`,
  incident: `${DAY_SITE}/incident/inc-1`,
  loan: `${DAY_SITE}/deposit-loan/u-1`,
  account: `${DAY_SITE}/agreement-account/acc-1`,
} as const;

/** Plays the day on `ops`, moving `clock` a few minutes between commands. */
export async function playPersonalDataDay(ops: ServiceOps, clock: ManualClock): Promise<void> {
  const send = async (command: ShippedCommand, actor: Actor) => {
    clock.advance(5 * 60_000);
    await ops.execute(command, { actor });
  };
  await send(RegisterKeyTags({ tags: ["17", "18"] }), lead);
  await send(
    CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "17", gender: "female" }),
    desk,
  );
  await send(
    CheckInMember({ visitId: "v-2", memberCard: "M-2", keyTag: "18", gender: "male" }),
    desk,
  );
  await send(ChargeTab({ visitId: "v-1", amount: 1500, source: "waterBar" }), desk);
  await send(SettleTab({ visitId: "v-1", amount: 1500, method: "wechat" }), desk);
  await send(
    RegisterVisitor({
      visitorId: "vis-2",
      name: "Wang Wei",
      phone: "13911112222",
      gender: "male",
      firstVisit: true,
    }),
    desk,
  );
  await send(
    ReportIncident({
      incidentId: "inc-1",
      member: { cardNumber: "M-1", name: "Li Na", gender: "female", age: LI_NA.age },
      whatHappened: LI_NA.texts[2],
      place: "pool deck",
      severity: "minor",
      notified: [
        { staffId: "cs-1", role: "csManager" },
        { staffId: "coach-1", role: "coach" },
      ],
    }),
    desk,
  );
  await send(
    RecordFirstAid({ incidentId: "inc-1", measures: ["clean", "dress"], notes: LI_NA.texts[3] }),
    coach,
  );
  await send(RecordIncidentStatement({ incidentId: "inc-1", statement: LI_NA.texts[4] }), cs);
  await send(WriteIncidentReport({ incidentId: "inc-1", injuryDegree: LI_NA.texts[5] }), cs);
  await send(CheckOutMember({ visitId: "v-1", keyTag: "17" }), desk);
  await send(
    LodgeComplaint({
      caseId: "k-1",
      channel: "phone",
      customer: { name: "Li Na", phone: "13800000000", memberCard: "M-1" },
      material: "the pool deck was wet and unmarked",
      department: "pool",
    }),
    dutyManager,
  );
  await send(
    LodgeComplaint({
      caseId: "k-2",
      channel: "onSite",
      customer: { name: "Wang Wei", phone: "13911112222" },
      material: "no towels left at 19:00",
      department: "housekeeping",
    }),
    dutyManager,
  );
  await send(
    LendUmbrella({
      loanId: "u-1",
      customer: { name: "Li Na", phone: "13800000000" },
      umbrellaNumber: "U-07",
      paymentMethod: "cash",
    }),
    desk,
  );
  await send(
    LendUmbrella({
      loanId: "u-2",
      customer: { name: "Wang Wei", phone: "13911112222" },
      umbrellaNumber: "U-08",
      paymentMethod: "cash",
    }),
    desk,
  );
  clock.advance(26 * 3600_000);
  await send(
    ReturnUmbrella({
      loanId: "u-1",
      customerSignature: { staffId: "13800000000", role: "customer" },
    }),
    desk,
  );
  // P2: she phones the desk with an inquiry (her name and number are the call's).
  await send(AnswerCall({ callId: "c-1", rings: 2 }), desk);
  await send(
    RecordInquiry({
      callId: "c-1",
      callerName: "Li Na",
      callbackNumber: "13800000000",
      hasAppointment: false,
    }),
    desk,
  );
  // W1: she books a repair at home (name, number and address are the order's).
  await send(
    BookRepair({
      orderId: "wo-1",
      customer: { name: "Li Na", phone: "13800000000", address: LI_NA.texts[6] },
      fault: "the water heater leaks",
      appointment: { from: "2026-11-25T02:00:00Z", to: "2026-11-25T04:00:00Z" },
    }),
    agent,
  );
  await send(
    OpenAgreementAccount({
      accountId: "acc-1",
      company: "Huaxin Conference Group",
      signers: [{ signerId: "ID-1101", name: "Zhao Min" }],
    }),
    cashier,
  );
  await send(
    ChargeToAgreementAccount({
      accountId: "acc-1",
      signerId: "ID-1101",
      description: "meeting room, half day",
      amount: 80_000,
    }),
    cashier,
  );
}

/**
 * What a view or state looks like once Li Na is erased: each of her texts, wherever it stands
 * (also inside a longer text), reads `[erased]`, and her age reads 0. Maps and sets become
 * entry lists, as in `plain`.
 */
export function withLiNaErased(value: unknown): unknown {
  return plain(value, {
    text: (text) => LI_NA.texts.reduce((out, secret) => out.split(secret).join("[erased]"), text),
    age: (age) => (age === LI_NA.age ? 0 : age),
  });
}

interface Rewrite {
  readonly text: (value: string) => string;
  readonly age: (value: number) => number;
}

const unchanged: Rewrite = { text: (v) => v, age: (v) => v };

/** A value as plain data (maps and sets as entry lists), for deep comparisons. */
export function plain(value: unknown, rewrite: Rewrite = unchanged, key?: string): unknown {
  if (typeof value === "string") return rewrite.text(value);
  if (typeof value === "number") return key === "age" ? rewrite.age(value) : value;
  if (value instanceof Map) {
    return [...value].map(([k, v]) => [plain(k, rewrite), plain(v, rewrite)]);
  }
  if (value instanceof Set) return [...value].map((v) => plain(v, rewrite));
  if (Array.isArray(value)) return value.map((v) => plain(v, rewrite));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, rewrite, k)]));
  }
  return value;
}
