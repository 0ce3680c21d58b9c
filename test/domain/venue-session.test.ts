/**
 * Venue sessions at the sports centre (docs/rules.md G1, on the DepositLoan's D4, D6, D7): a
 * session writes down its start and booked end, puts the venue fee by time, rentals, drinks and
 * damages on one bill, is reminded `endReminder` before its booked end, is reconciled with the
 * rental records before the cashier settles it against the deposit, and is corrected after
 * settlement only by a signed correcting entry.
 */
import {
  AddVenueCharge,
  ChargeVenueDrinks,
  CheckBackEquipment,
  CorrectReceipt,
  CorrectVenueSettlement,
  CountOpeningStock,
  CreditVenueDrinks,
  cashDrawer,
  createCalendar,
  depositLedger,
  depositLoanAggregate,
  depositLoanDecider,
  depositLoanStream,
  EndVenueSession,
  ListItems,
  OpenVenueUse,
  ReconcileVenueBill,
  RemindVenueSessionEnd,
  RentEquipment,
  RuleViolation,
  SellItems,
  SettleVenueUse,
  Unauthorized,
  VenueDrinksCharged,
  VenueSessionEndReminded,
  VoidReceipt,
  venueFee,
} from "svcops";
import { given } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { later, NOW } from "./fixtures.js";
import {
  CENTRE,
  cashier,
  centre,
  csManager,
  customer,
  desk,
  dutyManager,
  MINUTE,
  specCashier,
  start,
  started,
  venueStaff,
  waterBar,
} from "./venue-session-fixtures.js";

const loanId = "g-1";
const calendar = createCalendar();
const at = (minutes: number) => new Date(Date.parse("2026-11-23T11:00:00Z") + minutes * MINUTE);

/** A session played for `minutes`: two rackets out and back, one damaged, two drinks; ended. */
async function playedSession(minutes = 110) {
  const c = centre();
  const { ops, advance } = c;
  await ops.execute(start(), { actor: cashier });
  await ops.execute(RentEquipment({ loanId, item: "racket", count: 2, unitPrice: 1_000 }), {
    actor: venueStaff,
  });
  advance(minutes);
  await ops.execute(ChargeVenueDrinks({ loanId, reference: "bar #12", amount: 1_200 }), {
    actor: waterBar,
  });
  await ops.execute(
    CheckBackEquipment({ loanId, item: "racket", returned: 2, damaged: 1, charge: 5_000 }),
    { actor: venueStaff },
  );
  await ops.execute(EndVenueSession({ loanId }), { actor: desk });
  return c;
}

const loanState = async (ops: ReturnType<typeof centre>["ops"]) =>
  (await ops.state(depositLoanAggregate, depositLoanStream(CENTRE, loanId))).state;

