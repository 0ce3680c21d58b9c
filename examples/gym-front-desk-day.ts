/**
 * A day at the front desk of a gym, 06:00–22:00 in Shanghai: `npm run demo`.
 *
 * Riverside Fitness opens at 06:00 and closes at 22:00. This script plays one business day
 * through svcops the way a front-desk app would: members check in and out with key tags, the
 * water bar (a stock location: N1, N2, N5, N7) sells drinks on their key tags, charged to the
 * visits' tabs, visitors are registered and handed to membership consultants, and at close the
 * desk reconciles the key tags (V6), the bar counts its stock (N5), and the handover book is filled
 * in (V5). The day also opens by the book (staff on site before opening, the pre-shift meeting,
 * the opening checks: S6, S7), takes a phone inquiry through the consultants' rotation (P1, P2),
 * hands over between the early and the late desk (S5), and ends with the day close (S7): every
 * key-tag, stock and cash discrepancy listed and annotated by its role, and a closed day. Each rule of the Visit catalogue (V1–V14, see docs/visit.md) is explained where it first
 * comes up.
 *
 * The events go to a SQLite file, `./svcops-demo.sqlite` (or `--db <path>`, or the
 * SVCOPS_DEMO_DB environment variable; `--help` prints the usage). The first run plays Monday
 * 2026-11-23; every later run on the same file reads what is already there and plays the next
 * business day, starting where the last one stopped: the key tags registered on the first day,
 * the tags lost since, the tag a member took home last night. Delete the file to start over.
 *
 * The run is deterministic: time comes from a manual clock (never from `Date.now()`), randomness
 * from a PRNG seeded with the day, ids from a sequential generator. The same file gives the same
 * output.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type Actor,
  AnnotateDayCloseDiscrepancy,
  AnswerCall,
  CheckInMember,
  CheckOutMember,
  CloseComplaint,
  CloseIncident,
  type CommandResult,
  CompleteOpeningChecks,
  type ConsultantPaged,
  ConsultantReturns,
  ConsultantStepsOut,
  CountCashDrawer,
  CountClosingStock,
  CountersignHandover,
  CountOpeningStock,
  cashDrawer,
  complaintCases,
  complaintReports,
  complaintsDue,
  createServiceOps,
  dailyEntryCounts,
  dayClose,
  defineProjection,
  defineSite,
  EndCall,
  type EntryCategory,
  eventsOf,
  type Fen,
  fen,
  formatFen,
  freeKeyTags,
  type Gender,
  HandComplaintToSupervisor,
  HandOffVisitor,
  HoldPreShiftMeeting,
  handOffTimeouts,
  handoverBook,
  incidentReports,
  inventoryAggregate,
  inventoryStream,
  keyTagLedger,
  keyTagMovements,
  keyTagPoolAggregate,
  keyTagPoolStream,
  ListItems,
  LockValuables,
  LodgeComplaint,
  type MembershipPriceQuoted,
  manualClock,
  OPENING_CHECKS,
  OpenBusinessDay,
  PageConsultant,
  type PriceRequestRouted,
  ProjectionRunner,
  ProposeResolution,
  pendingHandOffs,
  QuoteMembershipPrice,
  ReadMessageBook,
  ReceiveStock,
  ReceiveVisitor,
  RecordArrival,
  RecordCareCall,
  RecordCustomerDecision,
  RecordFirstAid,
  RecordIncidentStatement,
  RecordInquiry,
  RecordInvestigation,
  RecordRequestedOutcome,
  RegisterKeyTags,
  RegisterVisitor,
  ReportComplaintToStoreManager,
  ReportIncident,
  ReportKeyTagLost,
  ReportStaffDisposition,
  RequestMembershipPrice,
  type RoleName,
  receptionStream,
  reconcileKeyTags,
  SellItems,
  SettleTab,
  type ShippedCommand,
  SignInConsultant,
  SignIncidentStatement,
  SvcOpsError,
  sequentialIds,
  stockDayKey,
  stockReport,
  type TagReconciliation,
  TakePost,
  totalEntries,
  VisitorHandedOff,
  type VisitorReceived,
  type VisitorRegistered,
  visitAggregate,
  visitStream,
  WriteComplaintReport,
  WriteHandoverEntry,
  WriteIncidentReport,
} from "svcops";
import { openSqliteStore } from "svcops/sqlite";

// ─── 0. The command line ───────────────────────────────────────────────────────────────────────
//
// One option, `--db <path>`, and `--help`. A wrong command line (an unknown option, `--db`
// without a path, an argument the demo does not take) stops here, before any file is opened, with
// one line and the usage on stderr and exit status 2.

const USAGE = `Usage: npm run demo -- [--db <path>]
       npx tsx examples/gym-front-desk-day.ts [--db <path>]

Plays one business day at the front desk of a gym in Shanghai through svcops: the opening,
check-ins with key tags, water-bar sales on the tags, a lost tag, visitors handed to membership
consultants, a phone inquiry, an injury (an incident) and a complaint, the handovers and the day
close. At close it prints the key-tag reconciliation (V6), the entry counts (V5), the visitor
hand-offs, the complaint and incident reports and the stock count. The events go
to a SQLite file; a later run on the same file plays the next business day. Delete the file (and
its -wal and -shm files) to start over.

Options:
  --db <path>   the SQLite file that holds the history (default: ./svcops-demo.sqlite)
  -h, --help    print this help and exit

Environment:
  SVCOPS_DEMO_DB   the SQLite file, when --db is not given`;

/** The demo's options from its arguments; prints the usage and exits for --help or a mistake. */
async function commandLine(argv: readonly string[]): Promise<{ readonly db?: string }> {
  const exit = async (code: number, text: string) => {
    const stream = code === 0 ? process.stdout : process.stderr;
    await new Promise((done) => stream.write(`${text}\n`, done)); // flushed, even into a pipe
    process.exit(code);
  };
  let values: { db?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { db: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    // parseArgs explains what is wrong in its first sentence, then how to quote a dash.
    const message = error instanceof Error ? error.message : String(error);
    const first = message.split("\n")[0]?.replace(/\. To specify .*$/, "");
    return exit(2, `demo: ${first}\n\n${USAGE}`);
  }
  if (values.help) return exit(0, USAGE);
  if (values.db === "") return exit(2, `demo: option --db needs a file path\n\n${USAGE}`);
  return values.db === undefined ? {} : { db: values.db };
}
const options = await commandLine(process.argv.slice(2));

// ─── 1. The site, the store, the day, the clock ────────────────────────────────────────────────
//
// A site is an id, a calendar (IANA zone, opening hours) and a policy. Policy values not given
// keep the defaults of the rule catalogue (docs/rules.md); this gym charges ¥20.00 for a lost key
// tag (V7). Money is always integer fen: 2000 fen = ¥20.00.

const SITE_ID = "riverside-gym";
const FIRST_DAY = "2026-11-23"; // a Monday: what a new file starts with
const site = defineSite({
  id: SITE_ID,
  timeZone: "Asia/Shanghai",
  openingHours: { opens: "06:00", closes: "22:00" },
  policy: { keyTagReplacementFee: 2000 },
});
const { calendar, policy } = site;

// The events live in one SQLite file (`svcops/sqlite`, on better-sqlite3): by default
// `svcops-demo.sqlite` in the current directory, or the path given with `--db <path>` or in
// SVCOPS_DEMO_DB. `openSqliteStore` creates the file when it is missing and migrates its schema.
const dbPath = resolve(options.db ?? process.env.SVCOPS_DEMO_DB ?? "svcops-demo.sqlite");
const store = await openSqliteStore({ path: dbPath });

// What does the file hold already? A projection is a pure fold over the store's global log; this
// one counts the site's events and remembers when the last one happened. A ProjectionRunner keeps
// it up to date straight from the store (the façade below runs one for each projection it reads).
const history = defineProjection<{ readonly events: number; readonly lastAt?: string }>({
  name: "demo-history",
  initialView: { events: 0 },
  fold: (view, event) => ({ events: view.events + 1, lastAt: event.metadata.occurredAt }),
});
const log = new ProjectionRunner(store, history, { siteId: SITE_ID });
await log.catchUp();
const before = log.view;
const lastDay = before.lastAt ? calendar.businessDayOf(new Date(before.lastAt)) : undefined;
// A new file plays the first day; a file with a history plays the business day after its last.
const DAY = lastDay ? calendar.addDays(lastDay, 1) : FIRST_DAY;
const DAY_TAG = DAY.slice(5).replace("-", ""); // "1123": prefixes today's visit and visitor ids

const weekday = (day: string) =>
  new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
const shown = relative(process.cwd(), dbPath);
const fileName = shown.startsWith("..") || isAbsolute(shown) ? dbPath : `./${shown}`;
console.log(
  `svcops demo: Riverside Fitness front desk, ${weekday(DAY)} ${DAY} (${calendar.timeZone})`,
);
console.log(`store: SQLite file ${fileName}`);
console.log(
  lastDay
    ? `continuing its history: ${before.events} events already stored, last business day ${weekday(lastDay)} ${lastDay}; playing the next day`
    : `new history: no events stored yet; playing the first day`,
);
console.log("─".repeat(100));

// The manual clock starts at 05:50 local time on the day to play and only moves when the timeline
// below moves it. The command handler asks it for `now` once per command.
const clock = manualClock(calendar.at(DAY, "05:50"));
const ops = createServiceOps({
  site,
  store,
  clock,
  // Predictable event and command ids. The store remembers every command id (a repeat is a
  // duplicate, not a new command), so the day goes into the prefix: runs on one file never clash.
  ids: sequentialIds(`id-${DAY}`),
});

// Actors: who sends a command, in which role, for which sites. Each command names the roles
// allowed to issue it; a wrong role is refused with `Unauthorized` before anything is decided.
const staff = (id: string, role: RoleName): Actor => ({ id, role, sites: [SITE_ID] });
const teamLead = staff("lead-zhao", "teamLead");
const deskEarly = staff("desk-amy", "frontDesk"); // 06:00–14:00
const deskLate = staff("desk-ben", "frontDesk"); // 14:00–22:00
const waterBar = staff("bar-kai", "waterBar");
const consultants = {
  lin: staff("c-lin", "consultant"),
  zhou: staff("c-zhou", "consultant"),
  wang: staff("c-wang", "consultant"),
  chen: staff("c-chen", "consultant"),
};

// ─── 2. Helpers: time, randomness, logging, sending commands ───────────────────────────────────

/** The instant of a local wall-clock time today, e.g. at("18:30", 15) is 18:30:15 in Shanghai. */
const at = (time: string, seconds = 0): number => calendar.at(DAY, time).getTime() + seconds * 1000;
const MINUTE = 60_000;

const localTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: calendar.timeZone,
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const hhmmss = (instant: Date | string | number) => localTime.format(new Date(instant));
const say = (text: string) => console.log(`${hhmmss(clock.now())}  ${text}`);
const note = (text: string) => console.log(`          ${text}`);

/** mulberry32: a tiny seeded PRNG, so a given day is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(DAY.replaceAll("-", ""))); // 20261123 on the first day
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

let commandsSent = 0;
/** Sends a command as an actor. A refused command throws and appends nothing. */
async function send(command: ShippedCommand, actor: Actor): Promise<CommandResult> {
  commandsSent += 1;
  return ops.execute(command, { actor });
}
/** Sends a command we expect to be refused, and returns the error (a SvcOpsError). */
async function refused(command: ShippedCommand, actor: Actor): Promise<SvcOpsError> {
  try {
    await send(command, actor);
  } catch (error) {
    if (error instanceof SvcOpsError) return error;
    throw error;
  }
  throw new Error(`${command.type} should have been refused`);
}

// ─── 3. The timeline ───────────────────────────────────────────────────────────────────────────
//
// Time passing is not an event in svcops: the app moves the clock and sends commands. This
// little agenda holds "at instant T, do this"; steps may schedule later steps (a consultant who
// arrives a minute after the hand-off, the next tick of a timer). Steps at the same instant run in
// the order they were scheduled.

interface Step {
  readonly at: number;
  readonly seq: number;
  readonly run: () => Promise<void>;
}
const agenda: Step[] = [];
let scheduled = 0;
function schedule(instant: number, run: () => Promise<void>): void {
  const step = { at: instant, seq: scheduled++, run };
  let i = agenda.length;
  while (i > 0 && (agenda[i - 1] as Step).at > instant) i--;
  agenda.splice(i, 0, step);
}
async function runDay(): Promise<void> {
  for (let step = agenda.shift(); step; step = agenda.shift()) {
    clock.set(step.at);
    await step.run();
  }
}

// Every hour the desk glances at the key-tag ledger: how many tags are out, i.e. who is inside,
// and notes the hour's check-ins and check-outs (counted in section 5).
const hourly = { checkIns: 0, checkOuts: 0 };
for (let hour = 7; hour <= 22; hour++) {
  schedule(at(`${String(hour).padStart(2, "0")}:00`), async () => {
    const inside = (await ops.read(keyTagLedger)).out.size;
    const from = String(hour - 1).padStart(2, "0");
    const to = String(hour).padStart(2, "0");
    const n = (count: number) => String(count).padStart(2);
    say(
      `── ${from}:00–${to}:00: ${n(hourly.checkIns)} checked in, ${n(hourly.checkOuts)} checked out, ${n(inside)} inside now`,
    );
    hourly.checkIns = 0;
    hourly.checkOuts = 0;
  });
}

// ─── 4. Opening: the key-tag pool (V1), last night's tag (V3, V6), the rotation (V9) ───────────

// V1: members check in with a key tag (手牌) from the site's pool. The team lead registers the
// pool once, on the first day; tags are "001" … "150". On a later day the pool is already in the
// file, as the earlier days left it: the tags lost since stay retired (V7) and are never issued
// again, and a tag a member took home last night is still out. The pool's state is the
// key-tag-pool aggregate's state, read through the façade; `freeKeyTags` lists the tags in the
// drawer (registered, not out, not retired).
const TAGS = Array.from({ length: 150 }, (_, i) => String(i + 1).padStart(3, "0"));
schedule(at("05:50"), async () => {
  const { state: pool } = await ops.state(keyTagPoolAggregate, keyTagPoolStream(SITE_ID));
  if (pool.registered.size === 0) {
    await send(RegisterKeyTags({ tags: TAGS }), teamLead);
    say(`${teamLead.id} registers ${TAGS.length} key tags in the pool (V1)`);
    return;
  }
  say(
    `the key-tag pool is in the file already: ${pool.registered.size} tags, ${freeKeyTags(pool).length} in the drawer (V1)`,
  );
  if (pool.retired.size > 0)
    note(`retired on earlier days, never issued again (V7): ${[...pool.retired].join(", ")}`);
  for (const [tag, visitId] of pool.out) note(`out overnight: tag ${tag} on visit ${visitId}`);
});
// N1, N7: the water bar is a stock location. On the first day the team lead lists its items with
// their marked prices; every morning the bar counts its stock before opening (compared with last
// night's closing count: a difference would be reported) and takes the day's delivery up to 40 of
// each item. Sales go on numbered receipts from 1 each day (N2).
const BAR = "water-bar";
const PAR_LEVEL = 40;
schedule(at("05:55"), async () => {
  const { state: bar } = await ops.state(inventoryAggregate, inventoryStream(SITE_ID, BAR));
  if (Object.keys(bar.items).length === 0) {
    const items = WATER_BAR.map(({ item, price }) => ({ item, kind: "goods" as const, price }));
    await send(ListItems({ location: BAR, items }), teamLead);
    say(`${teamLead.id} lists the water bar's ${items.length} items at their marked prices (N7)`);
  }
  const counts = WATER_BAR.map(({ item }) => ({ item, quantity: bar.stock[item] ?? 0 }));
  await send(CountOpeningStock({ location: BAR, counts }), waterBar);
  const lines = counts
    .filter(({ quantity }) => quantity < PAR_LEVEL)
    .map(({ item, quantity }) => ({ item, quantity: PAR_LEVEL - quantity }));
  if (lines.length > 0) {
    await send(ReceiveStock({ location: BAR, deliveryNote: `D-${DAY}`, lines }), waterBar);
  }
  const delivered = lines.reduce((sum, { quantity }) => sum + quantity, 0);
  say(
    `${waterBar.id} counts the water bar's opening stock and takes a delivery of ${delivered} (N1)`,
  );
});
// S6, S7: the opening. The early desk, the water bar and the team lead are on site by 05:50, ten
// minutes before the doors open (a later arrival would be recorded as late); the team lead holds
// the pre-shift meeting, and only then do they take their posts (S6). The desk opens the business
// day once the opening checks are done and yesterday's message book is read (S7).
schedule(at("05:50"), async () => {
  for (const person of [teamLead, deskEarly, waterBar]) {
    await send(RecordArrival({ staffId: person.id }), person);
  }
  await send(
    HoldPreShiftMeeting({
      attendees: [teamLead.id, deskEarly.id, waterBar.id],
      topics: "the evening rush; the pool closes early",
    }),
    teamLead,
  );
  await send(TakePost({ staffId: deskEarly.id, post: "front-desk" }), deskEarly);
  await send(TakePost({ staffId: waterBar.id, post: "water-bar" }), waterBar);
  await send(CompleteOpeningChecks({ checks: [...OPENING_CHECKS] }), deskEarly);
  await send(ReadMessageBook({ notes: "nothing left open from yesterday" }), deskEarly);
  await send(OpenBusinessDay({}), deskEarly);
  say(
    `${teamLead.id}, ${deskEarly.id} and ${waterBar.id} on site, pre-shift meeting held, posts taken; ${OPENING_CHECKS.length} opening checks done and the message book read: the day opens (S6, S7)`,
  );
});
schedule(at("06:00"), async () => say("doors open"));

// Last night a member left through the side door with the key tag in a pocket (section 5), and
// the desk kept the card. This morning, on the way to work, the member brings the tag back: the
// desk checks the earlier visit out with it (V3), the tag goes back into the drawer and the card
// to its owner. The V6 reconciliation counts it as a late arrival today, and the day it was issued
// keeps its discrepancy, now saying when the tag came back.
const overnight = [...(await ops.read(keyTagLedger)).out.values()];
for (const out of overnight) {
  schedule(at("06:45"), async () => {
    const { visitId, tag, memberCard, since } = out;
    const tab = await tabOf(visitId);
    if (tab > 0) await settle(visitId, tab);
    await send(CheckOutMember({ visitId, keyTag: tag }), deskEarly);
    const issuedOn = calendar.businessDayOf(new Date(since));
    say(`card ${memberCard}: the member brings back key tag ${tag}, taken home on ${issuedOn}`);
    note(
      `CheckOutMember on ${visitId}: the tag goes back in the drawer, the card to its owner (V3)`,
    );
    note(`a late arrival in today's V6 report; ${issuedOn} keeps its discrepancy (V6)`);
  });
}

// V9: consultants sign in; the sign-in order is today's rotation for visitors. The rotation lives
// in the reception stream of this business day, so tomorrow starts with an empty one.
const signIns: [string, Actor][] = [
  ["09:00", consultants.lin],
  ["09:02", consultants.zhou],
  ["09:05", consultants.wang],
  ["09:10", consultants.chen],
];
for (const [time, consultant] of signIns) {
  schedule(at(time), async () => {
    await send(SignInConsultant({ consultantId: consultant.id }), consultant);
    say(`${consultant.id} signs in and joins today's rotation (V9)`);
  });
}

// V13: a consultant who leaves the centre tells the desk, and the rotation skips them until back.
schedule(at("12:00"), async () => {
  await send(
    ConsultantStepsOut({ consultantId: consultants.zhou.id, reason: "meal" }),
    consultants.zhou,
  );
  say(`${consultants.zhou.id} goes out for lunch and tells the desk: skipped until back (V13)`);
});
schedule(at("12:55"), async () => {
  await send(ConsultantReturns({ consultantId: consultants.zhou.id }), consultants.zhou);
  say(`${consultants.zhou.id} is back from lunch, in the rotation again (V13)`);
});

const deskOnDuty = (): Actor => (clock.now().getTime() < at("14:00") ? deskEarly : deskLate);

// ─── 5. Members: check in, water bar, check out ────────────────────────────────────────────────

type Ending = "normal" | "unpaidTab" | "lostTag" | "sideDoor";
interface Purchase {
  readonly at: number;
  readonly item: string;
  readonly price: Fen;
}
interface PlannedVisit {
  readonly visitId: string;
  readonly card: string;
  readonly category: EntryCategory;
  readonly gender: Gender;
  readonly arrive: number;
  readonly leave: number;
  readonly purchases: Purchase[];
  ending: Ending;
  keyTag?: string;
}

const WATER_BAR: readonly { item: string; price: Fen }[] = [
  { item: "mineral water", price: fen(500) },
  { item: "sports drink", price: fen(800) },
  { item: "energy bar", price: fen(1200) },
  { item: "americano", price: fen(1800) },
  { item: "protein shake", price: fen(2800) },
];
const PAYMENT = ["wechat", "alipay", "wechat", "card", "cash"] as const;

// Check-ins per hour from 06:00 to 20:00: an early-morning peak, a lunch bump and the after-work
// rush; 150 in all. Two personal coaches come in for their clients' sessions: they take a tag too,
// and the handover book counts them as coaches (V5).
const ARRIVALS_PER_HOUR = [12, 16, 9, 6, 6, 7, 12, 6, 5, 6, 8, 14, 18, 16, 9];
const COACHES = new Map([
  [3, "COACH-07"],
  [96, "COACH-12"],
]);

function planVisits(): PlannedVisit[] {
  const arrivals: number[] = [];
  for (const [n, count] of ARRIVALS_PER_HOUR.entries()) {
    const start = at(`${String(6 + n).padStart(2, "0")}:00`);
    for (let i = 0; i < count; i++) arrivals.push(start + Math.floor(random() * 3600) * 1000);
  }
  arrivals.sort((a, b) => a - b);

  // Members come from a roster of cards, each with a gender; nobody comes twice in a day, and a
  // member whose card is still at the desk from last night only comes to bring the tag back.
  const held = new Set(overnight.map((out) => out.memberCard));
  const roster = Array.from({ length: 900 }, (_, i) => ({
    card: `M-${10001 + i}`,
    gender: (random() < 0.48 ? "female" : "male") as Gender,
  })).filter((member) => !held.has(member.card));
  const lastOut = at("21:55");
  let trials = 0;
  return arrivals.map((arrive, i) => {
    const [member] = roster.splice(Math.floor(random() * roster.length), 1);
    if (!member) throw new Error("the roster is exhausted");
    const stay = (45 + Math.floor(random() * 75)) * MINUTE;
    const leave = Math.min(arrive + stay, lastOut - Math.floor(random() * 8) * MINUTE);
    const purchases: Purchase[] = [];
    const buys = random() < 0.3 ? (random() < 0.25 ? 2 : 1) : 0;
    for (let n = 0; n < buys; n++) {
      purchases.push({
        at: arrive + Math.floor((0.3 + 0.5 * random()) * (leave - arrive)),
        ...pick(WATER_BAR),
      });
    }
    purchases.sort((a, b) => a.at - b.at);
    const coach = COACHES.get(i);
    const isTrial = !coach && random() < 0.06;
    if (isTrial) trials += 1;
    return {
      visitId: `v-${DAY_TAG}-${String(i + 1).padStart(3, "0")}`,
      card: coach ?? (isTrial ? `TRIAL-${DAY_TAG}-${trials}` : member.card),
      category: coach ? "coach" : isTrial ? "trial" : "member",
      gender: member.gender,
      arrive,
      leave,
      purchases,
      ending: "normal",
    } satisfies PlannedVisit;
  });
}

const visits = planVisits();
// Three members get a story of their own.
const members = visits.filter((v) => v.category === "member");
const firstFrom = (time: string, withPurchases: boolean) =>
  members.find((v) => v.arrive >= at(time) && v.purchases.length > 0 === withPurchases);
const lostTagVisit = firstFrom("11:00", false); // loses the key tag (V7)
const unpaidTabVisit = firstFrom("18:00", true); // tries to leave with an unpaid tab (V4)
const sideDoorVisit = members.filter((v) => v.purchases.length === 0).at(-1); // leaves with the tag (V6)
if (lostTagVisit) lostTagVisit.ending = "lostTag";
if (unpaidTabVisit) unpaidTabVisit.ending = "unpaidTab";
if (sideDoorVisit) sideDoorVisit.ending = "sideDoor";
// The evening rush, when the desk grabs a tag that is already out (V2).
const rushVisit = visits.find((v) => v.arrive >= at("18:30") && v.ending === "normal");

// The desk takes the first free tag from the drawer (`freeKeyTags`: registered, not out, not
// retired, in registration order), from the pool's state read through the façade.
async function freeTag(): Promise<string> {
  const { state: pool } = await ops.state(keyTagPoolAggregate, keyTagPoolStream(SITE_ID));
  const [tag] = freeKeyTags(pool);
  if (!tag) throw new Error("the drawer is empty");
  return tag;
}

/** What the visit owes now: charged minus settled, in fen, read from the visit's own state. */
async function tabOf(visitId: string): Promise<number> {
  const { state } = await ops.state(visitAggregate, visitStream(SITE_ID, visitId));
  return state.status === "none" ? 0 : state.tab;
}

let waterBarCharges = 0;
let waterBarTotal = 0;
let settledTotal = 0;
let receipt = 0;

async function checkIn(visit: PlannedVisit): Promise<void> {
  const { visitId, card, category, gender } = visit;
  if (visit === rushVisit) {
    // V2: a key tag is out on at most one open visit at a time. CheckInMember is decided on the
    // visit's stream and *enlists* IssueKeyTag on the pool's stream; both are decided against
    // current state and appended in one atomic step, so a tag that is out is refused even when
    // two desks check in at the same moment. Nothing is appended: the visit can simply try again.
    const inside = (await ops.read(keyTagLedger)).out;
    const [busyTag, holder] = [...inside.entries()][0] ?? [];
    if (busyTag && holder) {
      const error = await refused(
        CheckInMember({ visitId, memberCard: card, keyTag: busyTag, category, gender }),
        deskOnDuty(),
      );
      say(`rush hour: the desk grabs tag ${busyTag}, still out with card ${holder.memberCard}`);
      note(`refused: "${error.message}"`);
    }
  }
  const keyTag = await freeTag();
  // V1: the desk keeps the card and issues one key tag from the pool.
  await send(CheckInMember({ visitId, memberCard: card, keyTag, category, gender }), deskOnDuty());
  visit.keyTag = keyTag;
  hourly.checkIns += 1;
  if (visit === rushVisit) note(`${visitId} gets tag ${keyTag} instead`);
}

async function buy(visit: PlannedVisit, purchase: Purchase): Promise<void> {
  // N2 / V4: a water-bar sale to a member is written on the next numbered receipt and paid with
  // the key tag: the sale enlists the pool, which finds the visit the tag is out on and enlists
  // ChargeTab on it, all in one append. The tab is settled at the desk before the card goes back.
  const keyTag = visit.keyTag;
  if (keyTag === undefined) throw new Error(`${visit.visitId} has no key tag`);
  receipt += 1;
  await send(
    SellItems({
      location: BAR,
      receiptNumber: receipt,
      lines: [{ item: purchase.item, quantity: 1, unitPrice: purchase.price }],
      payment: { keyTag },
    }),
    waterBar,
  );
  waterBarCharges += 1;
  waterBarTotal += purchase.price;
}

async function settle(visitId: string, tab: number): Promise<string> {
  const method = pick(PAYMENT);
  await send(SettleTab({ visitId, amount: tab, method }), deskOnDuty());
  settledTotal += tab;
  return method === "card" ? "bank card" : method; // not to be mixed up with the membership card
}

async function leave(visit: PlannedVisit): Promise<void> {
  const { visitId, keyTag } = visit;
  const desk = deskOnDuty();
  switch (visit.ending) {
    case "sideDoor":
      // Leaves through the side door with the tag in a pocket; the desk still holds the card.
      // Nobody tells svcops anything, and the V6 reconciliation at close will show it. The member
      // brings the tag back the next morning: run the demo again on the same file (section 4).
      return;
    case "lostTag": {
      // V7: the tag is reported lost. It is retired from the pool (enlisted RetireLostKeyTag, same
      // atomic append) and the site's replacement fee goes on the visit's tab.
      await send(ReportKeyTagLost({ visitId }), desk);
      const tab = await tabOf(visitId);
      say(`${visit.card} cannot find key tag ${keyTag} after a swim: reported lost (V7)`);
      note(
        `tag ${keyTag} is retired from the pool; replacement fee ${formatFen(policy.keyTagReplacementFee)} goes on the tab`,
      );
      const method = await settle(visitId, tab);
      // V3: check-out without a tag is allowed only once the tag was reported lost.
      await send(CheckOutMember({ visitId }), desk);
      note(`pays ${formatFen(tab)} by ${method} and gets the card back`);
      break;
    }
    case "unpaidTab": {
      // V4: check-out is refused while the visit has an unpaid tab.
      const error = await refused(CheckOutMember({ visitId, keyTag }), desk);
      say(`${visit.card} hands back tag ${keyTag} and asks for the card`);
      note(`refused: "${error.message}"`);
      const tab = await tabOf(visitId);
      const method = await settle(visitId, tab);
      await send(CheckOutMember({ visitId, keyTag }), desk);
      note(`settles ${formatFen(tab)} by ${method}; now the card goes back (V3)`);
      break;
    }
    case "normal": {
      const tab = await tabOf(visitId);
      if (tab > 0) await settle(visitId, tab);
      // V3: the member returns the same tag and gets the same card back.
      await send(CheckOutMember({ visitId, keyTag }), desk);
      break;
    }
  }
  hourly.checkOuts += 1;
}

for (const visit of visits) {
  schedule(visit.arrive, () => checkIn(visit));
  for (const purchase of visit.purchases) schedule(purchase.at, () => buy(visit, purchase));
  schedule(visit.leave, () => leave(visit));
}

// ─── 6. Visitors: registration and hand-off to a consultant (V8–V14) ───────────────────────────
//
// A small read model of our own: every visitor's hand-off story, folded from reception events.
// A projection is a pure fold `(view, event) => view`; `ops.read(projection)` brings it up to date
// with the store's global log. svcops ships some (key-tag ledger, entry counts, tag movements,
// pending hand-offs); apps add their own the same way.

interface HandOffStory {
  readonly name: string;
  readonly lines: readonly string[];
}

/** The reception events about one visitor (all carry a `visitorId`). */
type VisitorEvent =
  | VisitorRegistered
  | VisitorHandedOff
  | ConsultantPaged
  | VisitorReceived
  | PriceRequestRouted
  | MembershipPriceQuoted;

const handOffBook = defineProjection<ReadonlyMap<string, HandOffStory>, VisitorEvent>({
  name: "demo-hand-off-book",
  initialView: new Map(),
  eventTypes: [
    "VisitorRegistered",
    "VisitorHandedOff",
    "ConsultantPaged",
    "VisitorReceived",
    "PriceRequestRouted",
    "MembershipPriceQuoted",
  ],
  fold(view, event) {
    const time = hhmmss(event.metadata.occurredAt);
    const next = new Map(view);
    const known = view.get(event.data.visitorId);
    const add = (line: string) => {
      if (known)
        next.set(event.data.visitorId, { ...known, lines: [...known.lines, `${time}  ${line}`] });
      return next;
    };
    switch (event.type) {
      case "VisitorRegistered": {
        const d = event.data;
        const kind = d.firstVisit
          ? "first visit"
          : `returning, appointment with ${d.appointmentConsultantId}`;
        const named = d.namedConsultantId ? `, asks for ${d.namedConsultantId}` : "";
        next.set(d.visitorId, {
          name: d.name,
          lines: [`${time}  registered (${kind}${named}), signed by ${d.deskSignature.staffId}`],
        });
        return next;
      }
      case "VisitorHandedOff": {
        const d = event.data;
        const from = d.fromConsultantId ? `, from ${d.fromConsultantId}` : "";
        return add(
          `handed off → ${d.consultantId} (${d.reason}${from}), due at the desk by ${hhmmss(d.arrivalDue)}`,
        );
      }
      case "ConsultantPaged":
        return add(`paged ${event.data.consultantId} (page ${event.data.page})`);
      case "VisitorReceived": {
        const { deskSignature: desk, consultantSignature: consultant } = event.data;
        return add(
          `received by ${event.data.consultantId}: signed ${desk.staffId} + ${consultant.staffId}`,
        );
      }
      case "PriceRequestRouted":
        return add(`price request routed to ${event.data.consultantId}`);
      case "MembershipPriceQuoted":
        return add(
          `${event.data.consultantId} quotes ${event.data.plan}: ${formatFen(event.data.price)}`,
        );
      default:
        return view;
    }
  },
});

interface VisitorScript {
  readonly time: string;
  readonly visitorId: string;
  readonly name: string;
  readonly phone: string;
  readonly gender: Gender;
  readonly firstVisit: boolean;
  readonly namedConsultantId?: string;
  readonly appointmentConsultantId?: string;
  readonly asksPrice?: boolean;
  /** Consultants who come to the desk for this visitor, and how many seconds they take. */
  readonly comes: Readonly<Record<string, number>>;
  /** The consultant is on the gym floor, not in the sales office: the desk pages (V11). */
  readonly page?: boolean;
  readonly why: string;
}

// Visitor ids carry the day ("g-1123-1"), like visit ids: the days in one file never mix.
const visitorsToday: readonly VisitorScript[] = [
  {
    time: "10:20",
    visitorId: `g-${DAY_TAG}-1`,
    name: "Gao Min",
    phone: "138 0000 1101",
    gender: "female",
    firstVisit: true,
    asksPrice: true,
    comes: { "c-lin": 70 },
    why: "first visit, no consultant named: the first in the rotation (V9)",
  },
  {
    time: "12:20",
    visitorId: `g-${DAY_TAG}-2`,
    name: "Sun Hao",
    phone: "139 0000 2202",
    gender: "male",
    firstVisit: true,
    namedConsultantId: "c-zhou",
    comes: { "c-wang": 50 },
    why: "asks for Zhou, who is out for lunch: the rotation, skipping Zhou (V9, V13)",
  },
  {
    time: "15:10",
    visitorId: `g-${DAY_TAG}-3`,
    name: "Qian Li",
    phone: "137 0000 3303",
    gender: "female",
    firstVisit: true,
    comes: { "c-lin": 60 },
    why: "Chen is next but stuck on a phone call: after 2 minutes the desk reassigns (V10)",
  },
  {
    time: "17:05",
    visitorId: `g-${DAY_TAG}-4`,
    name: "Zheng Yu",
    phone: "136 0000 4404",
    gender: "male",
    firstVisit: true,
    page: true,
    comes: { "c-wang": 45 },
    why: "Zhou is next but on the gym floor: paged twice, then the next consultant (V11)",
  },
  {
    time: "19:30",
    visitorId: `g-${DAY_TAG}-5`,
    name: "Feng Jing",
    phone: "135 0000 5505",
    gender: "female",
    firstVisit: false,
    appointmentConsultantId: "c-chen",
    comes: { "c-chen": 90 },
    why: "returning with an appointment: straight to the appointed consultant (V9)",
  },
];
const scriptById = new Map(visitorsToday.map((script) => [script.visitorId, script]));
const consultantById = new Map(Object.values(consultants).map((c) => [c.id, c]));

/**
 * After every hand-off: the consultant comes (V12), or the desk pages (V11). The command's result
 * holds the events it appended; `eventsOf` picks the hand-off out of them, typed.
 */
async function afterHandOff(script: VisitorScript, result: CommandResult): Promise<void> {
  const [handOff] = eventsOf(result.events, VisitorHandedOff);
  if (!handOff) return;
  const { consultantId, arrivalDue } = handOff.data;
  say(
    `${script.visitorId} handed off → ${consultantId}, who must be at the desk by ${hhmmss(arrivalDue)}`,
  );
  const now = clock.now().getTime();
  const delay = script.comes[consultantId];
  const consultant = consultantById.get(consultantId);
  if (delay !== undefined && consultant) {
    // V12: the receiving consultant signs for the visitor; with the desk's signature from the
    // hand-off, the hand-off is complete.
    schedule(now + delay * 1000, async () => {
      await send(ReceiveVisitor({ visitorId: script.visitorId }), consultant);
      say(
        `${consultantId} arrives and signs for ${script.visitorId}: both signatures, hand-off complete (V12)`,
      );
      if (script.asksPrice)
        schedule(clock.now().getTime() + 15 * MINUTE, () => quote(script, consultant));
    });
  } else if (script.page) {
    schedule(now + 20_000, () => page(script));
  }
  // Nobody sets a timer for the deadline (V10): the hand-off timeout workflow below watches it.
}

async function page(script: VisitorScript): Promise<void> {
  // Still waiting? `pendingHandOffs` (a projection svcops ships) holds the hand-offs nobody has
  // signed for yet, keyed by reception stream (one a day) and visitor.
  const pending = (await ops.read(pendingHandOffs)).get(
    `${receptionStream(SITE_ID, DAY)}#${script.visitorId}`,
  );
  if (!pending) return;
  // V11: a consultant not in the sales office is paged by broadcast at most
  // `maxPagesPerConsultant` (2) times; the next page hands the visitor to the next in rotation.
  const result = await send(PageConsultant({ visitorId: script.visitorId }), deskOnDuty());
  if (eventsOf(result.events, VisitorHandedOff).length > 0) {
    say(`${pending.consultantId} paged ${policy.maxPagesPerConsultant} times without answer (V11)`);
    await afterHandOff(script, result);
  } else {
    say(`broadcast: "${pending.consultantId}, please come to the front desk" (V11)`);
    schedule(clock.now().getTime() + 35_000, () => page(script));
  }
}

async function quote(script: VisitorScript, consultant: Actor): Promise<void> {
  // V14: only the visitor's consultant quotes membership prices.
  await send(
    QuoteMembershipPrice({ visitorId: script.visitorId, plan: "12-month card", price: 368_000 }),
    consultant,
  );
  say(`${consultant.id} quotes ${script.visitorId} a 12-month card at ${formatFen(368_000)} (V14)`);
}

// V10: the consultant must be at the desk by the hand-off's `arrivalDue` (2 minutes), or the
// visitor goes to the next in the rotation. Time passing is not an event, so something has to
// watch the clock: `handOffTimeouts(ops)`, the process manager svcops ships for this rule. Each
// `tick` reads the pending hand-offs and sends ReassignOverdueVisitor for every one of today's
// that is overdue; `decide` checks the deadline again against the command's `now`, so a tick that
// comes early or twice changes nothing. A real app ticks it from a timer; here the agenda ticks it
// every 30 seconds while the doors are open.
const timeouts = handOffTimeouts(ops);
const TICK = 30_000;
async function tick(): Promise<void> {
  const { reassigned, refused: stuck } = await timeouts.tick({
    now: clock.now(),
    actor: deskOnDuty(),
  });
  for (const { visitorId, from, result } of reassigned) {
    const limit = policy.consultantArrivalLimit / MINUTE;
    say(`${from} has not come for ${visitorId} within ${limit} minutes (V10)`);
    const script = scriptById.get(visitorId);
    if (script) await afterHandOff(script, result);
  }
  for (const { visitorId, error } of stuck) say(`${visitorId} is overdue: "${error.message}"`);
  const next = clock.now().getTime() + TICK;
  if (next < at("22:00")) schedule(next, tick);
}
schedule(at("06:00"), tick);

for (const script of visitorsToday) {
  schedule(at(script.time), async () => {
    const desk = deskOnDuty();
    // V8: a visitor registers (name, phone, first visit or not, consultant named or appointment)
    // before being received, and the desk signs the registration (the actor is the signer).
    await send(
      RegisterVisitor({
        visitorId: script.visitorId,
        name: script.name,
        phone: script.phone,
        gender: script.gender,
        firstVisit: script.firstVisit,
        ...(script.namedConsultantId ? { namedConsultantId: script.namedConsultantId } : {}),
        ...(script.appointmentConsultantId
          ? { appointmentConsultantId: script.appointmentConsultantId }
          : {}),
      }),
      desk,
    );
    say(`visitor ${script.visitorId} (${script.name}) registers at the desk (V8)`);
    note(script.why);
    if (script.asksPrice) {
      // V14: the desk never quotes membership prices. The command says who may issue it, so the
      // refusal is `Unauthorized` naming the rule, before anything is decided.
      const error = await refused(
        QuoteMembershipPrice({
          visitorId: script.visitorId,
          plan: "12-month card",
          price: 368_000,
        }),
        desk,
      );
      say(`${script.visitorId} asks how much a membership costs; the desk may not say`);
      note(`refused: "${error.message}"`);
      await send(RequestMembershipPrice({ visitorId: script.visitorId }), desk);
      note("the desk routes the price request to a consultant instead (V14)");
    }
    // V9: the hand-off picks the consultant: appointment → the appointed; first visit naming a
    // consultant who is in → that one; otherwise the next in today's rotation, skipping the away.
    const result = await send(HandOffVisitor({ visitorId: script.visitorId }), desk);
    await afterHandOff(script, result);
  });
}

// ─── 6b. A twisted ankle and a complaint ───────────────────────────────────────────────────────

const dutyManager = staff("dm-lin", "dutyManager");
const csManager = staff("cs-he", "csManager");
const coachOnDuty = staff("coach-wu", "coach");
const barSupervisor = staff("sup-ma", "deptSupervisor");
const incidentId = `inc-${DAY_TAG}-01`;
const caseId = `k-${DAY_TAG}-01`;

// I1–I7: at 10:40 a member twists an ankle stepping off a treadmill. The desk reports it, the CS
// manager and the coach on duty are told first; the coach gives first aid; the CS manager takes
// the account, which the member signs; a minor case needs no hospital. The CS manager calls in
// the evening, writes the report with every field, and only then closes the case.
schedule(at("10:40"), async () => {
  const member = {
    cardNumber: `M-${DAY_TAG}7`,
    name: "Liu Yang",
    gender: "male" as const,
    age: 41,
  };
  await send(
    ReportIncident({
      incidentId,
      member,
      whatHappened: "stepped off a moving treadmill and twisted the left ankle",
      place: "cardio area",
      severity: "minor",
      notified: [
        { staffId: csManager.id, role: "csManager" },
        { staffId: coachOnDuty.id, role: "coach" },
      ],
    }),
    deskOnDuty(),
  );
  say(`incident ${incidentId}: ${member.name} twists an ankle; cs-he and coach-wu told first (I1)`);
  await send(
    RecordFirstAid({ incidentId, measures: ["clean", "dress"], notes: "cold pack, bandage" }),
    coachOnDuty,
  );
  await send(
    RecordIncidentStatement({
      incidentId,
      statement: "I stepped off the treadmill before it stopped and my left foot turned.",
    }),
    csManager,
  );
  await send(
    SignIncidentStatement({
      incidentId,
      memberSignature: { staffId: member.cardNumber, role: "member" },
    }),
    csManager,
  );
  note("first aid recorded (I2); the statement is written and signed by the member (I3)");
});
schedule(at("20:30"), async () => {
  await send(RecordCareCall({ incidentId, notes: "the swelling is going down" }), csManager);
  await send(
    WriteIncidentReport({
      incidentId,
      injuryDegree: "sprained left ankle, no fracture suspected",
      examinationCosts: fen(0),
      handlingOpinion:
        "member's own responsibility; a sign by the treadmills to stop the belt first",
      compensationRequest: { amount: fen(0), details: "none asked" },
    }),
    csManager,
  );
  await send(CloseIncident({ incidentId }), csManager);
  say(`incident ${incidentId}: care call made (I6), written report complete, closed (I7)`);
});

// C1–C6, C10, C11: at 15:20 a member complains that the water bar charged a drink twice. The
// duty manager takes it in the meeting room, hands it to the water bar's supervisor, who finds
// a double charge; both propose a refund, the member accepts; the report, the store manager, and
// the case closes.
schedule(at("15:20"), async () => {
  await send(
    LodgeComplaint({
      caseId,
      channel: "onSite",
      customer: { name: "Sun Li", memberCard: `M-${DAY_TAG}3` },
      material: "the water bar charged one protein shake twice on the key tag",
      department: "water-bar",
      staffConcerned: waterBar.id,
    }),
    dutyManager,
  );
  say(`complaint ${caseId}: a shake charged twice; taken to the meeting room (C1, C10)`);
  await send(HandComplaintToSupervisor({ caseId, supervisorId: barSupervisor.id }), dutyManager);
  await send(
    RecordRequestedOutcome({ caseId, outcome: "the second charge refunded" }),
    dutyManager,
  );
  await send(
    RecordInvestigation({ caseId, findings: "the till sent the order twice", verified: false }),
    barSupervisor,
  );
  await send(
    ProposeResolution({
      caseId,
      resolution: "refund the second charge and a free shake",
      supervisorSignature: { staffId: barSupervisor.id, role: "deptSupervisor" },
    }),
    dutyManager,
  );
  await send(RecordCustomerDecision({ caseId, accepted: true }), dutyManager);
  await send(
    ReportStaffDisposition({ caseId, disposition: "no fault of the staff: the till is fixed" }),
    barSupervisor,
  );
  await send(
    WriteComplaintReport({
      caseId,
      process: "meeting room, water-bar supervisor, till log checked",
      result: "refund and a free shake accepted",
    }),
    dutyManager,
  );
  await send(ReportComplaintToStoreManager({ caseId }), dutyManager);
  await send(CloseComplaint({ caseId }), dutyManager);
  note("handed to the supervisor (C2), investigated (C3), refund accepted (C4), disposition (C5),");
  note("report written and sent to the store manager, then closed (C6, C11)");
});

// ─── 7. Run the day ────────────────────────────────────────────────────────────────────────────

// N5: at close the bar counts its stock. The book says opening + received − sold; one sports drink
// was dropped this evening, so the count is one short and the water bar annotates the difference,
// which goes to the CS manager with the count.
schedule(at("21:50"), async () => {
  const { state: bar } = await ops.state(inventoryAggregate, inventoryStream(SITE_ID, BAR));
  const counts = WATER_BAR.map(({ item }) => {
    const book = bar.stock[item] ?? 0;
    return item === "sports drink" && book > 0
      ? { item, quantity: book - 1, note: "one bottle dropped behind the bar" }
      : { item, quantity: book };
  });
  await send(CountClosingStock({ location: BAR, counts }), waterBar);
  say(`${waterBar.id} counts the water bar's closing stock: one difference, annotated (N5)`);
});
// P1, P2: at 10:30 the desk answers the phone on the second ring; the caller asks about membership
// and is put through to a consultant by the same sign-in rotation as a walk-in visitor (reception
// picks the next one in today's rotation, in the same append as the inquiry).
schedule(at("10:30"), async () => {
  await send(AnswerCall({ callId: `call-${DAY}-1`, rings: 2 }), deskEarly);
  const routed = await send(
    RecordInquiry({
      callId: `call-${DAY}-1`,
      callerName: "Zhang Min",
      callbackNumber: "13912345678",
      hasAppointment: false,
    }),
    deskEarly,
  );
  await send(EndCall({ callId: `call-${DAY}-1` }), deskEarly);
  const through = routed.events.find((e) => e.type === "InquiryPutThrough");
  const consultant = (through?.data as { consultantId?: string } | undefined)?.consultantId;
  say(
    `a phone inquiry, answered on the 2nd ring (P1), goes to ${consultant ?? "nobody free: a callback is promised"} by the rotation (P2)`,
  );
});

// S5: at 14:00 the early desk hands over to the late one. The entry's figures (entries by category
// and gender, cards sold, phone inquiries) are counted from the shift's events; only the notable
// events and the orders from above are typed. The incoming clerk countersigns.
schedule(at("14:00"), async () => {
  await send(
    WriteHandoverEntry({
      shift: "early",
      notableEvents: ["a member left through the side door with tag 005 last night"],
      ordersFromAbove: ["remind members that the pool closes at 21:00 on Fridays"],
    }),
    deskEarly,
  );
  await send(CountersignHandover({ shift: "early" }), deskLate);
  say(`${deskEarly.id} writes the early shift's handover entry, ${deskLate.id} countersigns (S5)`);
});
schedule(at("22:00"), async () => say("doors close"));
await runDay();

// S7 with V6 and N5: the day close. At 22:05 the duty manager begins it (from now on the desk
// takes no command dated today, on any app instance); the late desk writes its handover and the
// team lead countersigns, which tells the close the handover is written; the cashier counts the
// drawer. The day-close workflow lists every discrepancy of the key tags, the stock and the drawer,
// each is annotated by its role, the valuables are locked, and the day closes.
const dutyManagerOnClose = staff("dm-lin", "dutyManager");
const cashierOnClose = staff("cash-qian", "cashier");
const csOnClose = staff("cs-he", "csManager");
clock.set(at("22:05"));
const close = dayClose(ops);
await close.begin({ businessDay: DAY, actor: dutyManagerOnClose });
const lateNote = await refused(
  CheckInMember({ visitId: `v-${DAY}-late`, memberCard: "M-LATE", keyTag: "001", gender: "male" }),
  deskLate,
);
say(`the day close begins; a late check-in is refused: "${lateNote.message}"`);
await send(
  WriteHandoverEntry({
    shift: "late",
    notableEvents: ["one sports drink dropped behind the bar"],
    ordersFromAbove: [],
  }),
  deskLate,
);
await send(CountersignHandover({ shift: "late" }), teamLead);
const drawerDay = (await ops.read(cashDrawer(calendar))).days.get(DAY) ?? new Map();
const counted = [...drawerDay.entries()]
  .filter(([method]) => ["cash", "card", "wechat", "alipay"].includes(method))
  .map(([method, line]) => ({
    method: method as "cash" | "card" | "wechat" | "alipay",
    amount: fen(line.in - line.out),
  }));
await send(CountCashDrawer({ businessDay: DAY, counted }), cashierOnClose);
const review = await close.tick({ businessDay: DAY, actor: dutyManagerOnClose });
for (const discrepancy of review.discrepancies) {
  const by =
    discrepancy.kind === "stock"
      ? csOnClose
      : discrepancy.kind === "cash"
        ? cashierOnClose
        : deskLate;
  await send(
    AnnotateDayCloseDiscrepancy({
      businessDay: DAY,
      discrepancyId: discrepancy.id,
      note:
        discrepancy.kind === "keyTags"
          ? "noted in the message book for the morning desk"
          : "seen; written up for the CS manager",
    }),
    by,
  );
}
await send(LockValuables({ businessDay: DAY }), deskLate);
const closed = await close.tick({ businessDay: DAY, actor: dutyManagerOnClose });
say(
  `the day close lists ${review.discrepancies.length} discrepancies (${review.discrepancies.map((d) => d.id).join(", ")}), each annotated by its role; valuables locked: the day is ${closed.phase} (S7)`,
);

// ─── 8. Close: reconcile the key tags (V6), fill in the handover book (V5) ─────────────────────

/** A plain aligned table in Markdown style: readable in a terminal and pasteable into a doc. */
function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [head, ...rows.map((row) => row.map(String))];
  const widths = head.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? "").length)));
  const numeric = head.map((_, c) => rows.every((row) => typeof row[c] === "number"));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, c) => (numeric[c] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(head), rule, ...rows.map((row) => line(row.map(String)))].join("\n");
}
const heading = (title: string) => console.log(`\n${title}\n${"─".repeat(title.length)}`);

