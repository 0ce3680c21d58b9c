/**
 * A rainy week at a mall's service centre: umbrellas lent against a 50-yuan cash deposit,
 * returned on time, a day late and three days late, one never returned (D1, D2, D3, D7).
 *
 *   npx tsx examples/mall-umbrella-desk.ts
 *
 * The clock is a manual one, so every run prints the same.
 */
import {
  type Actor,
  createServiceOps,
  DeclareUmbrellaLost,
  depositLedger,
  formatFen,
  LendUmbrella,
  manualClock,
  openLoans,
  ReturnUmbrella,
  SvcOpsError,
} from "svcops";

const SITE = "mall-east";
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const desk = person("desk-zhou", "frontDesk");
const csManager = person("cs-he", "csManager");
const clock = manualClock("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai
const ops = createServiceOps({ site: { id: SITE }, clock });
const HOUR = 3_600_000;
const when = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Shanghai",
  weekday: "short",
  day: "2-digit",
  month: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const say = (text: string) => console.log(`${when.format(clock.now())}  ${text}`);

const customers = [
  { loanId: "u-01", customer: { name: "Li Na", phone: "13800000001" }, umbrellaNumber: "U17" },
  { loanId: "u-02", customer: { name: "Wang Tao", phone: "13800000002" }, umbrellaNumber: "U08" },
  { loanId: "u-03", customer: { name: "Zhao Min", phone: "13800000003" }, umbrellaNumber: "U21" },
  { loanId: "u-04", customer: { name: "Sun Yu", phone: "13800000004" }, umbrellaNumber: "U02" },
];
const sign = (phone: string) => ({ staffId: phone, role: "customer" });

console.log("svcops example: umbrellas at the mall's service centre in a rainy week\n");
// D1: the deposit is cash only; a card is refused, naming the rule, and nothing is written.
const [first] = customers;
try {
  if (first) await ops.execute(LendUmbrella({ ...first, paymentMethod: "card" }), { actor: desk });
} catch (error) {
  if (!(error instanceof SvcOpsError)) throw error;
  say(`Li Na offers a card: refused, "${error.message}"`);
}
for (const loan of customers) {
  await ops.execute(LendUmbrella({ ...loan, paymentMethod: "cash" }), { actor: desk });
  say(`${loan.customer.name} borrows umbrella ${loan.umbrellaNumber}, ¥50.00 cash deposit (D1)`);
  clock.advance(HOUR);
}

const giveBack = async (loanId: string, afterHours: number) => {
  clock.set(new Date(Date.parse("2026-11-23T02:00:00Z") + afterHours * HOUR));
  const loan = customers.find((c) => c.loanId === loanId);
  if (!loan) return;
  await ops.execute(ReturnUmbrella({ loanId, customerSignature: sign(loan.customer.phone) }), {
    actor: desk,
  });
  const row = (await ops.read(depositLedger)).find((r) => r.loanId === loanId);
  if (!row) return;
  say(
    `${loan.customer.name} brings ${loan.umbrellaNumber} back and signs (D3): fee ${formatFen(row.fees)},` +
      ` refunded ${formatFen(row.refunded)}, collected ${formatFen(row.collected)}`,
  );
};
// Hours after Monday 10:00; the loans went out at 10:00, 11:00, 12:00 and 13:00.
await giveBack("u-01", 23.5); // after 23 h 30 min: within the free 24 h (D2)
await giveBack("u-02", 31); // after 30 h: 6 h into one started day beyond the free day, ¥10.00
await giveBack("u-03", 2 + 24 * 7); // after 7 days: six started days, ¥60.00, over the deposit

// u-04 never comes back: after the policy's period the CS manager declares it lost, deposit kept.
clock.set("2026-12-01T02:00:00Z");
await ops.execute(DeclareUmbrellaLost({ loanId: "u-04", reason: "not returned after 8 days" }), {
  actor: csManager,
});
say("Sun Yu's U02 is declared lost by cs-he: the deposit is kept (D3)");

console.log("\nDeposit ledger (D7: deposit + collected = fees + refunded for every closed loan)");
for (const row of await ops.read(depositLedger)) {
  const balanced = row.deposit + row.collected === row.fees + row.refunded;
  console.log(
    `  ${row.loanId} ${row.how.padEnd(8)} deposit ${formatFen(row.deposit)} + collected ${formatFen(row.collected)}` +
      ` = fees ${formatFen(row.fees)} + refunded ${formatFen(row.refunded)}  ${balanced ? "ok" : "UNBALANCED"}`,
  );
}
console.log(`\nOpen loans: ${(await ops.read(openLoans)).size}`);
