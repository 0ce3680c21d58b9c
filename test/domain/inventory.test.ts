/**
 * Inventory: a stock location's business day, from the opening count to the closing count
 * (docs/rules.md N1–N8). Steps out of order are RuleViolations naming the rule; a role that may
 * not take a step is Unauthorized; both append nothing.
 */
import {
  ChargeKeyTagHolder,
  CheckInMember,
  CheckOutMember,
  ClosingStockCounted,
  CorrectReceipt,
  CountClosingStock,
  CountOpeningStock,
  IssuePromotionGift,
  ItemsSold,
  inventoryAggregate,
  inventoryDecider,
  inventoryStream,
  ListItems,
  OpeningDifferencesReported,
  PackagingSaleRegistered,
  PromotionGiftIssued,
  purchaseRequest,
  RECEIPT_PAGE,
  RECEIPT_SHELF,
  ReceiptCorrected,
  ReceiptVoided,
  ReceiveStock,
  receiptAt,
  SellItems,
  type ServiceOps,
  SettleTab,
  StockDiscrepancyReported,
  StockReceived,
  StockWrittenOff,
  stockDayKey,
  stockPeriod,
  stockReport,
  Unauthorized,
  VoidLiabilityRecorded,
  VoidReceipt,
  visitAggregate,
  WriteOffStock,
} from "svcops";
import { given } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { DAY, desk, lead, NOW, openDesk, SITE, waterBar } from "./fixtures.js";
import {
  bar,
  closed,
  deskClerk,
  LOCATION,
  listed,
  openDay,
  opened,
  sign,
  sold,
  teamLead,
  YESTERDAY,
} from "./inventory-fixtures.js";

const water = (quantity: number, unitPrice = 300) => ({ item: "water", quantity, unitPrice });
const sell = (receiptNumber: number, quantity = 1) =>
  SellItems({
    location: LOCATION,
    receiptNumber,
    lines: [water(quantity)],
    payment: { method: "cash" },
  });
const TOMORROW_NOW = "2026-11-23T02:00:00.000Z";

