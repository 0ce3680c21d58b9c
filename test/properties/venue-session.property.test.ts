/**
 * Properties of venue sessions (G1 on D4, D7): for any booking, play time, rentals, check-backs
 * and drinks, the bill is the venue fee by started period + rentals + drinks + damages, the
 * cashier settles only a reconciled bill and the settlement against the deposit is 多退少补
 * (D4); and any run of corrections after it keeps the settlement and balances (D7).
 */
import fc from "fast-check";
import {
  type Actor,
  ChargeVenueDrinks,
  CheckBackEquipment,
  CorrectVenueSettlement,
  type DepositLoanCommand,
  type DepositLoanEvent,
  type DepositLoanState,
  depositLedger,
  depositLoanAggregate,
  depositLoanDecider,
  depositLoanStream,
  EndVenueSession,
  ReconcileVenueBill,
  RentEquipment,
  RuleViolation,
  SettleVenueUse,
  StartVenueSession,
} from "svcops";
import { specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { NOW } from "../domain/fixtures.js";
import {
  CENTRE,
  cashier,
  centre,
  csManager,
  customer,
  desk,
  MINUTE,
  specCashier,
  start,
} from "../domain/venue-session-fixtures.js";

const loanId = "g-1";
const ITEMS = ["racket", "shoes", "ball"] as const;
const PERIOD_MIN = { hour: 60, halfHour: 30 } as const;

const rental = fc.record({
  count: fc.integer({ min: 1, max: 4 }),
  unitPrice: fc.integer({ min: 0, max: 5_000 }),
  returned: fc.integer({ min: 0, max: 4 }),
  damaged: fc.integer({ min: 0, max: 4 }),
  charge: fc.integer({ min: 1, max: 20_000 }),
});
const session = fc.record({
  deposit: fc.integer({ min: 1, max: 100_000 }),
  per: fc.constantFrom("hour" as const, "halfHour" as const),
  rateAmount: fc.integer({ min: 1, max: 20_000 }),
  bookedMinutes: fc.integer({ min: 15, max: 240 }),
  playedMinutes: fc.integer({ min: 0, max: 300 }),
  rentals: fc.array(rental, { minLength: 0, maxLength: ITEMS.length }),
  drinks: fc.array(fc.integer({ min: 1, max: 3_000 }), { maxLength: 5 }),
});
type Session = typeof session extends fc.Arbitrary<infer T> ? T : never;

/** Decides a command on the spec context at `minutes` after NOW, folding the events in. */
function decider() {
  let state: DepositLoanState = depositLoanDecider.initialState;
  const events: DepositLoanEvent[] = [];
  return {
    get state() {
      return state;
    },
    events,
    send(command: DepositLoanCommand, actor: Actor, minutes: number) {
      const now = new Date(Date.parse(NOW) + minutes * MINUTE);
      const decided = depositLoanDecider.decide(command, state, specContext({ actor, now }));
      events.push(...decided);
      state = decided.reduce(depositLoanDecider.evolve, state);
      return decided;
    },
  };
}

const spec = (role: Actor["role"]): Actor => ({ ...specCashier, role });

/** Plays a generated session up to its end; returns what each part of the bill should be. */
function play(s: Session) {
  const d = decider();
  const { deposit, per, rateAmount, bookedMinutes, playedMinutes } = s;
  d.send(
    StartVenueSession({
      loanId,
      customer,
      venue: "court",
      deposit,
      paymentMethod: "cash",
      bookedMinutes,
      rate: { per, amount: rateAmount },
    }),
    specCashier,
    0,
  );
  let rentals = 0;
  let damages = 0;
  s.rentals.forEach((r, i) => {
    const item = ITEMS[i] as string;
    const { count, unitPrice } = r;
    d.send(RentEquipment({ loanId, item, count, unitPrice }), spec("venueStaff"), 0);
    rentals += r.count * r.unitPrice;
  });
  s.drinks.forEach((amount, i) => {
    d.send(ChargeVenueDrinks({ loanId, reference: `bar #${i}`, amount }), spec("waterBar"), 1);
  });
  s.rentals.forEach((r, i) => {
    const returned = Math.min(r.returned, r.count);
    const damaged = Math.min(r.damaged, returned);
    const charge = returned < r.count || damaged > 0 ? r.charge : 0;
    const item = ITEMS[i] as string;
    d.send(
      CheckBackEquipment({ loanId, item, returned, damaged, charge }),
      spec("venueStaff"),
      playedMinutes,
    );
    damages += charge;
  });
  d.send(EndVenueSession({ loanId }), spec("frontDesk"), playedMinutes);
  const periods = Math.max(1, Math.ceil(playedMinutes / PERIOD_MIN[per]));
  const drinks = s.drinks.reduce((a, b) => a + b, 0);
  return { d, expected: { venueFee: periods * rateAmount, rentals, drinks, damages, other: 0 } };
}

describe("Venue session properties", () => {
  it("property: G1 bill = venue fee + rentals + drinks + damages, settled only once reconciled, and the settlement satisfies D4's equation", () => {
    fc.assert(
      fc.property(session, (s) => {
        const { d, expected } = play(s);
        const bill = expected.venueFee + expected.rentals + expected.drinks + expected.damages;
        expect(d.state.session?.breakdown).toEqual(expected);
        expect(d.state.bill).toBe(bill);

        const settle = () => d.send(SettleVenueUse({ loanId }), specCashier, s.playedMinutes);
        expect(settle).toThrow(RuleViolation);
        expect(settle).toThrow(/^G1:/);

        const rentals = s.rentals.map((r, i) => ({ item: ITEMS[i] as string, count: r.count }));
        const [reconciled] = d.send(
          ReconcileVenueBill({ loanId, slipTotal: bill, rentals }),
          spec("frontDesk"),
          s.playedMinutes,
        );
        expect(reconciled?.type === "VenueBillReconciled" && reconciled.data.breakdown).toEqual(
          expected,
        );
        const [settled] = settle();
        if (settled?.type !== "VenueUseSettled") throw new Error("not settled");
        const { deposit, fees, refunded, collected } = settled.data;
        expect(fees).toBe(bill);
        expect(refunded).toBe(Math.max(0, s.deposit - bill));
        expect(collected).toBe(Math.max(0, bill - s.deposit));
        expect(deposit + collected).toBe(fees + refunded);
        expect(Math.min(refunded, collected)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("property: G1 D7 any run of corrections keeps the settlement on record, and every amount balances", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60_000 }),
        fc.array(fc.integer({ min: 0, max: 80_000 }), { minLength: 1, maxLength: 5 }),
        async (deposit, corrections) => {
          const { ops, advance } = centre();
          await ops.execute(start({ deposit }), { actor: cashier });
          advance(50);
          await ops.execute(EndVenueSession({ loanId }), { actor: desk });
          await ops.execute(ReconcileVenueBill({ loanId, slipTotal: 8_000 }), { actor: desk });
          await ops.execute(SettleVenueUse({ loanId }), { actor: cashier });
          let fees = 8_000;
          let made = 0;
          for (const correctedFees of corrections) {
            const command = CorrectVenueSettlement({ loanId, correctedFees, reason: "recheck" });
            if (correctedFees === fees) {
              await expect(ops.execute(command, { actor: csManager })).rejects.toThrow(/^G1/);
              continue;
            }
            await ops.execute(command, { actor: csManager });
            fees = correctedFees;
            made += 1;
          }
          const [row, ...others] = await ops.read(depositLedger);
          expect(others).toEqual([]);
          expect(row?.fees).toBe(fees);
          expect(row?.corrections?.length ?? 0).toBe(made);
          expect(row && row.deposit + row.collected).toBe(row && row.fees + row.refunded);
          for (const c of row?.corrections ?? []) {
            const b = c.balance;
            expect(b.deposit + b.collected).toBe(b.fees + b.refunded);
            expect(c.refund - c.collect).toBe(c.feesBefore - c.feesAfter);
            expect(Math.min(c.refund, c.collect)).toBe(0);
          }
          const { state } = await ops.state(
            depositLoanAggregate,
            depositLoanStream(CENTRE, loanId),
          );
          expect(state.closing?.fees).toBe(8_000); // the settlement as it was, never overwritten
        },
      ),
      { numRuns: 25 },
    );
  });
});
