/**
 * An evening at a sports centre, the way its front-desk procedure runs a session (G1): a guest
 * books a badminton court for two hours at a rate per started half hour, pays the deposit at the
 * cashier (D4), rents rackets, shoes and shuttlecocks from the venue staff, buys drinks at the
 * water bar on the session's bill; the desk's workflow reminds the guest 15 minutes before the
 * booked end; the venue staff check the equipment back (D6); the desk writes down the end and
 * reconciles the bill with the rental records before the guest may pay; the cashier settles it
 * against the deposit (多退少补); and the next day a duty manager corrects the bill with a signed
 * entry, the settlement staying on record (D7 holds throughout).
 *
 *   npx tsx examples/sports-centre-session.ts
 *
 * The clock is a manual one, so every run prints the same.
 */
import {
  type Actor,
  CheckBackEquipment,
  CorrectVenueSettlement,
  CountOpeningStock,
  createServiceOps,
  depositLedger,
  depositLoanAggregate,
  depositLoanStream,
  EndVenueSession,
  formatFen,
  ListItems,
  manualClock,
  ReconcileVenueBill,
  RentEquipment,
  SellItems,
  SettleVenueUse,
  StartVenueSession,
  SvcOpsError,
  venueSessionReminders,
} from "svcops";

const SITE = "centre-1";
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const cashier = person("cash-liu", "cashier");
const desk = person("desk-zhou", "frontDesk");
const venueStaff = person("venue-qian", "venueStaff");
const waterBar = person("bar-sun", "waterBar");
const csManager = person("csm-he", "csManager");
const dutyManager = person("dm-wu", "dutyManager");
const clock = manualClock("2026-11-23T11:00:00Z"); // Monday 19:00 in Shanghai
const ops = createServiceOps({ site: { id: SITE }, clock });
const say = (text: string) =>
  console.log(
    `${clock.now().toLocaleTimeString("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" })}  ${text}`,
  );
const refused = async (what: string, attempt: () => Promise<unknown>) => {
  try {
    await attempt();
    say(`${what}: accepted?!`);
  } catch (error) {
    if (!(error instanceof SvcOpsError)) throw error;
    say(`${what}: refused, "${error.message}"`);
  }
};
const reminders = venueSessionReminders(ops);
/** Lets `minutes` pass, the desk's reminder workflow ticking every 5 minutes. */
async function pass(minutes: number) {
  for (let left = minutes; left > 0; left -= 5) {
    clock.advance(Math.min(5, left) * 60_000);
    const { reminded } = await reminders.tick({ now: clock.now(), actor: desk });
    for (const due of reminded) {
      const end = new Date(due.bookedEnd).toLocaleTimeString("en-GB", {
        timeZone: "Asia/Shanghai",
        hour: "2-digit",
        minute: "2-digit",
      });
      say(
        `reminder (workflow): ${due.venue}, ${due.customer}, booked until ${end}; venue staff tell the guest politely`,
      );
    }
  }
}

console.log(
  "svcops example: a badminton session at the sports centre, from arrival to the cashier\n",
);

await ops.execute(
  ListItems({ location: "bar", items: [{ item: "sports-drink", kind: "goods", price: 800 }] }),
  { actor: csManager },
);
await ops.execute(
  CountOpeningStock({ location: "bar", counts: [{ item: "sports-drink", quantity: 24 }] }),
  { actor: waterBar },
);

const loanId = "court-5-1123-19";
await ops.execute(
  StartVenueSession({
    loanId,
    customer: { name: "Chen Jie", phone: "13700000007" },
    venue: "badminton court 5",
    deposit: 30_000,
    paymentMethod: "card",
    bookedMinutes: 120,
    rate: { per: "halfHour", amount: 4_000 },
  }),
  { actor: cashier },
);
say(
  "Chen Jie books court 5 for 2 h at ¥40.00 per started half hour; ¥300.00 deposit by card first (D4, G1)",
);
await ops.execute(RentEquipment({ loanId, item: "racket", count: 2, unitPrice: 1_500 }), {
  actor: venueStaff,
});
await ops.execute(RentEquipment({ loanId, item: "shuttlecock-tube", count: 1, unitPrice: 3_500 }), {
  actor: venueStaff,
});
await ops.execute(RentEquipment({ loanId, item: "shoes", count: 1, unitPrice: 1_000 }), {
  actor: venueStaff,
});
say(
  "venue-qian hands out 2 rackets (¥15.00 each), a tube of shuttlecocks (¥35.00), shoes (¥10.00)",
);