describe("Inventory", () => {
  describe("N1 opening count and deliveries", () => {
    it("N1 the opening count is compared with the last closing count and every gap reported", () => {
      given(inventoryDecider, [listed, opened({ water: 10 }, YESTERDAY), closed({ water: 10 })])
        .when(
          CountOpeningStock({
            location: LOCATION,
            counts: [
              { item: "water", quantity: 9 },
              { item: "mug", quantity: 2 },
            ],
          }),
          { actor: bar },
        )
        .then([
          opened({ mug: 2, water: 9 }),
          OpeningDifferencesReported({
            location: LOCATION,
            businessDay: DAY,
            differences: [
              { item: "mug", expected: 0, counted: 2, difference: 2 },
              { item: "water", expected: 10, counted: 9, difference: -1 },
            ],
          }),
        ]);
    });

    it("N1 an opening count that matches the last close reports nothing; the first count is the baseline", () => {
      given(inventoryDecider, [listed, opened({ water: 10 }, YESTERDAY), closed({ water: 10 })])
        .when(
          CountOpeningStock({ location: LOCATION, counts: [{ item: "water", quantity: 10 }] }),
          {
            actor: bar,
          },
        )
        .then([opened({ water: 10 })]);
      given(inventoryDecider)
        .when(CountOpeningStock({ location: LOCATION, counts: [{ item: "water", quantity: 7 }] }), {
          actor: bar,
        })
        .then([opened({ water: 7 })]);
    });

    it("N1 the day is counted once, and nothing moves before the opening count", () => {
      const count = CountOpeningStock({ location: LOCATION, counts: [] });
      given(inventoryDecider, openDay()).when(count, { actor: bar }).thenThrows("N1");
      const history = [listed, opened({ water: 10 }, YESTERDAY), closed({ water: 10 })];
      const receive = ReceiveStock({
        location: LOCATION,
        lines: [{ item: "water", quantity: 24 }],
      });
      given(inventoryDecider, history).when(receive, { actor: bar }).thenThrows("N1");
      given(inventoryDecider, history).when(sell(1), { actor: bar }).thenThrows("N1");
    });

    it("N1 a delivery taken in after the count adds to the stock", () => {
      given(inventoryDecider, openDay())
        .when(
          ReceiveStock({
            location: LOCATION,
            deliveryNote: "DN-7",
            lines: [{ item: "water", quantity: 24 }],
          }),
          { actor: bar },
        )
        .then([
          StockReceived({
            location: LOCATION,
            businessDay: DAY,
            lines: [{ item: "water", quantity: 24 }],
            deliveryNote: "DN-7",
            receivedBy: sign(bar),
          }),
        ]);
    });
  });

  describe("N2 numbered receipts", () => {
    it("N2 a sale goes on the next numbered receipt", () => {
      given(inventoryDecider, openDay())
        .when(sell(1, 2), { actor: bar })
        .then([sold(1, 2)]);
      given(inventoryDecider, [...openDay(), sold(1)])
        .when(sell(2), { actor: bar })
        .then([sold(2)]);
    });

    it("N2 a receipt number is not reused and leaves no gap", () => {
      given(inventoryDecider, [...openDay(), sold(1)])
        .when(sell(1), { actor: bar })
        .thenThrows("N2");
      given(inventoryDecider, [...openDay(), sold(1)])
        .when(sell(3), { actor: bar })
        .thenThrows("N2");
    });

    it("N2 receipt numbers start again at 1 each business day", () => {
      const yesterdaysClose = ClosingStockCounted({
        location: LOCATION,
        businessDay: DAY,
        counts: [{ item: "water", quantity: 9 }],
        expected: [{ item: "water", quantity: 9 }],
        countedBy: sign(bar),
      });
      given(inventoryDecider, [...openDay({ water: 10 }), sold(1), yesterdaysClose], {
        now: TOMORROW_NOW,
      })
        .when(CountOpeningStock({ location: LOCATION, counts: [{ item: "water", quantity: 9 }] }), {
          actor: bar,
        })
        .thenState((state) => {
          expect(state.day).toEqual({
            businessDay: "2026-11-23",
            status: "open",
            receiptCount: 0,
            receiptShelves: [],
            receiptTail: [],
          });
        });
    });
    it("N2 N4 a busy day's receipts past the first few hundred are numbered, found and voided alike", () => {
      // The state keeps receipts on pages (RECEIPT_PAGE each) on shelves (RECEIPT_SHELF pages
      // each): the day's 1,500 receipts fill one shelf and part of a second.
      const FIRST_ON_SECOND_SHELF = RECEIPT_PAGE * RECEIPT_SHELF + 1;
      const day = [
        ...openDay({ water: 2000 }),
        ...Array.from({ length: 1500 }, (_, i) => sold(i + 1)),
      ];
      given(inventoryDecider, day).when(sell(1500), { actor: bar }).thenThrows("N2");
      given(inventoryDecider, day).when(sell(1502), { actor: bar }).thenThrows("N2");
      given(inventoryDecider, day)
        .when(sell(1501), { actor: bar })
        .thenState((state) => expect(state.day?.receiptCount).toBe(1501));
      given(inventoryDecider, day)
        .when(
          VoidReceipt({
            location: LOCATION,
            receiptNumber: FIRST_ON_SECOND_SHELF,
            reason: "rang up twice",
            supervisorSignature: { staffId: "lead-1", role: "teamLead" },
          }),
          { actor: bar },
        )
        .thenState((state) => {
          expect(state.stock.water).toBe(2000 - 1500 + 1);
          expect(state.day && receiptAt(state.day, FIRST_ON_SECOND_SHELF)?.voided).toBe(true);
          expect(state.day && receiptAt(state.day, FIRST_ON_SECOND_SHELF - 1)?.voided).toBe(false);
        });
    });
  });

  it("N2 N4 every receipt is found by its number, on a full page or in the page being filled, and a void at the edge of a page touches that receipt only", () => {
    // Two full pages (RECEIPT_PAGE each) and six receipts on the third, unfinished.
    const count = 2 * RECEIPT_PAGE + 6;
    const day = [
      ...openDay({ water: 500 }),
      ...Array.from({ length: count }, (_, i) => sold(i + 1, (i % 3) + 1)),
    ];
    given(inventoryDecider, day)
      .when(sell(count + 1), { actor: bar })
      .thenState((state) => {
        const found = Array.from({ length: count + 1 }, (_, i) =>
          state.day ? receiptAt(state.day, i + 1)?.lines[0]?.quantity : undefined,
        );
        expect(found).toEqual([...Array.from({ length: count }, (_, i) => (i % 3) + 1), 1]);
        expect(state.day && receiptAt(state.day, count + 2)).toBeUndefined();
      });
    for (const receiptNumber of [RECEIPT_PAGE, RECEIPT_PAGE + 1, 2 * RECEIPT_PAGE, count]) {
      given(inventoryDecider, day)
        .when(
          VoidReceipt({
            location: LOCATION,
            receiptNumber,
            reason: "rang up twice",
            supervisorSignature: { staffId: "lead-1", role: "teamLead" },
          }),
          { actor: bar },
        )
        .thenState((state) => {
          const voided = Array.from({ length: count }, (_, i) =>
            state.day ? receiptAt(state.day, i + 1)?.voided : undefined,
          );
          expect(voided.flatMap((v, i) => (v ? [i + 1] : []))).toEqual([receiptNumber]);
          const back = ((receiptNumber - 1) % 3) + 1;
          const out = Array.from({ length: count }, (_, i) => (i % 3) + 1).reduce((a, b) => a + b);
          expect(state.stock.water).toBe(500 - out + back);
        });
    }
  });

  describe("N3 corrections", () => {
    it("N3 a receipt is corrected only with the member's signature on the spot", () => {
      const correction = { location: LOCATION, receiptNumber: 1, lines: [water(2)] };
      given(inventoryDecider, [...openDay(), sold(1)])
        .when(CorrectReceipt(correction), { actor: bar })
        .thenThrows("N3");
      const member = { staffId: "M-1", role: "member" };
      given(inventoryDecider, [...openDay(), sold(1)])
        .when(CorrectReceipt({ ...correction, memberSignature: member }), { actor: bar })
        .then([
          ReceiptCorrected({
            location: LOCATION,
            businessDay: DAY,
            receiptNumber: 1,
            lines: [water(2)],
            total: 600,
            previousLines: [water(1)],
            previousTotal: 300,
            payment: { method: "cash" },
            memberSignature: { ...member, at: NOW },
            correctedBy: sign(bar),
          }),
        ]);
    });

    it("N3 only a receipt of today that exists can be corrected", () => {
      given(inventoryDecider, openDay())
        .when(
          CorrectReceipt({
            location: LOCATION,
            receiptNumber: 1,
            lines: [water(1)],
            memberSignature: { staffId: "M-1", role: "member" },
          }),
          { actor: bar },
        )
        .thenThrows("N2");
    });
  });

  describe("N4 voids", () => {
    const voidIt = (supervisorSignature?: { staffId: string; role: string }) =>
      VoidReceipt({
        location: LOCATION,
        receiptNumber: 1,
        reason: "rang up twice",
        ...(supervisorSignature ? { supervisorSignature } : {}),
      });
    const voided = (withSignature: boolean) =>
      ReceiptVoided({
        location: LOCATION,
        businessDay: DAY,
        receiptNumber: 1,
        lines: [water(2)],
        total: 600,
        reason: "rang up twice",
        payment: { method: "cash" },
        voidedBy: sign(bar),
        ...(withSignature ? { supervisorSignature: sign(teamLead) } : {}),
      });

    it("N4 a void signed by a team lead or the CS manager puts the goods back", () => {
      given(inventoryDecider, [...openDay(), sold(1, 2)])
        .when(voidIt({ staffId: "lead-1", role: "teamLead" }), { actor: bar })
        .then([voided(true)]);
      given(inventoryDecider, [...openDay(), sold(1, 2)])
        .when(voidIt({ staffId: "cs-1", role: "csManager" }), { actor: bar })
        .thenState((state) => expect(state.stock.water).toBe(10));
    });

    it("N4 a void without a supervisor's signature is the voider's liability for the original price", () => {
      given(inventoryDecider, [...openDay(), sold(1, 2)])
        .when(voidIt(), { actor: bar })
        .then([
          voided(false),
          VoidLiabilityRecorded({
            location: LOCATION,
            businessDay: DAY,
            receiptNumber: 1,
            staffId: "bar-1",
            amount: 600,
          }),
        ]);
    });

    it("N4 a void signed by someone who may not sign one is refused, and a receipt is voided once", () => {
      given(inventoryDecider, [...openDay(), sold(1, 2)])
        .when(voidIt({ staffId: "desk-1", role: "frontDesk" }), { actor: bar })
        .thenThrows("N4");
      given(inventoryDecider, [...openDay(), sold(1, 2), voided(true)])
        .when(voidIt({ staffId: "lead-1", role: "teamLead" }), { actor: bar })
        .thenThrows("N4");
    });
  });

  describe("N5 closing count", () => {
    it("N5 a count that matches opening + received − sold − issued − written off closes the day quietly", () => {
      given(inventoryDecider, [...openDay({ water: 10 }), sold(1, 3)])
        .when(CountClosingStock({ location: LOCATION, counts: [{ item: "water", quantity: 7 }] }), {
          actor: bar,
        })
        .then([
          ClosingStockCounted({
            location: LOCATION,
            businessDay: DAY,
            counts: [{ item: "water", quantity: 7 }],
            expected: [{ item: "water", quantity: 7 }],
            countedBy: sign(bar),
          }),
        ]);
    });

    it("N5 any difference is an annotated discrepancy reported to the CS manager", () => {
      const history = [...openDay({ water: 10 }), sold(1, 3)];
      given(inventoryDecider, history)
        .when(CountClosingStock({ location: LOCATION, counts: [{ item: "water", quantity: 6 }] }), {
          actor: bar,
        })
        .thenThrows("N5");
      given(inventoryDecider, history)
        .when(
          CountClosingStock({
            location: LOCATION,
            counts: [{ item: "water", quantity: 6, note: "one bottle broken, not written off" }],
          }),
          { actor: bar },
        )
        .then([
          ClosingStockCounted({
            location: LOCATION,
            businessDay: DAY,
            counts: [{ item: "water", quantity: 6 }],
            expected: [{ item: "water", quantity: 7 }],
            countedBy: sign(bar),
          }),
          StockDiscrepancyReported({
            location: LOCATION,
            businessDay: DAY,
            discrepancies: [
              {
                item: "water",
                expected: 7,
                counted: 6,
                difference: -1,
                note: "one bottle broken, not written off",
              },
            ],
            reportedTo: "csManager",
          }),
        ]);
    });

    it("N5 after the closing count nothing more is sold that day", () => {
      const closedToday = ClosingStockCounted({
        location: LOCATION,
        businessDay: DAY,
        counts: [{ item: "water", quantity: 10 }],
        expected: [{ item: "water", quantity: 10 }],
        countedBy: sign(bar),
      });
      given(inventoryDecider, [...openDay({ water: 10 }), closedToday])
        .when(sell(1), { actor: bar })
        .thenThrows("N5");
      given(inventoryDecider, [...openDay({ water: 10 }), closedToday])
        .when(CountOpeningStock({ location: LOCATION, counts: [] }), { actor: bar })
        .thenThrows("N5");
    });
  });

  describe("N6 stock never goes negative", () => {
    it("N6 a sale, a gift, a write-off or a correction beyond stock is refused", () => {
      const history = openDay({ water: 2, mug: 1 });
      given(inventoryDecider, history).when(sell(1, 3), { actor: bar }).thenThrows("N6");
      given(inventoryDecider, history)
        .when(
          IssuePromotionGift({ location: LOCATION, item: "mug", quantity: 2, register: "P-1" }),
          { actor: bar },
        )
        .thenThrows("N6");
      given(inventoryDecider, history)
        .when(
          WriteOffStock({ location: LOCATION, item: "water", quantity: 3, reason: "expired" }),
          {
            actor: teamLead,
          },
        )
        .thenThrows("N6");
      given(inventoryDecider, [...history, sold(1, 2)])
        .when(
          CorrectReceipt({
            location: LOCATION,
            receiptNumber: 1,
            lines: [water(3)],
            memberSignature: { staffId: "M-1", role: "member" },
          }),
          { actor: bar },
        )
        .thenThrows("N6");
    });

    it("N6 selling the last one is fine; two lines of one item count together", () => {
      given(inventoryDecider, openDay({ water: 2 }))
        .when(
          SellItems({
            location: LOCATION,
            receiptNumber: 1,
            lines: [water(1), water(2, 250)],
            payment: { method: "wechat" },
          }),
          { actor: bar },
        )
        .thenThrows("N6");
      given(inventoryDecider, openDay({ water: 2 }))
        .when(sell(1, 2), { actor: bar })
        .thenState((state) => expect(state.stock.water).toBe(0));
    });

    it("N6 a write-off within stock is recorded", () => {
      given(inventoryDecider, openDay({ water: 2 }))
        .when(WriteOffStock({ location: LOCATION, item: "water", quantity: 1, reason: "broken" }), {
          actor: teamLead,
        })
        .then([
          StockWrittenOff({
            location: LOCATION,
            businessDay: DAY,
            item: "water",
            quantity: 1,
            reason: "broken",
            writtenOffBy: sign(teamLead),
          }),
        ]);
    });
  });

  describe("N7 gift bags, boxes and promotion gifts", () => {
    const bag = (unitPrice: number) =>
      SellItems({
        location: LOCATION,
        receiptNumber: 1,
        lines: [{ item: "gift-bag", quantity: 2, unitPrice }],
        payment: { method: "cash" },
      });

    it("N7 a gift bag sells at its marked price, on a receipt and in the packaging register", () => {
      given(inventoryDecider, openDay()).when(bag(450), { actor: deskClerk }).thenThrows("N7");
      const lines = [{ item: "gift-bag", quantity: 2, unitPrice: 500 }];
      given(inventoryDecider, openDay())
        .when(bag(500), { actor: deskClerk })
        .then([
          ItemsSold({
            location: LOCATION,
            businessDay: DAY,
            receiptNumber: 1,
            lines,
            total: 1000,
            payment: { method: "cash" },
            soldBy: { staffId: "desk-1", role: "frontDesk", at: NOW },
          }),
          PackagingSaleRegistered({
            location: LOCATION,
            businessDay: DAY,
            receiptNumber: 1,
            lines,
          }),
        ]);
    });

    it("N7 a promotion gift is issued against the register, never sold", () => {
      const gift = { location: LOCATION, item: "mug", quantity: 1, recipient: "M-1" };
      given(inventoryDecider, openDay())
        .when(IssuePromotionGift(gift), { actor: deskClerk })
        .thenThrows("N7");
      given(inventoryDecider, openDay())
        .when(IssuePromotionGift({ ...gift, register: "PROMO-11/3" }), { actor: deskClerk })
        .then([
          PromotionGiftIssued({
            ...gift,
            businessDay: DAY,
            register: "PROMO-11/3",
            issuedBy: sign(deskClerk),
          }),
        ]);
      given(inventoryDecider, openDay())
        .when(IssuePromotionGift({ ...gift, item: "water", register: "PROMO-11/3" }), {
          actor: deskClerk,
        })
        .thenThrows("N7");
      given(inventoryDecider, openDay())
        .when(
          SellItems({
            location: LOCATION,
            receiptNumber: 1,
            lines: [{ item: "mug", quantity: 1, unitPrice: 0 }],
            payment: { method: "cash" },
          }),
          { actor: deskClerk },
        )
        .thenThrows("N7");
    });
  });

  describe("N8 reports and the purchase request", () => {
    it("N8 stockReport gives each location's day: opening, received, sold, issued, written off, counted, discrepancy", async () => {
      const { ops } = await openDesk({ tags: [] });
      const at = { actor: waterBar };
      await ops.execute(
        ListItems({ location: LOCATION, items: [{ item: "mug", kind: "promotionGift" }] }),
        { actor: lead },
      );
      await ops.execute(
        CountOpeningStock({
          location: LOCATION,
          counts: [
            { item: "water", quantity: 10 },
            { item: "mug", quantity: 4 },
          ],
        }),
        at,
      );
      await ops.execute(
        ReceiveStock({ location: LOCATION, lines: [{ item: "water", quantity: 24 }] }),
        at,
      );
      await ops.execute(sell(1, 5), at);
      await ops.execute(sell(2, 1), at);
      await ops.execute(
        VoidReceipt({
          location: LOCATION,
          receiptNumber: 2,
          reason: "wrong item",
          supervisorSignature: { staffId: "lead-1", role: "teamLead" },
        }),
        at,
      );
      await ops.execute(
        IssuePromotionGift({ location: LOCATION, item: "mug", quantity: 1, register: "P-1" }),
        at,
      );
      await ops.execute(
        WriteOffStock({ location: LOCATION, item: "water", quantity: 2, reason: "expired" }),
        { actor: lead },
      );
      await ops.execute(
        CountClosingStock({
          location: LOCATION,
          counts: [
            { item: "water", quantity: 26, note: "one bottle missing" },
            { item: "mug", quantity: 3 },
          ],
        }),
        at,
      );
      const report = (await ops.read(stockReport)).get(stockDayKey(LOCATION, DAY));
      expect(report?.closed).toBe(true);
      expect(report?.takings).toBe(1500);
      expect(report?.items.water).toEqual({
        opening: 10,
        received: 24,
        sold: 5,
        issued: 0,
        writtenOff: 2,
        counted: 26,
        discrepancy: -1,
        note: "one bottle missing",
      });
      expect(report?.items.mug).toMatchObject({
        opening: 4,
        issued: 1,
        counted: 3,
        discrepancy: 0,
      });
      const month = stockPeriod(await ops.read(stockReport), LOCATION, "2026-11-01", "2026-11-30");
      expect(month.days).toEqual([DAY]);
      expect(month.items.water).toEqual({
        received: 24,
        sold: 5,
        issued: 0,
        writtenOff: 2,
        discrepancy: -1,
      });
    });

    it("N8 the month-end stocktake gives next month's purchase request up to the par levels", () => {
      expect(purchaseRequest({ water: 48, cola: 24, mug: 10 }, { water: 10, cola: 30 })).toEqual([
        { item: "mug", quantity: 10 },
        { item: "water", quantity: 38 },
      ]);
    });
  });

  describe("Roles", () => {
    it("a wrong role is Unauthorized and appends nothing: write-offs and the item list are for a team lead or the CS manager; a member sells nothing", async () => {
      const { ops, store } = await openDesk({ tags: [] });
      const before = (await store.readAll({ limit: 1000 })).events.length;
      await expect(
        ops.execute(
          WriteOffStock({ location: LOCATION, item: "water", quantity: 1, reason: "x" }),
          {
            actor: desk,
          },
        ),
      ).rejects.toBeInstanceOf(Unauthorized);
      await expect(
        ops.execute(ListItems({ location: LOCATION, items: [{ item: "w", kind: "goods" }] }), {
          actor: waterBar,
        }),
      ).rejects.toBeInstanceOf(Unauthorized);
      await expect(
        ops.execute(sell(1), { actor: { id: "M-1", role: "member", sites: [SITE] } }),
      ).rejects.toBeInstanceOf(Unauthorized);
      expect((await store.readAll({ limit: 1000 })).events.length).toBe(before);
    });

    it("an enlisted-only command (ChargeKeyTagHolder) sent from outside is Unauthorized", async () => {
      const { ops, store } = await openDesk({ tags: ["17"] });
      const before = (await store.readAll({ limit: 1000 })).events.length;
      const charge = ChargeKeyTagHolder({
        tag: "17",
        amount: 100,
        source: "waterBar",
        reference: "x",
      });
      await expect(ops.execute(charge, { actor: lead })).rejects.toBeInstanceOf(Unauthorized);
      expect((await store.readAll({ limit: 1000 })).events.length).toBe(before);
    });
  });
});

