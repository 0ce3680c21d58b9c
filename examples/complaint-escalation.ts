/**
 * A phone complaint that misses its 2-hour callback, then is escalated to the store manager,
 * with what is due printed at several moments (C1, C2, C7, C8, C9, C14, C11, C6).
 *
 *   npx tsx examples/complaint-escalation.ts
 *
 * The clock is a manual one, so the run is the same every time; the site is a club in Shanghai
 * open 09:00–22:00, and the 2 hours of C9 count opening hours (the policy default).
 */
import {
  type Actor,
  CloseComplaint,
  complaintCases,
  complaintReports,
  complaintsDue,
  createServiceOps,
  EscalateComplaint,
  LodgeComplaint,
  manualClock,
  PassComplaintToHandler,
  RecordComplaintCallback,
  RecordHandlerFindings,
  ReportComplaintToStoreManager,
  ResolveEscalatedComplaint,
  WriteComplaintReport,
} from "svcops";

const SITE = "club-1";
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const agent = person("agent-li", "callAgent");
const handler = person("handler-wu", "complaintHandler");
const dutyManager = person("dm-zhou", "dutyManager");
const storeManager = person("sm-sun", "storeManager");

const clock = manualClock("2026-11-23T11:00:00Z"); // 19:00 in Shanghai
const ops = createServiceOps({ site: { id: SITE }, clock });
const local = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { timeZone: "Asia/Shanghai", hour12: false });

async function printDue(label: string): Promise<void> {
  const due = complaintsDue(await ops.read(complaintCases), ops.site, clock.now());
  console.log(`\n${label} (${local(clock.now().toISOString())}):`);
  if (due.length === 0) console.log("  nothing is due");
  for (const item of due) {
    const late = Math.round(item.lateByMs / 60_000);
    console.log(`  ${item.rule} ${item.caseId}: due ${local(item.dueAt)}, ${late} min late`);
  }
}

// 19:00 — a member calls: charged twice for a personal-training session (C1, by phone).
await ops.execute(
  LodgeComplaint({
    caseId: "k-1123-01",
    channel: "phone",
    customer: { name: "Chen Jing", phone: "13700000000", memberCard: "M-2231" },
    material: "charged twice for one personal-training session on 2026-11-20",
    department: "personal-training",
  }),
  { actor: agent },
);
// The agent cannot settle it and passes it to a complaint handler (C14).
await ops.execute(PassComplaintToHandler({ caseId: "k-1123-01", handlerId: "handler-wu" }), {
  actor: agent,
});
await printDue("Right after the call");

clock.set("2026-11-23T13:30:00Z"); // 21:30: 2 h 30 min later, but the callback is due at 21:00
await printDue("At 21:30, nobody has called back");

await ops.execute(
  RecordComplaintCallback({ caseId: "k-1123-01", progress: "billing is checking the log" }),
  { actor: handler },
);
await printDue("After the callback at 21:30");

clock.set("2026-11-24T02:00:00Z"); // 10:00: the next callback is due at 10:30 (30 min on the 23rd, 1 h 30 today)
await printDue("Next morning at 10:00");

await ops.execute(
  RecordHandlerFindings({
    caseId: "k-1123-01",
    responsiblePerson: "front-desk billing",
    content: "the session was charged on the card and again in cash",
    result: "refund due; the member also asks for a free month",
  }),
  { actor: handler },
);
// A free month is beyond the handler's authority: up a level, with the written report (C8).
await ops.execute(
  EscalateComplaint({
    caseId: "k-1123-01",
    report: {
      material: "charged twice for one session",
      verifiedFacts: "card and cash payments for the same session",
      partyConcerned: "front-desk billing",
      requestedOutcome: "refund and a free month",
      managersOpinion: "the refund is due; the free month is not ours to give",
      recommendations: "refund, and one free session as an apology",
    },
  }),
  { actor: handler },
);
await ops.execute(
  ResolveEscalatedComplaint({
    caseId: "k-1123-01",
    resolution: "refund of ¥300.00 and one free session",
  }),
  { actor: storeManager },
);
await printDue("Resolved by the store manager");

await ops.execute(
  WriteComplaintReport({
    caseId: "k-1123-01",
    process: "phone, handler, callback at 21:30, escalated next morning",
    result: "refund and one free session accepted",
    attachments: ["payment-log-2026-11-20.csv"],
  }),
  { actor: dutyManager },
);
await ops.execute(ReportComplaintToStoreManager({ caseId: "k-1123-01" }), { actor: dutyManager });
await ops.execute(CloseComplaint({ caseId: "k-1123-01" }), { actor: dutyManager });

const report = (await ops.read(complaintReports)).get("k-1123-01");
console.log("\nComplaint report (C11):");
console.log(
  `  case ${report?.caseId}, ${report?.channel}, lodged ${local(report?.lodgedAt ?? "")}`,
);
console.log(`  material:   ${report?.material}`);
console.log(`  findings:   ${report?.findings}`);
console.log(`  resolution: ${report?.resolution}`);
console.log(`  escalated:  ${report?.escalated ? "yes, to the store manager" : "no"}`);
console.log(`  result:     ${report?.result}`);
console.log(`  closed:     ${local(report?.closedAt ?? "")}`);