describe("Venue sessions (G1)", () => {
  it("G1 a session starts with the deposit and writes down its start, booked end, reminder time and rate", () => {
    given(depositLoanDecider).when(start(), { actor: specCashier, now: NOW }).then(started());
  });

  it("G1 the venue fee charges every started hour or half hour in full, and at least one", () => {
    const hour = { per: "hour", amount: 8_000 } as const;
    const half = { per: "halfHour", amount: 4_000 } as const;
    expect(venueFee(at(0), at(60), hour, calendar)).toEqual({ periods: 1, fee: 8_000 });
    expect(venueFee(at(0), at(61), hour, calendar)).toEqual({ periods: 2, fee: 16_000 });
    expect(venueFee(at(0), at(0), hour, calendar)).toEqual({ periods: 1, fee: 8_000 });
    expect(venueFee(at(0), at(100), half, calendar)).toEqual({ periods: 4, fee: 16_000 });
    expect(venueFee(at(0), at(90), half, calendar)).toEqual({ periods: 3, fee: 12_000 });
  });

  it("G1 venue fee by time, rentals, drinks and damages go on one bill", async () => {
    const { ops } = await playedSession(110);
    const state = await loanState(ops);
    expect(state.session?.breakdown).toEqual({
      venueFee: 16_000,
      rentals: 2_000,
      drinks: 1_200,
      damages: 5_000,
      other: 0,
    });
    expect(state.bill).toBe(24_200);
    expect(state.session?.endedAt).toBe(at(110).toISOString());
  });

  it("G1 the end reminder is due endReminder (15 min) before the booked end, once, and not after the end", async () => {
    const history = started();
    given(depositLoanDecider, history)
      .when(RemindVenueSessionEnd({ loanId }), { actor: specCashier, now: later(104 * MINUTE) })
      .thenThrows("G1");
    const reminded = VenueSessionEndReminded({
      loanId,
      bookedEnd: later(120 * MINUTE),
      remindedAt: later(105 * MINUTE),
      by: { staffId: specCashier.id, role: "cashier", at: later(105 * MINUTE) },
    });
    given(depositLoanDecider, history)
      .when(RemindVenueSessionEnd({ loanId }), { actor: specCashier, now: later(105 * MINUTE) })
      .then([reminded]);
    given(depositLoanDecider, [...history, reminded])
      .when(RemindVenueSessionEnd({ loanId }), { actor: specCashier, now: later(110 * MINUTE) })
      .thenThrows("G1");
    const { ops } = await playedSession(100);
    await expect(
      ops.execute(RemindVenueSessionEnd({ loanId }), { actor: desk }),
    ).rejects.toMatchObject({ rule: "G1" });
  });

  it("G1 the end time is written down once", async () => {
    const { ops } = await playedSession();
    await expect(ops.execute(EndVenueSession({ loanId }), { actor: desk })).rejects.toThrow(
      /G1: session g-1 ended at .* once/,
    );
  });

  it("G1 reconciliation waits for the end time and for every item checked back (D6)", async () => {
    const { ops, advance } = centre();
    await ops.execute(start(), { actor: cashier });
    await ops.execute(RentEquipment({ loanId, item: "racket", count: 2, unitPrice: 1_000 }), {
      actor: venueStaff,
    });
    advance(60);
    const reconcile = ReconcileVenueBill({
      loanId,
      slipTotal: 10_000,
      rentals: [{ item: "racket", count: 2 }],
    });
    await expect(ops.execute(reconcile, { actor: desk })).rejects.toThrow(/writes down the end/);
    await ops.execute(EndVenueSession({ loanId }), { actor: desk });
    await expect(ops.execute(reconcile, { actor: desk })).rejects.toThrow(
      /G1: session g-1: venue staff check back racket \(D6\)/,
    );
    await ops.execute(CheckBackEquipment({ loanId, item: "racket", returned: 2 }), {
      actor: venueStaff,
    });
    const result = await ops.execute(reconcile, { actor: desk });
    expect(result.events.map((e) => e.type)).toEqual(["VenueBillReconciled"]);
  });

  it("G1 a bill that does not match the rental count or the slips is refused, naming the gap, and nothing is recorded", async () => {
    const { ops } = await playedSession();
    const refused = [
      [
        ReconcileVenueBill({ loanId, slipTotal: 24_200, rentals: [{ item: "racket", count: 1 }] }),
        /racket: 1 counted, 2 on record/,
      ],
      [
        ReconcileVenueBill({ loanId, slipTotal: 23_000, rentals: [{ item: "racket", count: 2 }] }),
        /slips total ¥230.00 but the bill on record is ¥242.00/,
      ],
      [
        ReconcileVenueBill({ loanId, slipTotal: 24_200, rentals: [] }),
        /racket: 0 counted, 2 on record/,
      ],
    ] as const;
    for (const [command, message] of refused) {
      const error = await ops.execute(command, { actor: desk }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuleViolation);
      expect((error as RuleViolation).rule).toBe("G1");
      expect((error as Error).message).toMatch(message);
    }
    expect((await loanState(ops)).session?.reconciledBill).toBeUndefined();
  });

  it("G1 a guest never goes to the cashier with an unreconciled bill: settle is refused naming G1", async () => {
    const { ops } = await playedSession();
    await expect(ops.execute(SettleVenueUse({ loanId }), { actor: cashier })).rejects.toThrow(
      /^G1: session g-1: the desk reconciles the bill/,
    );
    await ops.execute(
      ReconcileVenueBill({ loanId, slipTotal: 24_200, rentals: [{ item: "racket", count: 2 }] }),
      { actor: desk },
    );
    // A drink after the reconciliation changes the bill: it is reconciled again first.
    await ops.execute(ChargeVenueDrinks({ loanId, reference: "bar #13", amount: 600 }), {
      actor: waterBar,
    });
    await expect(ops.execute(SettleVenueUse({ loanId }), { actor: cashier })).rejects.toThrow(
      /G1: session g-1: the bill changed from ¥242.00 to ¥248.00/,
    );
    await ops.execute(
      ReconcileVenueBill({ loanId, slipTotal: 24_800, rentals: [{ item: "racket", count: 2 }] }),
      { actor: desk },
    );
    const settled = await ops.execute(SettleVenueUse({ loanId }), { actor: cashier });
    expect(settled.events[0]?.data).toMatchObject({
      deposit: 20_000,
      fees: 24_800,
      refunded: 0,
      collected: 4_800,
    });
  });

  it("G1 a venue use that is not a session settles as D4 says, and session steps on it are refused", async () => {
    const { ops } = centre();
    await ops.execute(
      OpenVenueUse({
        loanId,
        customer,
        venue: "pool lane 2",
        deposit: 5_000,
        paymentMethod: "cash",
      }),
      { actor: cashier },
    );
    await ops.execute(AddVenueCharge({ loanId, description: "lane, 1 h", amount: 3_000 }), {
      actor: cashier,
    });
    await expect(ops.execute(EndVenueSession({ loanId }), { actor: desk })).rejects.toThrow(
      /G1: cannot end it: g-1 is a venue loan, not a session/,
    );
    await ops.execute(SettleVenueUse({ loanId }), { actor: cashier });
    await expect(ops.execute(EndVenueSession({ loanId }), { actor: desk })).rejects.toThrow(/G1/);
  });

  it("G1 a settled bill is corrected by a signed correcting entry with a reason: the difference refunded, the settlement kept", async () => {
    const { ops } = await playedSession();
    await ops.execute(
      ReconcileVenueBill({ loanId, slipTotal: 24_200, rentals: [{ item: "racket", count: 2 }] }),
      { actor: desk },
    );
    await ops.execute(SettleVenueUse({ loanId }), { actor: cashier });
    // The damaged racket was worn, not broken: the CS manager takes ¥30.00 off.
    const corrected = await ops.execute(
      CorrectVenueSettlement({
        loanId,
        correctedFees: 21_200,
        reason: "racket was worn, not broken: damage ¥50.00 → ¥20.00",
      }),
      { actor: csManager },
    );
    expect(corrected.events[0]?.data).toMatchObject({
      feesBefore: 24_200,
      feesAfter: 21_200,
      refund: 3_000,
      collect: 0,
      balance: { deposit: 20_000, fees: 21_200, refunded: 3_000, collected: 4_200 },
      paymentMethod: "card",
      by: { staffId: "csm-1", role: "csManager" },
    });
    const state = await loanState(ops);
    expect(state.closing).toMatchObject({ fees: 24_200, collected: 4_200, how: "settled" });
    expect(state.corrections).toHaveLength(1);
    const [row] = await ops.read(depositLedger);
    expect(row).toMatchObject({ fees: 21_200, refunded: 3_000, collected: 4_200 });
    expect(row?.corrections?.[0]).toMatchObject({ feesBefore: 24_200, reason: /worn/ });
    expect(row && row.deposit + row.collected).toBe(row && row.fees + row.refunded);
    const drawer = await ops.read(cashDrawer(ops.site.calendar));
    expect(drawer.days.get("2026-11-23")?.get("card")).toEqual({ in: 24_200, out: 3_000 });
  });

  it("G1 a correction that raises the bill collects the difference, and the next correction starts from it (D7 holds)", async () => {
    const { ops } = await playedSession();
    await ops.execute(
      ReconcileVenueBill({ loanId, slipTotal: 24_200, rentals: [{ item: "racket", count: 2 }] }),
      { actor: desk },
    );
    await ops.execute(SettleVenueUse({ loanId }), { actor: cashier });
    await ops.execute(
      CorrectVenueSettlement({ loanId, correctedFees: 25_000, reason: "towel left off the bill" }),
      { actor: dutyManager },
    );
    await ops.execute(
      CorrectVenueSettlement({
        loanId,
        correctedFees: 24_500,
        reason: "towel is ¥5.00, not ¥8.00",
      }),
      { actor: csManager },
    );
    const [row] = await ops.read(depositLedger);
    expect(row).toMatchObject({ deposit: 20_000, fees: 24_500, refunded: 500, collected: 5_000 });
    expect(row?.corrections?.map((c) => [c.feesBefore, c.feesAfter])).toEqual([
      [24_200, 25_000],
      [25_000, 24_500],
    ]);
  });

  it("G1 only a CS or duty manager corrects a settled bill; a bill not settled, or the same total, is not corrected", async () => {
    const { ops } = await playedSession();
    const correction = CorrectVenueSettlement({
      loanId,
      correctedFees: 20_000,
      reason: "discount",
    });
    await expect(ops.execute(correction, { actor: csManager })).rejects.toThrow(
      /G1: loan g-1 is not a settled venue bill/,
    );
    await ops.execute(
      ReconcileVenueBill({ loanId, slipTotal: 24_200, rentals: [{ item: "racket", count: 2 }] }),
      { actor: desk },
    );
    await ops.execute(SettleVenueUse({ loanId }), { actor: cashier });
    const byCashier = await ops.execute(correction, { actor: cashier }).catch((e: unknown) => e);
    expect(byCashier).toBeInstanceOf(Unauthorized);
    expect((byCashier as Error).message).toContain("G1");
    await expect(
      ops.execute(CorrectVenueSettlement({ loanId, correctedFees: 24_200, reason: "recheck" }), {
        actor: csManager,
      }),
    ).rejects.toThrow(/nothing to correct/);
    await expect(ops.execute(SettleVenueUse({ loanId }), { actor: cashier })).rejects.toMatchObject(
      { rule: "D7" },
    );
  });

  it("G1 drinks sold at the water bar on a session go on its bill in the same append as the sale, and a lowered or voided receipt comes off it until settlement", async () => {
    const { ops } = centre();
    const location = "bar";
    await ops.execute(
      ListItems({ location, items: [{ item: "tea", kind: "goods", price: 600 }] }),
      {
        actor: csManager,
      },
    );
    await ops.execute(CountOpeningStock({ location, counts: [{ item: "tea", quantity: 10 }] }), {
      actor: waterBar,
    });
    const sale = (receiptNumber: number, venueSession: string) =>
      SellItems({
        location,
        receiptNumber,
        lines: [{ item: "tea", quantity: 2, unitPrice: 600 }],
        payment: { venueSession },
      });
    // No session g-1 yet: the whole sale is refused, the stock untouched.
    await expect(ops.execute(sale(1, loanId), { actor: waterBar })).rejects.toMatchObject({
      rule: "G1",
    });
    await ops.execute(start(), { actor: cashier });
    const sold = await ops.execute(sale(1, loanId), { actor: waterBar });
    expect(sold.events.map((e) => e.type)).toEqual(["ItemsSold", "VenueDrinksCharged"]);
    expect(sold.events[1]?.data).toMatchObject({ reference: "bar 2026-11-23 #1", amount: 1_200 });
    const state = await loanState(ops);
    expect([state.bill, state.session?.breakdown.drinks]).toEqual([1_200, 1_200]);
    // Lowered (N3, the member signs): the difference comes off the bill in the same append.
    const lowered = await ops.execute(
      CorrectReceipt({
        location,
        receiptNumber: 1,
        lines: [{ item: "tea", quantity: 1, unitPrice: 600 }],
        memberSignature: { staffId: customer.phone, role: "customer" },
      }),
      { actor: waterBar },
    );
    expect(lowered.events.map((e) => e.type)).toEqual(["ReceiptCorrected", "VenueDrinksCredited"]);
    expect((await loanState(ops)).session?.breakdown.drinks).toBe(600);
    await ops.execute(sale(2, loanId), { actor: waterBar });
    // Voided with the CS manager's signature (N4): its total comes off the bill.
    const signature = { staffId: csManager.id, role: "csManager" };
    const voided = await ops.execute(
      VoidReceipt({
        location,
        receiptNumber: 2,
        reason: "rung twice",
        supervisorSignature: signature,
      }),
      { actor: waterBar },
    );
    expect(voided.events.map((e) => e.type)).toEqual(["ReceiptVoided", "VenueDrinksCredited"]);
    expect([(await loanState(ops)).bill, (await loanState(ops)).session?.breakdown.drinks]).toEqual(
      [600, 600],
    );
    // Once the session is settled, the bar cannot take drinks off the bill: a manager corrects it.
    await ops.execute(EndVenueSession({ loanId }), { actor: desk });
    await ops.execute(ReconcileVenueBill({ loanId, slipTotal: 8_600 }), { actor: desk });
    await ops.execute(SettleVenueUse({ loanId }), { actor: cashier });
    await expect(
      ops.execute(
        VoidReceipt({ location, receiptNumber: 1, reason: "late", supervisorSignature: signature }),
        { actor: waterBar },
      ),
    ).rejects.toThrow(/^G1: session g-1 is settled; its bill is corrected by a CS or duty manager/);
  });

  it("G1 the bar takes off the bill no more drinks than it holds", () => {
    const charged = VenueDrinksCharged({
      loanId,
      reference: "bar 2026-11-22 #1",
      amount: 600,
      by: { staffId: "bar-1", role: "waterBar", at: NOW },
    });
    const credit = (amount: number) =>
      CreditVenueDrinks({ loanId, reference: "bar 2026-11-22 #1", amount });
    given(depositLoanDecider, [...started(), charged])
      .when(credit(1_200), { actor: specCashier })
      .thenThrows("G1");
    given(depositLoanDecider, [...started(), charged])
      .when(credit(600), { actor: specCashier })
      .thenState((state) => expect([state.bill, state.session?.breakdown.drinks]).toEqual([0, 0]));
  });
});
