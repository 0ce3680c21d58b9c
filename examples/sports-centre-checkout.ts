/**
 * An evening at a sports centre's front desk: a badminton court booked against a deposit, with
 * rackets, shuttlecocks and drinks on the bill, one racket broken, checked back by the venue
 * staff and settled at the cashier against the deposit (D4, D6, D7); then a conference group on
 * an agreement account, where only the signers named on the sales order may sign (D5).
 *
 *   npx tsx examples/sports-centre-checkout.ts
 *
 * The clock is a manual one, so every run prints the same.
 */
import {
  type Actor,
  AddVenueCharge,
  agreementAccountAggregate,
  agreementAccountStream,
  ChargeToAgreementAccount,
  CheckBackEquipment,
  createServiceOps,
  depositLedger,
  formatFen,
  manualClock,
  OpenAgreementAccount,
  OpenVenueUse,
  RentEquipment,
  SettleVenueUse,
  SvcOpsError,
} from "svcops";

const SITE = "centre-1";
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const cashier = person("cash-liu", "cashier");
const venueStaff = person("venue-qian", "venueStaff");
const clock = manualClock("2026-11-23T11:00:00Z"); // Monday 19:00 in Shanghai
const ops = createServiceOps({ site: { id: SITE }, clock });
const say = (text: string) =>
  console.log(
    `${clock.now().toLocaleTimeString("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" })}  ${text}`,
  );
const later = (minutes: number) => clock.advance(minutes * 60_000);

console.log("svcops example: a badminton evening and a conference group at the sports centre\n");

const loanId = "court-3-1123-19";
await ops.execute(
  OpenVenueUse({
    loanId,
    customer: { name: "Huang Wei", phone: "13900000009" },
    venue: "badminton court 3",
    deposit: 20_000,
    paymentMethod: "mobile",
  }),
  { actor: cashier },
);
say("Huang Wei books court 3 for two hours: ¥200.00 deposit first, by phone payment (D4)");
await ops.execute(RentEquipment({ loanId, item: "racket", count: 4, unitPrice: 1_000 }), {
  actor: venueStaff,
});
await ops.execute(RentEquipment({ loanId, item: "shuttlecock-tube", count: 1, unitPrice: 3_500 }), {
  actor: venueStaff,
});
say("venue-qian hands out 4 rackets (¥10.00 each) and a tube of shuttlecocks (¥35.00)");

later(120);
await ops.execute(AddVenueCharge({ loanId, description: "court 3, 2 h", amount: 16_000 }), {
  actor: cashier,
});
await ops.execute(AddVenueCharge({ loanId, description: "4 sports drinks", amount: 2_400 }), {
  actor: cashier,
});
say("court fee ¥160.00 and four drinks ¥24.00 go on the bill");

// D6: the bill is not settled before the equipment is checked back.
try {
  await ops.execute(SettleVenueUse({ loanId }), { actor: cashier });
} catch (error) {
  if (!(error instanceof SvcOpsError)) throw error;
  say(`the cashier tries to settle at once: refused, "${error.message}"`);
}
await ops.execute(
  CheckBackEquipment({ loanId, item: "racket", returned: 4, damaged: 1, charge: 8_000 }),
  { actor: venueStaff },
);
await ops.execute(CheckBackEquipment({ loanId, item: "shuttlecock-tube", returned: 1 }), {
  actor: venueStaff,
});
say("venue-qian counts the rackets back: one has a broken frame, ¥80.00 (D6)");

await ops.execute(SettleVenueUse({ loanId }), { actor: cashier });
const row = (await ops.read(depositLedger)).find((r) => r.loanId === loanId);
if (row) {
  say(
    `settled (D4): bill ${formatFen(row.fees)} against the ${formatFen(row.deposit)} deposit:` +
      ` refunded ${formatFen(row.refunded)}, collected ${formatFen(row.collected)}`,
  );
  const balanced = row.deposit + row.collected === row.fees + row.refunded;
  say(`D7: deposit + collected = fees + refunded: ${balanced ? "holds" : "BROKEN"}`);
}

console.log("");
const accountId = "acc-expo-2026";
await ops.execute(
  OpenAgreementAccount({
    accountId,
    company: "East Lake Expo Co.",
    signers: [
      { signerId: "ID-4401", name: "Gao Jing" },
      { signerId: "ID-4402", name: "Xu Peng" },
    ],
  }),
  { actor: cashier },
);
say("East Lake Expo's group arrives: an agreement account, no deposit (D5)");
await ops.execute(
  ChargeToAgreementAccount({
    accountId,
    signerId: "ID-4401",
    description: "hall B, half day",
    amount: 120_000,
  }),
  { actor: cashier },
);
say("Gao Jing (ID-4401, on the sales order) signs hall B to the account: ¥1200.00");
try {
  await ops.execute(
    ChargeToAgreementAccount({
      accountId,
      signerId: "ID-9999",
      description: "20 lunch boxes",
      amount: 60_000,
    }),
    { actor: cashier },
  );
} catch (error) {
  if (!(error instanceof SvcOpsError)) throw error;
  say(`a delegate not on the order tries to sign lunch: refused, "${error.message}"`);
}
const account = await ops.state(agreementAccountAggregate, agreementAccountStream(SITE, accountId));
say(`on the account: ${formatFen(account.state.balance)}`);