/** One day's V6 report: the counts, then every discrepancy in words. */
function printReconciliation(report: TagReconciliation): void {
  console.log(
    table(
      ["issued", "returned", "lost", "tagged entries", "late arrivals", "balanced?"],
      [
        [
          report.issued,
          report.returned,
          report.lost,
          report.taggedEntries,
          report.lateArrivals,
          report.balanced ? "yes" : "NO",
        ],
      ],
    ),
  );
  if (report.discrepancies.length === 0) return;
  console.log("\nDiscrepancies:");
  for (const line of report.discrepancies) console.log(`  - ${line}`);
}

// V6: tags issued that business day = tags returned + tags reported lost, and tags used = tagged
// entries. A difference is listed, never absorbed. A tag issued on an earlier day that comes back
// today is a "late arrival" of today; it does not balance today's issues.
const movements = await ops.read(keyTagMovements);
const report = reconcileKeyTags(movements, DAY);
heading(`V6 key-tag reconciliation, ${DAY}`);
printReconciliation(report);
const ledger = await ops.read(keyTagLedger);
for (const { tag } of report.outstanding) {
  const out = ledger.out.get(tag);
  if (!out) continue;
  console.log(
    `\nWhy: this is deliberate. At ${hhmmss(out.since)} card ${out.memberCard} checked in with tag ${tag}` +
      ` (${out.visitId}),\nthen left through the side door with the tag in a pocket. The desk still holds the card,` +
      " and svcops\ndoes not absorb the difference: it goes into the handover book. Tomorrow the member" +
      " returns the tag\n(CheckOutMember) or the desk reports it lost (ReportKeyTagLost, " +
      `${formatFen(policy.keyTagReplacementFee)} fee, V7).` +
      "\nRun the demo again on this file to see tomorrow morning.",
  );
}