await pass(40);
await ops.execute(
  SellItems({
    location: "bar",
    receiptNumber: 1,
    lines: [{ item: "sports-drink", quantity: 2, unitPrice: 800 }],
    payment: { venueSession: loanId },
  }),
  { actor: waterBar },
);
say("the water bar sells 2 sports drinks on the session: receipt bar #1, ¥16.00 on the bill");

await pass(90); // the reminder falls due at 20:45; the guest plays on until 21:10
await ops.execute(
  CheckBackEquipment({ loanId, item: "racket", returned: 2, damaged: 1, charge: 6_000 }),
  { actor: venueStaff },
);
await ops.execute(CheckBackEquipment({ loanId, item: "shuttlecock-tube", returned: 1 }), {
  actor: venueStaff,
});
await ops.execute(CheckBackEquipment({ loanId, item: "shoes", returned: 1 }), {
  actor: venueStaff,
});
say("venue-qian checks everything back: one racket's strings are broken, ¥60.00 (D6)");
const ended = await ops.execute(EndVenueSession({ loanId }), { actor: desk });
const end = ended.events[0]?.data as { periods: number; venueFee: number };
say(
  `desk-zhou writes down the end: 2 h 10 min = ${end.periods} started half hours, venue fee ${formatFen(end.venueFee)}`,
);

await refused("Chen Jie walks to the cashier before the desk has checked the bill", () =>
  ops.execute(SettleVenueUse({ loanId }), { actor: cashier }),
);
const rentals = [
  { item: "racket", count: 2 },
  { item: "shuttlecock-tube", count: 1 },
  { item: "shoes", count: 1 },
];
await refused("desk-zhou checks the slips (venue, rentals, damage; the bar slip not yet in)", () =>
  ops.execute(ReconcileVenueBill({ loanId, slipTotal: 33_500, rentals }), { actor: desk }),
);
await ops.execute(ReconcileVenueBill({ loanId, slipTotal: 35_100, rentals }), { actor: desk });
say("the bar's slip found: slips, record and the rental counts agree at ¥351.00 (G1)");

const { state } = await ops.state(depositLoanAggregate, depositLoanStream(SITE, loanId));
const b = state.session?.breakdown;
if (b) {
  say(
    `bill: venue ${formatFen(b.venueFee)} + rentals ${formatFen(b.rentals)} + drinks ${formatFen(b.drinks)}` +
      ` + damage ${formatFen(b.damages)} = ${formatFen(state.bill)}`,
  );
}
await ops.execute(SettleVenueUse({ loanId }), { actor: cashier });
const settled = (await ops.read(depositLedger)).find((r) => r.loanId === loanId);
if (settled) {
  say(
    `settled at the cashier (D4): ${formatFen(settled.fees)} against the ${formatFen(settled.deposit)} deposit:` +
      ` refunded ${formatFen(settled.refunded)}, collected ${formatFen(settled.collected)}`,
  );
}

console.log("");
clock.advance(14 * 3600_000); // Tuesday 11:10
await refused("the cashier tries to change the settled bill", () =>
  ops.execute(CorrectVenueSettlement({ loanId, correctedFees: 29_100, reason: "racket" }), {
    actor: cashier,
  }),
);
await ops.execute(
  CorrectVenueSettlement({
    loanId,
    correctedFees: 29_100,
    reason:
      "racket strings were frayed before the session (venue log, 18:30): damage charge withdrawn",
  }),
  { actor: dutyManager },
);
const row = (await ops.read(depositLedger)).find((r) => r.loanId === loanId);
const correction = row?.corrections?.[0];
if (row && correction) {
  say(
    `dm-wu (dutyManager) signs a correction: ${formatFen(correction.feesBefore)} → ${formatFen(correction.feesAfter)},` +
      ` ${formatFen(correction.refund)} refunded to the card, reason on record (G1)`,
  );
  say(
    `ledger: deposit ${formatFen(row.deposit)}, fees ${formatFen(row.fees)}, refunded ${formatFen(row.refunded)},` +
      ` collected ${formatFen(row.collected)}`,
  );
  const balanced = row.deposit + row.collected === row.fees + row.refunded;
  say(`D7: deposit + collected = fees + refunded: ${balanced ? "holds" : "BROKEN"}`);
}
const after = await ops.state(depositLoanAggregate, depositLoanStream(SITE, loanId));
say(
  `the settlement stays on record: settled at ${formatFen(after.state.closing?.fees ?? 0)},` +
    ` ${after.state.corrections.length} correction after it`,
);
