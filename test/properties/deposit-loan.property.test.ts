/**
 * Properties of DepositLoan: the umbrella fee as a function of the return time (D2), and D7's
 * balance under any sequence of lends, returns, losses, venue charges, rentals, check-backs and
 * settlements over a few loans, decided at random times, refusals included.
 */
import fc from "fast-check";
import {
  type Actor,
  AddVenueCharge,
  CheckBackEquipment,
  createCalendar,
  createMemoryStore,
  createPolicy,
  createServiceOps,
  DeclareUmbrellaLost,
  type DepositLoanCommand,
  type DepositLoanEvent,
  type DepositLoanState,
  depositLedger,
  depositLoanAggregate,
  depositLoanDecider,
  depositLoanStream,
  LendUmbrella,
  MAX_FEN,
  manualClock,
  OpenVenueUse,
  RentEquipment,
  ReturnUmbrella,
  SettleVenueUse,
  type ShippedCommand,
  SvcOpsError,
  umbrellaFee,
} from "svcops";
import { specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import {
  cashier,
  customer,
  customerSignature,
  frontDesk,
  HOUR,
} from "../domain/deposit-loan-fixtures.js";
import { NOW } from "../domain/fixtures.js";

const DAY = 24 * HOUR;
const RUNS = { numRuns: 200 } as const;
const calendar = createCalendar();
const lentAt = new Date(NOW);

describe("DepositLoan properties", () => {
  it("property: D2 the fee is zero up to the free period and never falls as the return comes later", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * DAY }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 60 * DAY }),
        fc.integer({ min: 0, max: 60 * DAY }),
        (freeLoanPeriod, lateFeePerDay, a, b) => {
          const policy = createPolicy({ freeLoanPeriod, lateFeePerDay });
          const fee = (ms: number) =>
            umbrellaFee(lentAt, new Date(lentAt.getTime() + ms), policy, calendar).fee;
          const [early, late] = a <= b ? [a, b] : [b, a];
          expect(fee(early)).toBeLessThanOrEqual(fee(late));
          if (early <= freeLoanPeriod) expect(fee(early)).toBe(0);
          if (late > freeLoanPeriod) expect(fee(late)).toBeGreaterThanOrEqual(lateFeePerDay);
          expect(fee(late) % Math.max(1, lateFeePerDay)).toBe(0);
        },
      ),
      RUNS,
    );
  });

  type Step =
    | { kind: "lend"; cash: boolean }
    | { kind: "return" }
    | { kind: "lose" }
    | { kind: "open"; deposit: number }
    | { kind: "charge"; amount: number }
    | { kind: "rent"; count: number; unitPrice: number }
    | { kind: "checkBack"; returned: number; damaged: number; charge: number; fair: boolean }
    | { kind: "settle" };
  type Sent = Step & { loan: number; waitMs: number };
  const LOANS = ["l-1", "l-2", "l-3"] as const;
  const money = fc.integer({ min: 0, max: 50_000 });
  const step: fc.Arbitrary<Sent> = fc
    .tuple(
      /** Weighted so that a venue's rent → check back → settle chain is common (D6 runs often). */
      fc.oneof(
        fc.record({ kind: fc.constant("lend" as const), cash: fc.boolean() }),
        fc.constant({ kind: "return" as const }),
        fc.constant({ kind: "lose" as const }),
        fc.record({ kind: fc.constant("open" as const), deposit: money.map((n) => n + 1) }),
        fc.record({ kind: fc.constant("charge" as const), amount: money.map((n) => n + 1) }),
        {
          weight: 3,
          arbitrary: fc.record({
            kind: fc.constant("rent" as const),
            count: fc.integer({ min: 1, max: 4 }),
            unitPrice: money,
          }),
        },
        {
          weight: 4,
          arbitrary: fc.record({
            kind: fc.constant("checkBack" as const),
            returned: fc.integer({ min: 0, max: 4 }),
            damaged: fc.integer({ min: 0, max: 2 }),
            charge: fc.constantFrom(0, 500, 3000),
            /** Counts and charge made consistent with what is out (else taken as drawn). */
            fair: fc.boolean(),
          }),
        },
        fc.constant({ kind: "settle" as const }),
      ),
      fc.integer({ min: 0, max: LOANS.length - 1 }),
      fc.integer({ min: 0, max: 3 * DAY }),
    )
    .map(([s, loan, waitMs]) => ({ ...s, loan, waitMs }));

  /** The command a step stands for, and who sends it, given the state of its loan. */
  function commandOf(
    s: Sent,
    state: DepositLoanState,
  ): { command: DepositLoanCommand; actor: Actor } {
    const loanId = LOANS[s.loan] ?? "l-1";
    const venueStaff: Actor = { ...cashier, role: "venueStaff" };
    const manager: Actor = { ...frontDesk, role: "dutyManager" };
    switch (s.kind) {
      case "lend": {
        const paymentMethod = s.cash ? "cash" : "card";
        const command = LendUmbrella({ loanId, customer, umbrellaNumber: "U-1", paymentMethod });
        return { command, actor: frontDesk };
      }
      case "return":
        return { command: ReturnUmbrella({ loanId, customerSignature }), actor: frontDesk };
      case "lose":
        return { command: DeclareUmbrellaLost({ loanId, reason: "gone" }), actor: manager };
      case "open": {
        const { deposit } = s;
        const data = { loanId, customer, venue: "court", deposit, paymentMethod: "cash" as const };
        return { command: OpenVenueUse(data), actor: cashier };
      }
      case "charge": {
        const data = { loanId, description: "drinks", amount: s.amount };
        return { command: AddVenueCharge(data), actor: cashier };
      }
      case "rent": {
        const data = { loanId, item: "racket", count: s.count, unitPrice: s.unitPrice };
        return { command: RentEquipment(data), actor: venueStaff };
      }
      case "checkBack": {
        const out = state.equipment.racket?.count ?? 0;
        const returned = s.fair ? Math.min(s.returned, out) : s.returned;
        const damaged = s.fair ? Math.min(s.damaged, returned) : s.damaged;
        const charge = s.fair ? (returned < out || damaged > 0 ? s.charge || 500 : 0) : s.charge;
        const data = { loanId, item: "racket", returned, damaged, charge };
        return { command: CheckBackEquipment(data), actor: venueStaff };
      }
      case "settle":
        return { command: SettleVenueUse({ loanId }), actor: cashier };
    }
  }

  /** Runs the steps on the decider; refusals are part of the sequence. */
  function run(steps: readonly Sent[]) {
    const states = new Map<string, DepositLoanState>();
    const events: DepositLoanEvent[] = [];
    let now = lentAt.getTime();
    for (const s of steps) {
      now += s.waitMs;
      const loanId = LOANS[s.loan] ?? "l-1";
      const before = states.get(loanId) ?? depositLoanDecider.initialState;
      const { command, actor } = commandOf(s, before);
      try {
        const decided = depositLoanDecider.decide(
          command,
          before,
          specContext({ actor, now: new Date(now) }),
        );
        events.push(...decided);
        states.set(loanId, decided.reduce(depositLoanDecider.evolve, before));
      } catch (error) {
        if (!(error instanceof SvcOpsError)) throw error;
      }
    }
    return { states, events };
  }

  it("property: D7 any sequence closes each loan at most once, never negative, and every close balances", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40, size: "max" }), (steps) => {
        const { states, events } = run(steps);
        const closings = events.filter(
          (e) =>
            e.type === "UmbrellaReturned" ||
            e.type === "UmbrellaDeclaredLost" ||
            e.type === "VenueUseSettled",
        );
        const closedIds = closings.map((e) => e.data.loanId);
        expect(new Set(closedIds).size).toBe(closedIds.length);
        for (const e of closings) {
          const { deposit, fees, refunded, collected } = e.data;
          expect(deposit + collected).toBe(fees + refunded);
          expect(Math.min(refunded, collected)).toBe(0);
          for (const amount of [deposit, fees, refunded, collected]) {
            expect(Number.isSafeInteger(amount) && amount >= 0 && amount <= MAX_FEN).toBe(true);
          }
        }
        for (const [loanId, state] of states) {
          expect(state.status === "closed").toBe(closedIds.includes(loanId));
          if (state.kind === "umbrella") expect(state.paymentMethod).toBe("cash");
          if (state.kind === "venue" && state.closing) expect(state.closing.fees).toBe(state.bill);
        }
      }),
      RUNS,
    );
  });

  it("the sequences reach every way a loan closes, and D6 check-backs", () => {
    const seen = new Map<string, number>();
    for (const steps of fc.sample(
      fc.array(step, { minLength: 1, maxLength: 40, size: "max" }),
      500,
    )) {
      for (const e of run(steps).events) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
    }
    for (const type of [
      "UmbrellaReturned",
      "UmbrellaDeclaredLost",
      "VenueUseSettled",
      "EquipmentCheckedBack",
    ]) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(0);
    }
  });

  it("property: D7 through the façade, every row of the deposit ledger balances", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25, size: "max" }),
        async (steps) => {
          const clock = manualClock(NOW);
          const store = createMemoryStore();
          const ops = createServiceOps({ site: { id: "mall-1" }, store, clock });
          for (const s of steps) {
            clock.advance(s.waitMs);
            const loanId = LOANS[s.loan] ?? "l-1";
            const { state } = await ops.state(
              depositLoanAggregate,
              depositLoanStream("mall-1", loanId),
            );
            const { command, actor } = commandOf(s, state);
            await ops
              .execute(command as ShippedCommand, { actor: { ...actor, sites: ["mall-1"] } })
              .catch((error) => {
                if (!(error instanceof SvcOpsError)) throw error;
              });
          }
          const ledger = await ops.read(depositLedger);
          expect(new Set(ledger.map((r) => r.loanId)).size).toBe(ledger.length);
          for (const row of ledger)
            expect(row.deposit + row.collected).toBe(row.fees + row.refunded);
        },
      ),
      { numRuns: 40 },
    );
  });
});