// The late arrivals of today, and the report of the day each was issued: read again now, it keeps
// its discrepancy (the tag was out at close) and says when the tag came back.
const lateToday = [...movements].flatMap(([issuedOn, day]) =>
  day.late.filter((late) => late.on === DAY).map((late) => ({ issuedOn, ...late })),
);
if (lateToday.length > 0) {
  console.log("\nLate arrivals (issued on an earlier day, back today):");
  for (const late of lateToday)
    console.log(
      `  - key tag ${late.tag} (visit ${late.visitId}), issued on ${late.issuedOn}, ${late.how} today`,
    );
  for (const issuedOn of new Set(lateToday.map((late) => late.issuedOn))) {
    heading(`V6 key-tag reconciliation, ${issuedOn}, read again today`);
    printReconciliation(reconcileKeyTags(movements, issuedOn));
  }
}

// V5: every check-in is counted by category and gender, for the handover book; registered
// visitors count as "visitor".
const counts = (await ops.read(dailyEntryCounts)).get(DAY);
if (counts) {
  heading(`V5 entries by category × gender, ${DAY}`);
  const categories = ["member", "trial", "coach", "visitor"] as const;
  const rows = categories.map((c) => [
    c,
    counts[c].female,
    counts[c].male,
    counts[c].female + counts[c].male,
  ]);
  const female = categories.reduce((n, c) => n + counts[c].female, 0);
  const male = categories.reduce((n, c) => n + counts[c].male, 0);
  console.log(
    table(
      ["category", "female", "male", "total"],
      [...rows, ["all", female, male, totalEntries(counts)]],
    ),
  );
}

