/**
 * A day shift at the call centre of a cable network operator: a customer's repair booked,
 * created and dispatched by a seat agent, an emergency repair raised by the team lead with the
 * people concerned notified, the callbacks after each repair and the orders completed only then
 * (W1), a phone complaint the agent cannot settle passed to the complaint handler and escalated
 * (C14, C8), and the information desk's daily report per agent at the end.
 *
 *   npx tsx examples/call-centre-shift.ts
 *
 * The clock is a manual one and the events go to a memory store, so every run prints the same.
 * The calls themselves are answered at the phone desk: its `CallAnswered` events are counted by
 * the same report (the `calls` column) once they are in the log; this shift shows orders,
 * callbacks and complaints.
 */
import {
  type Actor,
  AssignRepairCallback,
  agentDailyReport,
  BookRepair,
  CloseWorkOrder,
  CreateWorkOrder,
  createServiceOps,
  DispatchWorkOrder,
  EmergencyRepairNotified,
  EscalateComplaint,
  eventsOf,
  LodgeComplaint,
  manualClock,
  openWorkOrders,
  PassComplaintToHandler,
  RaiseEmergencyRepair,
  RecordHandlerFindings,
  RecordRepairCallback,
  RecordRepairDone,
  RuleViolation,
  Unauthorized,
} from "svcops";

const SITE = "cable-cc";
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const li = person("agent-li", "callAgent"); // 坐席
const ma = person("agent-ma", "callAgent"); // 坐席
const wu = person("handler-wu", "complaintHandler"); // 投訴處理席
const zhao = person("lead-zhao", "teamLead"); // 班長
const sun = person("info-sun", "informationDesk"); // 信息席

const clock = manualClock("2026-11-23T01:00:00Z"); // 09:00 in Shanghai
const ops = createServiceOps({ site: { id: SITE }, clock });
const at = (local: string) => clock.set(new Date(`2026-11-23T${local}:00+08:00`));
const say = (time: string, text: string) => console.log(`${time}  ${text}`);

/** Runs a step that should be refused, and prints the refusal. */
async function refused(time: string, step: Promise<unknown>): Promise<void> {
  try {
    await step;
    say(time, "accepted (unexpected)");
  } catch (error) {
    if (!(error instanceof RuleViolation || error instanceof Unauthorized)) throw error;
    say(time, `refused, ${error.name}: ${error.message}`);
  }
}

// 09:10 — a customer calls: no signal on her set-top box. Li books a visit with her for this
// afternoon (約單), makes the booking a work order (創單) and sends it to a team (派單).
at("09:10");
await ops.execute(
  BookRepair({
    orderId: "wo-1123-01",
    customer: { name: "Liu Yang", phone: "13800000000", address: "5-2-301 Garden Road" },
    fault: "no signal on the set-top box since this morning",
    appointment: { from: "2026-11-23T14:00:00+08:00", to: "2026-11-23T16:00:00+08:00" },
  }),
  { actor: li },
);
await ops.execute(CreateWorkOrder({ orderId: "wo-1123-01", category: "no signal" }), { actor: li });
await ops.execute(
  DispatchWorkOrder({ orderId: "wo-1123-01", team: "install-team-3", technician: "tech-9" }),
  { actor: li },
);
say(
  "09:10",
  "wo-1123-01 booked for 14:00–16:00, created and dispatched to install-team-3 by agent-li",
);

// 10:05 — engineering reports a fibre cut. Only the team lead raises an emergency repair (搶修單),
// and it notifies the people concerned by SMS in the same append (the notification outbox
// delivers it).
at("10:05");
const emergency = RaiseEmergencyRepair({
  orderId: "em-1123-01",
  department: "engineering",
  fault: "fibre cut, no service in buildings 5 to 8",
  location: "Garden Road estate",
  contact: { name: "Garden Road property office", phone: "02100000000" },
  notify: [
    { id: "eng-duty", role: "deptSupervisor", phone: "13600000001" },
    { id: "cc-supervisor", phone: "13600000002" },
    { id: "garden-road-office", phone: "02100000000" },
  ],
});
await refused("10:05", ops.execute(emergency, { actor: li }));
const raised = await ops.execute(emergency, { actor: zhao });
for (const { data } of eventsOf(raised.events, EmergencyRepairNotified)) {
  say("10:05", `SMS to ${data.recipients.map((r) => r.id).join(", ")}: "${data.message}"`);
}

