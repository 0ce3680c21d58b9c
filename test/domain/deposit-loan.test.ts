/**
 * DepositLoan: umbrellas lent against a cash deposit at the mall's service desk, and venue use
 * with equipment at the sports centre, settled against the deposit (docs/rules.md D1–D7).
 * Steps out of order are RuleViolations naming the rule; a role that may not take a step is
 * Unauthorized; both append nothing.
 */
import {
  AddVenueCharge,
  AgreementAccountCharged,
  agreementAccountDecider,
  ChargeToAgreementAccount,
  CheckBackEquipment,
  createMemoryStore,
  createServiceOps,
  DeclareUmbrellaLost,
  depositLedger,
  depositLoanDecider,
  EquipmentCheckedBack,
  LendUmbrella,
  manualClock,
  OpenAgreementAccount,
  OpenVenueUse,
  openLoans,
  RentEquipment,
  ReturnUmbrella,
  RuleViolation,
  replay,
  SettleVenueUse,
  UmbrellaDeclaredLost,
  UmbrellaReturned,
  Unauthorized,
  ValidationError,
  VenueUseSettled,
} from "svcops";
import { given, specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import {
  accountOpened,
  cashier,
  courtFee,
  customer,
  customerSignature,
  DAY_MS,
  dutyManager,
  frontDesk,
  HOUR,
  lent,
  opened,
  racketsRented,
  sign,
  teamLead,
  venueStaff,
  waterBar,
} from "./deposit-loan-fixtures.js";
import { later, NOW } from "./fixtures.js";

const lend = (paymentMethod: "cash" | "card" | "mobile" | "account" = "cash") =>
  LendUmbrella({ loanId: "u-1", customer, umbrellaNumber: "U-07", paymentMethod });
const giveBack = ReturnUmbrella({ loanId: "u-1", customerSignature });

/** What a return at `ms` after the loan records (decided on the spec context). */
function returnedAfter(ms: number) {
  const state = replay(depositLoanDecider, [lent()]);
  const context = specContext({ actor: frontDesk, now: later(ms) });
  const [event] = depositLoanDecider.decide(giveBack, state, context);
  return (event as UmbrellaReturned).data;
}

describe("DepositLoan", () => {
  it("D1 an umbrella is lent against the policy's cash deposit, and the loan is written down", () => {
    given(depositLoanDecider).when(lend(), { actor: frontDesk }).then([lent()]);
    given(depositLoanDecider)
      .when(lend(), { actor: frontDesk, site: { id: "mall-1", policy: { umbrellaDeposit: 8000 } } })
      .thenState((state) => {
        expect(state.deposit).toBe(8000);
        expect(state.status).toBe("open");
      });
  });

  it("D1 a card, mobile or account deposit for an umbrella is refused naming the rule", () => {
    for (const method of ["card", "mobile", "account"] as const) {
      given(depositLoanDecider).when(lend(method), { actor: frontDesk }).thenThrows("D1");
    }
  });

  it("D1 a loan is written down once", () => {
    given(depositLoanDecider, [lent()]).when(lend(), { actor: frontDesk }).thenThrows("D1");
  });

  it("D2 a return within the free 24 hours costs nothing, and each started day after it costs ¥10.00", () => {
    expect(returnedAfter(3 * HOUR)).toMatchObject({ lateDays: 0, fees: 0, refunded: 5000 });
    expect(returnedAfter(DAY_MS)).toMatchObject({ lateDays: 0, fees: 0, refunded: 5000 });
    expect(returnedAfter(DAY_MS + 1)).toMatchObject({ lateDays: 1, fees: 1000, refunded: 4000 });
    expect(returnedAfter(2 * DAY_MS)).toMatchObject({ lateDays: 1, fees: 1000 });
    expect(returnedAfter(2 * DAY_MS + 60_000)).toMatchObject({ lateDays: 2, fees: 2000 });
  });

  it("D3 on return the customer signs and gets the deposit back less the fee", () => {
    given(depositLoanDecider, [lent()])
      .when(giveBack, { actor: frontDesk, now: later(DAY_MS + HOUR) })
      .then([
        UmbrellaReturned({
          loanId: "u-1",
          returnedAt: later(DAY_MS + HOUR),
          lateDays: 1,
          deposit: 5000,
          fees: 1000,
          refunded: 4000,
          collected: 0,
          customerSignature: { ...customerSignature, at: later(DAY_MS + HOUR) },
          receivedBy: sign(frontDesk, later(DAY_MS + HOUR)),
        }),
      ]);
  });

  it("D3 a fee above the deposit keeps the deposit and collects the difference", () => {
    expect(returnedAfter(5 * DAY_MS + 1)).toMatchObject({ fees: 5000, refunded: 0, collected: 0 });
    expect(returnedAfter(7 * DAY_MS)).toMatchObject({
      lateDays: 6,
      deposit: 5000,
      fees: 6000,
      refunded: 0,
      collected: 1000,
    });
  });

  it("D3 only the customer who borrowed it signs for the return", () => {
    given(depositLoanDecider, [lent()])
      .when(
        ReturnUmbrella({ loanId: "u-1", customerSignature: { staffId: "139", role: "customer" } }),
        { actor: frontDesk },
      )
      .thenThrows("D3");
    given(depositLoanDecider).when(giveBack, { actor: frontDesk }).thenThrows("D3");
  });

  it("D3 an umbrella not back after umbrellaLostAfter (7 days) is declared lost: the deposit is kept", () => {
    const lose = DeclareUmbrellaLost({ loanId: "u-1", reason: "not back, customer unreachable" });
    given(depositLoanDecider, [lent()])
      .when(lose, { actor: teamLead, now: later(7 * DAY_MS - 1) })
      .thenThrows("D3");
    given(depositLoanDecider, [lent()])
      .when(lose, { actor: dutyManager, now: later(7 * DAY_MS) })
      .then([
        UmbrellaDeclaredLost({
          loanId: "u-1",
          reason: "not back, customer unreachable",
          declaredAt: later(7 * DAY_MS),
          deposit: 5000,
          fees: 5000,
          refunded: 0,
          collected: 0,
          by: sign(dutyManager, later(7 * DAY_MS)),
        }),
      ]);
  });

  it("D4 the venue deposit comes first; at checkout the bill is set against it and the surplus refunded", () => {
    given(depositLoanDecider)
      .when(
        OpenVenueUse({
          loanId: "g-1",
          customer,
          venue: "badminton court 3",
          deposit: 20000,
          paymentMethod: "card",
        }),
        { actor: cashier },
      )
      .then([opened()]);
    given(depositLoanDecider)
      .when(AddVenueCharge({ loanId: "g-1", description: "water", amount: 300 }), {
        actor: cashier,
      })
      .thenThrows("D4");
    given(depositLoanDecider, [opened(), courtFee()])
      .when(SettleVenueUse({ loanId: "g-1" }), { actor: cashier })
      .then([
        VenueUseSettled({
          loanId: "g-1",
          settledAt: NOW,
          deposit: 20000,
          fees: 8000,
          refunded: 12000,
          collected: 0,
          paymentMethod: "card",
          by: sign(cashier),
        }),
      ]);
  });

  it("D4 a bill above the deposit is settled by collecting the shortfall (多退少补)", () => {
    given(depositLoanDecider, [opened({ deposit: 5000 }), courtFee(8000)])
      .when(SettleVenueUse({ loanId: "g-1" }), { actor: cashier })
      .thenState((state) =>
        expect(state.closing).toEqual({
          deposit: 5000,
          fees: 8000,
          refunded: 0,
          collected: 3000,
          how: "settled",
        }),
      );
  });

  it("D5 an agreement account takes no deposit; only its authorised signers sign its charges", () => {
    const charge = (signerId: string) =>
      ChargeToAgreementAccount({
        accountId: "acc-1",
        signerId,
        description: "meeting room and drinks",
        amount: 60000,
      });
    given(agreementAccountDecider)
      .when(
        OpenAgreementAccount({
          accountId: "acc-1",
          company: "Huaxin Conference Group",
          signers: [{ signerId: "ID-1101", name: "Zhao Min" }],
        }),
        { actor: cashier },
      )
      .then([accountOpened]);
    given(agreementAccountDecider, [accountOpened])
      .when(charge("ID-1101"), { actor: cashier })
      .then([
        AgreementAccountCharged({
          accountId: "acc-1",
          description: "meeting room and drinks",
          amount: 60000,
          balance: 60000,
          signer: { signerId: "ID-1101", name: "Zhao Min" },
          by: sign(cashier),
        }),
      ]);
    given(agreementAccountDecider, [accountOpened])
      .when(charge("ID-9999"), { actor: cashier })
      .thenThrows("D5");
    given(agreementAccountDecider).when(charge("ID-1101"), { actor: cashier }).thenThrows("D5");
  });

  it("D6 rented equipment is checked back before the bill is settled; missing and damaged items are charged", () => {
    const history = [opened(), courtFee(), racketsRented];
    given(depositLoanDecider, history)
      .when(SettleVenueUse({ loanId: "g-1" }), { actor: cashier })
      .thenThrows("D6");
    const checkBack = CheckBackEquipment({
      loanId: "g-1",
      item: "racket",
      returned: 2,
      damaged: 1,
      charge: 5000,
    });
    const checkedBack = EquipmentCheckedBack({
      loanId: "g-1",
      item: "racket",
      rented: 2,
      returned: 2,
      damaged: 1,
      missing: 0,
      charge: 5000,
      by: sign(venueStaff),
    });
    given(depositLoanDecider, history).when(checkBack, { actor: venueStaff }).then([checkedBack]);
    given(depositLoanDecider, [...history, checkedBack])
      .when(SettleVenueUse({ loanId: "g-1" }), { actor: cashier })
      .thenState((state) =>
        expect(state.closing).toMatchObject({ fees: 15000, refunded: 5000, collected: 0 }),
      );
  });

  it("D6 a damaged or missing item must be charged, and an intact return is not", () => {
    const history = [opened(), racketsRented];
    const back = (returned: number, damaged: number, charge: number) =>
      CheckBackEquipment({ loanId: "g-1", item: "racket", returned, damaged, charge });
    given(depositLoanDecider, history)
      .when(back(1, 0, 0), { actor: venueStaff })
      .thenThrows("D6");
    given(depositLoanDecider, history)
      .when(back(2, 0, 500), { actor: venueStaff })
      .thenThrows("D6");
    given(depositLoanDecider, history)
      .when(back(3, 0, 0), { actor: venueStaff })
      .thenThrows("D6");
    given(depositLoanDecider, [opened()])
      .when(back(0, 0, 0), { actor: venueStaff })
      .thenThrows("D6");
  });

  it("D7 a loan closes once: a second return, loss or settlement is refused", () => {
    const returned = depositLoanDecider.decide(
      giveBack,
      replay(depositLoanDecider, [lent()]),
      specContext({ actor: frontDesk }),
    );
    given(depositLoanDecider, [lent(), ...returned])
      .when(giveBack, { actor: frontDesk })
      .thenThrows("D7");
    given(depositLoanDecider, [lent(), ...returned])
      .when(DeclareUmbrellaLost({ loanId: "u-1", reason: "x" }), {
        actor: dutyManager,
        now: later(30 * DAY_MS),
      })
      .thenThrows("D7");
    const settled = VenueUseSettled({
      loanId: "g-1",
      settledAt: NOW,
      deposit: 20000,
      fees: 0,
      refunded: 20000,
      collected: 0,
      paymentMethod: "card",
      by: sign(cashier),
    });
    given(depositLoanDecider, [opened(), settled])
      .when(SettleVenueUse({ loanId: "g-1" }), { actor: cashier })
      .thenThrows("D7");
    given(depositLoanDecider, [opened(), settled])
      .when(AddVenueCharge({ loanId: "g-1", description: "late drink", amount: 300 }), {
        actor: cashier,
      })
      .thenThrows("D7");
  });

  it("D7 every closed loan balances: deposit + collected = fees + refunded", () => {
    for (const ms of [HOUR, DAY_MS + 1, 5 * DAY_MS + 1, 9 * DAY_MS]) {
      const r = returnedAfter(ms);
      expect(r.deposit + r.collected).toBe(r.fees + r.refunded);
      expect(Math.min(r.deposit, r.fees, r.refunded, r.collected)).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("DepositLoan through the façade", () => {
  const SITE = "mall-1";
  const at = (actor: { id: string; role: string }) =>
    ({ ...actor, sites: [SITE] }) as typeof frontDesk;
  function open() {
    const store = createMemoryStore();
    const clock = manualClock(NOW);
    const ops = createServiceOps({ site: { id: SITE }, store, clock });
    return { ops, store, clock };
  }

  it("D1 roles: the water bar may not lend an umbrella, a front-desk clerk may not open a venue use, and nothing is appended", async () => {
    const { ops, store } = open();
    await expect(ops.execute(lend(), { actor: at(waterBar) })).rejects.toBeInstanceOf(Unauthorized);
    await expect(
      ops.execute(
        OpenVenueUse({
          loanId: "g-1",
          customer,
          venue: "court",
          deposit: 100,
          paymentMethod: "cash",
        }),
        { actor: at(frontDesk) },
      ),
    ).rejects.toBeInstanceOf(Unauthorized);
    expect(store.size).toBe(0);
  });

  it("D6 only venue staff check equipment back: a cashier is Unauthorized naming D6", async () => {
    const { ops, store } = open();
    await ops.execute(
      OpenVenueUse({
        loanId: "g-1",
        customer,
        venue: "court",
        deposit: 100,
        paymentMethod: "cash",
      }),
      { actor: at(cashier) },
    );
    const before = store.size;
    await expect(
      ops.execute(CheckBackEquipment({ loanId: "g-1", item: "ball", returned: 0 }), {
        actor: at(cashier),
      }),
    ).rejects.toMatchObject({ code: "unauthorized", rule: "D6" });
    expect(store.size).toBe(before);
  });

  it("D1 a card deposit for an umbrella is a RuleViolation naming D1, and appends nothing", async () => {
    const { ops, store } = open();
    const error = await ops.execute(lend("card"), { actor: at(frontDesk) }).catch((e) => e);
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error.rule).toBe("D1");
    expect(store.size).toBe(0);
  });

  it("D7 a negative or fractional amount is a ValidationError naming the field", () => {
    for (const deposit of [-100, 12.5]) {
      let error: unknown;
      try {
        OpenVenueUse({ loanId: "g-1", customer, venue: "court", deposit, paymentMethod: "cash" });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(["data.deposit"]);
    }
    expect(() => AddVenueCharge({ loanId: "g-1", description: "drink", amount: 0.5 })).toThrowError(
      /data\.amount/,
    );
  });

  it("D4 a day at the sports centre: deposit, charges, equipment, settlement, then the lists", async () => {
    const { ops, clock } = open();
    await ops.execute(lend(), { actor: at(frontDesk) });
    await ops.execute(
      OpenVenueUse({
        loanId: "g-1",
        customer,
        venue: "court 3",
        deposit: 10000,
        paymentMethod: "mobile",
      }),
      { actor: at(cashier) },
    );
    await ops.execute(AddVenueCharge({ loanId: "g-1", description: "court", amount: 8000 }), {
      actor: at(cashier),
    });
    await ops.execute(RentEquipment({ loanId: "g-1", item: "racket", count: 2, unitPrice: 1000 }), {
      actor: at(venueStaff),
    });
    let open1 = await ops.read(openLoans);
    expect([...open1.keys()].sort()).toEqual(["g-1", "u-1"]);
    expect(open1.get("u-1")).toMatchObject({ deposit: 5000, feeStartsAt: later(DAY_MS) });
    expect(open1.get("g-1")).toMatchObject({
      deposit: 10000,
      bill: 10000,
      equipmentOut: ["racket"],
    });
    await ops.execute(CheckBackEquipment({ loanId: "g-1", item: "racket", returned: 2 }), {
      actor: at(venueStaff),
    });
    clock.advance(2 * HOUR);
    await ops.execute(SettleVenueUse({ loanId: "g-1" }), { actor: at(cashier) });
    open1 = await ops.read(openLoans);
    expect([...open1.keys()]).toEqual(["u-1"]);
    const ledger = await ops.read(depositLedger);
    expect(ledger).toEqual([
      {
        loanId: "g-1",
        kind: "venue",
        how: "settled",
        closedAt: later(2 * HOUR),
        deposit: 10000,
        fees: 10000,
        refunded: 0,
        collected: 0,
      },
    ]);
  });
});