describe("Inventory and the Visit: a water-bar sale on a key tag", () => {
  async function barOpenWithMemberOn17() {
    const desk17 = await openDesk({ tags: ["17", "18"] });
    const { ops } = desk17;
    await ops.execute(
      CountOpeningStock({ location: LOCATION, counts: [{ item: "water", quantity: 10 }] }),
      { actor: waterBar },
    );
    await ops.execute(
      CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "17", gender: "female" }),
      { actor: desk },
    );
    return desk17;
  }
  const onTag = (tag: string, receiptNumber = 1) =>
    SellItems({
      location: LOCATION,
      receiptNumber,
      lines: [water(2)],
      payment: { keyTag: tag },
    });

  it("N2 a sale on tag 17 raises the visit's tab in the same append, and check-out waits for the tab (V4)", async () => {
    const { ops, store } = await barOpenWithMemberOn17();
    const result = await ops.execute(onTag("17"), { actor: waterBar });
    expect(result.events.map((e) => [e.type, e.streamId])).toEqual([
      ["ItemsSold", inventoryStream(SITE, LOCATION)],
      ["TabCharged", `${SITE}/visit/v-1`],
    ]);
    // The pool found the visit tag 17 is out on and passed the charge on, writing nothing itself.
    const { state } = await ops.state(visitAggregate, `${SITE}/visit/v-1`);
    expect(state.status === "inside" && state.tab).toBe(600);
    const tabCharged = (await store.readAll({ limit: 1000 })).events.find(
      (e) => e.type === "TabCharged",
    );
    expect(tabCharged?.data).toEqual({
      visitId: "v-1",
      amount: 600,
      source: "waterBar",
      reference: `${LOCATION} ${DAY} #1`,
    });

    const checkOut = CheckOutMember({ visitId: "v-1", keyTag: "17" });
    await expect(ops.execute(checkOut, { actor: desk })).rejects.toMatchObject({ rule: "V4" });
    await ops.execute(SettleTab({ visitId: "v-1", amount: 600 }), { actor: desk });
    await ops.execute(checkOut, { actor: desk });
  });

  it("N2 a sale on a tag that is not out is refused and nothing is appended, not even the sale", async () => {
    const { ops, store } = await barOpenWithMemberOn17();
    const before = (await store.readAll({ limit: 1000 })).events.length;
    await expect(ops.execute(onTag("18"), { actor: waterBar })).rejects.toMatchObject({
      code: "rule_violation",
      rule: "N2",
    });
    expect((await store.readAll({ limit: 1000 })).events.length).toBe(before);
    // Receipt 1 is still the next one: the refused sale used no number and no stock.
    await ops.execute(onTag("17", 1), { actor: waterBar });
  });

  it("N3 a correction that raises a receipt on a key tag charges the difference to the visit", async () => {
    const { ops } = await barOpenWithMemberOn17();
    await ops.execute(onTag("17"), { actor: waterBar });
    await ops.execute(
      CorrectReceipt({
        location: LOCATION,
        receiptNumber: 1,
        lines: [water(3)],
        memberSignature: { staffId: "M-1", role: "member" },
      }),
      { actor: waterBar },
    );
    const { state } = await ops.state(visitAggregate, `${SITE}/visit/v-1`);
    expect(state.status === "inside" && state.tab).toBe(900);
  });

  const tabOf = async (ops: ServiceOps, visitId = "v-1") => {
    const { state } = await ops.state(visitAggregate, `${SITE}/visit/${visitId}`);
    return state.status === "none" ? undefined : state.tab;
  };
  const signed = { staffId: "lead-1", role: "teamLead" };
  const voidOne = (supervisorSignature?: typeof signed) =>
    VoidReceipt({
      location: LOCATION,
      receiptNumber: 1,
      reason: "wrong drink",
      ...(supervisorSignature ? { supervisorSignature } : {}),
    });

  it("N3 V4 a correction that lowers a key-tag receipt takes the difference back off the visit's tab", async () => {
    const { ops, store } = await barOpenWithMemberOn17();
    await ops.execute(onTag("17"), { actor: waterBar });
    const lowered = CorrectReceipt({
      location: LOCATION,
      receiptNumber: 1,
      lines: [water(1)],
      memberSignature: { staffId: "M-1", role: "member" },
    });
    const result = await ops.execute(lowered, { actor: waterBar });
    expect(result.events.map((e) => e.type)).toEqual(["ReceiptCorrected", "TabCredited"]);
    expect(await tabOf(ops)).toBe(300);
    const credited = (await store.readAll({ limit: 1000 })).events.find(
      (e) => e.type === "TabCredited",
    );
    expect(credited?.data).toEqual({
      visitId: "v-1",
      amount: 300,
      source: "waterBar",
      reference: `${LOCATION} ${DAY} #1`,
    });
  });

  it("N4 V4 a voided key-tag receipt comes off the tab; unsigned, it is still the voider's liability", async () => {
    const { ops } = await barOpenWithMemberOn17();
    await ops.execute(onTag("17"), { actor: waterBar });
    await ops.execute(onTag("17", 2), { actor: waterBar });
    expect(await tabOf(ops)).toBe(1200);
    await ops.execute(voidOne(signed), { actor: waterBar });
    expect(await tabOf(ops)).toBe(600);
    const unsigned = await ops.execute(
      { ...voidOne(), data: { ...voidOne().data, receiptNumber: 2 } },
      { actor: waterBar },
    );
    expect(unsigned.events.map((e) => e.type)).toEqual([
      "ReceiptVoided",
      "VoidLiabilityRecorded",
      "TabCredited",
    ]);
    expect(await tabOf(ops)).toBe(0);
    await ops.execute(CheckOutMember({ visitId: "v-1", keyTag: "17" }), { actor: desk });
  });

  it("V4 a key-tag receipt comes back off the tab only while the tab holds it; else it is refunded at the counter and nothing changes", async () => {
    const { ops, store } = await barOpenWithMemberOn17();
    await ops.execute(onTag("17"), { actor: waterBar });
    // Paid already: the tab no longer holds the receipt.
    await ops.execute(SettleTab({ visitId: "v-1", amount: 600 }), { actor: desk });
    const before = (await store.readAll({ limit: 1000 })).events.length;
    await expect(ops.execute(voidOne(signed), { actor: waterBar })).rejects.toMatchObject({
      rule: "V4",
      message: expect.stringContaining("at the counter"),
    });
    // Gone, and tag 17 now out on someone else's visit: that visit was never charged receipt 1.
    await ops.execute(CheckOutMember({ visitId: "v-1", keyTag: "17" }), { actor: desk });
    await ops.execute(
      CheckInMember({ visitId: "v-2", memberCard: "M-2", keyTag: "17", gender: "male" }),
      { actor: desk },
    );
    const later = (await store.readAll({ limit: 1000 })).events.length;
    await expect(ops.execute(voidOne(signed), { actor: waterBar })).rejects.toMatchObject({
      rule: "V4",
      message: expect.stringContaining("only on the visit it went on"),
    });
    expect((await store.readAll({ limit: 1000 })).events.length).toBe(later);
    expect(later - before).toBe(4);
    expect(await tabOf(ops, "v-2")).toBe(0);
  });

  it("N1 the opening count is kept on the location's stream, <site>/inventory/<location>", async () => {
    const { ops } = await barOpenWithMemberOn17();
    const { state } = await ops.state(inventoryAggregate, inventoryStream(SITE, LOCATION));
    expect(state.day).toEqual({
      businessDay: DAY,
      status: "open",
      receiptCount: 0,
      receiptShelves: [],
      receiptTail: [],
    });
    expect(state.stock).toEqual({ water: 10 });
  });
});