const barDay = (await ops.read(stockReport)).get(stockDayKey(BAR, DAY));
if (barDay) {
  heading(`N5 water-bar stock, ${DAY}`);
  console.log(
    table(
      ["item", "opening", "received", "sold", "counted", "difference"],
      Object.entries(barDay.items).map(([item, r]) => [
        item,
        r.opening,
        r.received,
        r.sold,
        r.counted ?? "-",
        r.discrepancy ? `${r.discrepancy}${r.note ? ` (${r.note})` : ""}` : "",
      ]),
    ),
  );
  console.log(`\nTaken on ${receipt} receipts, all on key tags: ${formatFen(barDay.takings)}.`);
}

const handover = (await ops.read(handoverBook)).get(DAY);
if (handover) {
  heading(`S5 handover book, ${DAY}`);
  const sum = (counts: Readonly<Record<string, number>>) =>
    Object.values(counts).reduce((total, n) => total + n, 0);
  console.log(
    table(
      ["shift", "members", "trials", "visitors", "coaches", "phone inquiries", "signed"],
      handover.entries.map((entry) => [
        entry.shift,
        sum(entry.figures.entries.member),
        sum(entry.figures.entries.trial),
        sum(entry.figures.entries.visitor),
        sum(entry.figures.entries.coach),
        entry.figures.phoneInquiries,
        `${entry.outgoing.staffId} / ${entry.incoming?.staffId ?? "-"}`,
      ]),
    ),
  );
}