// 11:20 — a caller complains that the technician missed last week's appointment and wants a
// month free. Ma cannot settle it: she placates him and passes it to the complaint handler
// (C14), who finds the facts and, a free month being beyond his authority, escalates (C8).
at("11:20");
await ops.execute(
  LodgeComplaint({
    caseId: "k-1123-01",
    channel: "phone",
    customer: { name: "Qian Lei", phone: "13900000000" },
    material: "the technician did not come to last Tuesday's appointment",
    department: "installation",
  }),
  { actor: ma },
);
await ops.execute(PassComplaintToHandler({ caseId: "k-1123-01", handlerId: "handler-wu" }), {
  actor: ma,
});
at("11:50");
await ops.execute(
  RecordHandlerFindings({
    caseId: "k-1123-01",
    responsiblePerson: "install-team-1",
    content: "the appointment was dropped when the team's schedule changed",
    result: "the customer asks for a free month",
  }),
  { actor: wu },
);
await ops.execute(
  EscalateComplaint({
    caseId: "k-1123-01",
    report: {
      material: "missed appointment, phone complaint",
      verifiedFacts: "the team's schedule change dropped the appointment",
      partyConcerned: "install-team-1",
      requestedOutcome: "one month free",
      managersOpinion: "a free month is beyond the complaint handler's authority",
      recommendations: "a free month and a fixed slot this week",
    },
  }),
  { actor: wu },
);
say(
  "11:50",
  "k-1123-01 lodged by agent-ma, passed to handler-wu, escalated with the written report",
);

// 13:30 — engineering has spliced the fibre: the information desk's memo says the repair is over.
at("13:30");
await ops.execute(
  RecordRepairDone({ orderId: "em-1123-01", work: "fibre spliced at the junction box" }),
  {
    actor: sun,
  },
);

// 15:40 — install-team-3 replaced a splitter. The team lead may not complete the order before
// the customer is called back (W1); he gives the callback to Ma (回訪).
at("15:40");
await ops.execute(
  RecordRepairDone({ orderId: "wo-1123-01", work: "replaced the splitter in the stairwell" }),
  { actor: zhao },
);
await refused("15:40", ops.execute(CloseWorkOrder({ orderId: "wo-1123-01" }), { actor: zhao }));
await ops.execute(AssignRepairCallback({ orderId: "wo-1123-01", agentId: "agent-ma" }), {
  actor: zhao,
});
await ops.execute(AssignRepairCallback({ orderId: "em-1123-01", agentId: "agent-li" }), {
  actor: zhao,
});

at("16:00");
const waiting = [...(await ops.read(openWorkOrders)).values()].map(
  (order) => `${order.orderId} waits for ${order.next}`,
);
say("16:00", `open work orders: ${waiting.join("; ")}`);

// 16:10 — Ma calls Liu Yang: no answer. An unanswered call confirms nothing.
at("16:10");
await ops.execute(RecordRepairCallback({ orderId: "wo-1123-01", outcome: "unreachable" }), {
  actor: ma,
});
await refused("16:10", ops.execute(CloseWorkOrder({ orderId: "wo-1123-01" }), { actor: zhao }));

// 16:40 — the second call reaches her: the picture is back. Li calls the property office.
at("16:40");
await ops.execute(
  RecordRepairCallback({ orderId: "wo-1123-01", outcome: "confirmed", note: "picture is fine" }),
  { actor: ma },
);
await ops.execute(
  RecordRepairCallback({ orderId: "em-1123-01", outcome: "confirmed", note: "all buildings back" }),
  { actor: li },
);

// 17:00 — the team lead completes both orders.
at("17:00");
await ops.execute(CloseWorkOrder({ orderId: "wo-1123-01" }), { actor: zhao });
await ops.execute(CloseWorkOrder({ orderId: "em-1123-01" }), { actor: zhao });
say(
  "17:00",
  `wo-1123-01 and em-1123-01 completed; open work orders: ${(await ops.read(openWorkOrders)).size}`,
);

// The information desk's daily report (業務日報表), per person, for the business day.
const report = await ops.read(agentDailyReport(ops.site.calendar));
console.log("\nDaily report 2026-11-23 (calls come from the phone desk):");
console.log("  person       calls  orders  callbacks  complaints");
for (const [who, counts] of report.get("2026-11-23") ?? []) {
  const cells = [counts.calls, counts.orders, counts.callbacks, counts.complaints];
  console.log(
    `  ${who.padEnd(12)} ${cells.map((n, i) => String(n).padStart([5, 7, 10, 11][i] ?? 5)).join(" ")}`,
  );
}
