/**
 * The cash drawer: money in and out per business day of the site's zone and per payment method,
 * across tab settlements, deposits and counter sales, the figure the day close reconciles.
 */
import {
  type Actor,
  ChargeTab,
  CheckInMember,
  CountOpeningStock,
  cashDrawer,
  createServiceOps,
  LendUmbrella,
  ListItems,
  manualClock,
  OpenVenueUse,
  RegisterKeyTags,
  ReturnUmbrella,
  SellItems,
  SettleTab,
  VoidReceipt,
} from "svcops";
import { describe, expect, it } from "vitest";

const SITE = "club-1";
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const desk = person("desk-1", "frontDesk");
const lead = person("lead-1", "teamLead");
const cashier = person("cash-1", "cashier");
const bar = person("bar-1", "waterBar");

describe("Cash drawer", () => {
  it("D1 D3 V4 N2 N4 money in and out per business day and payment method", async () => {
    const clock = manualClock("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai
    const ops = createServiceOps({ site: { id: SITE }, clock });
    await ops.execute(RegisterKeyTags({ tags: ["1"] }), { actor: lead });
    await ops.execute(
      CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "1", gender: "male" }),
      { actor: desk },
    );
    await ops.execute(ChargeTab({ visitId: "v-1", amount: 1500, source: "waterBar" }), {
      actor: bar,
    });
    await ops.execute(SettleTab({ visitId: "v-1", amount: 1500, method: "wechat" }), {
      actor: desk,
    });
    await ops.execute(
      LendUmbrella({
        loanId: "u-1",
        customer: { name: "Li Na", phone: "13800000001" },
        umbrellaNumber: "U1",
        paymentMethod: "cash",
      }),
      { actor: desk },
    );
    await ops.execute(
      OpenVenueUse({
        loanId: "court-1",
        customer: { name: "Huang Wei", phone: "13900000009" },
        venue: "court 1",
        deposit: 20_000,
        paymentMethod: "card",
      }),
      { actor: cashier },
    );
    await ops.execute(ListItems({ location: "bar", items: [{ item: "water", kind: "goods" }] }), {
      actor: lead,
    });
    await ops.execute(
      CountOpeningStock({ location: "bar", counts: [{ item: "water", quantity: 10 }] }),
      {
        actor: bar,
      },
    );
    await ops.execute(
      SellItems({
        location: "bar",
        receiptNumber: 1,
        lines: [{ item: "water", quantity: 2, unitPrice: 300 }],
        payment: { method: "cash" },
      }),
      { actor: bar },
    );
    await ops.execute(VoidReceipt({ location: "bar", receiptNumber: 1, reason: "wrong item" }), {
      actor: bar,
    });
    // The umbrella comes back two days late, on Wednesday: ¥20.00 kept, ¥30.00 refunded.
    clock.set("2026-11-25T04:00:00Z");
    await ops.execute(
      ReturnUmbrella({
        loanId: "u-1",
        customerSignature: { staffId: "13800000001", role: "customer" },
      }),
      { actor: desk },
    );
    const drawer = await ops.read(cashDrawer(ops.site.calendar));
    const day = (d: string) => Object.fromEntries(drawer.days.get(d) ?? []);
    expect(day("2026-11-23")).toEqual({
      wechat: { in: 1500, out: 0 },
      cash: { in: 5000 + 600, out: 600 },
      card: { in: 20_000, out: 0 },
    });
    expect(day("2026-11-25")).toEqual({ cash: { in: 0, out: 3000 } });
    // One projection per calendar: read again, it goes on from where it was.
    expect(cashDrawer(ops.site.calendar)).toBe(cashDrawer(ops.site.calendar));
  });
});