heading("Visitor hand-offs (V8–V14)");
const book = await ops.read(handOffBook);
for (const { visitorId } of visitorsToday) {
  const story = book.get(visitorId);
  if (!story) continue;
  console.log(`${visitorId} ${story.name}`);
  for (const line of story.lines) console.log(`    ${line}`);
}

heading("Complaints and incidents (C1–C15, I1–I7)");
const complaint = (await ops.read(complaintReports)).get(caseId);
if (complaint) {
  console.log(`${caseId} ${complaint.customer}, ${complaint.channel} in the ${complaint.place}`);
  console.log(`    ${complaint.material}`);
  console.log(`    findings: ${complaint.findings}; resolution: ${complaint.resolution}`);
  console.log(`    report: ${complaint.result}; closed ${hhmmss(complaint.closedAt ?? "")}`);
}
const incident = (await ops.read(incidentReports)).get(incidentId);
if (incident) {
  const r = incident.report;
  console.log(`${incidentId} ${r.name} (card ${r.cardNumber}, ${r.gender}, ${r.age})`);
  console.log(`    ${r.whatHappened}: ${r.injuryDegree}`);
  console.log(`    ${r.handlingOpinion}; closed ${hhmmss(incident.closedAt)}`);
}
const dueAtClose = complaintsDue(await ops.read(complaintCases), ops.site, clock.now());
console.log(
  dueAtClose.length === 0
    ? "No complaint callback (C9) or follow-up (C7) is due at close."
    : dueAtClose.map((d) => `${d.rule} ${d.caseId} due ${hhmmss(d.dueAt)}`).join("\n"),
);

await log.catchUp();
heading("The day in numbers");
console.log(
  table(
    ["what", "count"],
    [
      ["commands sent (refusals included)", commandsSent],
      ["events stored today", log.view.events - before.events],
      ["events in the file", log.view.events],
      ["water-bar sales on key tags", waterBarCharges],
    ],
  ),
);
console.log(
  `\nWater bar ${formatFen(waterBarTotal)} + lost-tag fee ${formatFen(policy.keyTagReplacementFee)}` +
    ` = ${formatFen(waterBarTotal + policy.keyTagReplacementFee)} charged; ${formatFen(settledTotal)} settled.`,
);

// Close the store: SQLite folds the -wal file back into the database. The file stays: the next run
// reads it and plays the day after.
await store.close();
const tomorrow = calendar.addDays(DAY, 1);
console.log(
  `\nSaved in ${fileName}: the next run on it plays ${weekday(tomorrow)} ${tomorrow}; delete it to start over.`,
);
