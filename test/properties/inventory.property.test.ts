/**
 * Properties of a stock location under any sequence of counts, deliveries, sales, corrections,
 * voids, gifts and write-offs over several business days. Refusals (SvcOpsError) are part of the
 * sequence, not failures.
 */
import fc from "fast-check";
import {
  type Actor,
  createMemoryStore,
  createServiceOps,
  inventoryAggregate,
  inventoryStream,
  ListItems,
  manualClock,
  type ShippedCommand,
  type StockDiscrepancyReported,
  SvcOpsError,
  stockDayKey,
  stockReport,
} from "svcops";
import { describe, expect, it } from "vitest";

const SITE = "club-1";
const LOCATION = "bar";
const ITEMS = ["water", "mug"] as const;
const bar: Actor = { id: "bar-1", role: "waterBar", sites: [SITE] };
const lead: Actor = { id: "lead-1", role: "teamLead", sites: [SITE] };
const DAY_MS = 24 * 3600_000;

type Step =
  /** A close with no counts counts exactly what the book says. */
  | { kind: "open" | "close"; counts: [number, number] | null; note: boolean }
  | { kind: "receive" | "sell" | "gift" | "writeOff"; item: 0 | 1; quantity: number }
  | { kind: "correct"; receipt: number; quantity: number }
  | { kind: "void"; receipt: number; signed: boolean }
  | { kind: "nextDay" };

const quantity = fc.integer({ min: 1, max: 6 });
const item = fc.constantFrom(0 as const, 1 as const);
const counts = fc.tuple(fc.nat(12), fc.nat(12));
const move: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom(
      "receive" as const,
      "sell" as const,
      "gift" as const,
      "writeOff" as const,
    ),
    item,
    quantity,
  }),
  fc.record({
    kind: fc.constant("correct" as const),
    receipt: fc.integer({ min: 1, max: 4 }),
    quantity,
  }),
  fc.record({
    kind: fc.constant("void" as const),
    receipt: fc.integer({ min: 1, max: 4 }),
    signed: fc.boolean(),
  }),
);
/**
 * A business day: the opening count, the day's moves, the closing count (annotated or not, so
 * that some closes are refused by N5 and the next day opens on the book), then the next day.
 * A stray count in the middle of the day checks that a day is opened and closed once.
 */
const day: fc.Arbitrary<Step[]> = fc
  .tuple(
    counts,
    fc.array(move, { minLength: 2, maxLength: 12 }),
    fc.option(
      fc.record({
        kind: fc.constantFrom("open" as const, "close" as const),
        counts,
        note: fc.boolean(),
      }),
    ),
    fc.option(counts),
    fc.boolean(),
  )
  .map(([opening, moves, stray, closing, note]) => [
    { kind: "open" as const, counts: opening, note: false },
    ...moves,
    ...(stray ? [stray] : []),
    { kind: "close" as const, counts: closing, note },
    { kind: "nextDay" as const },
  ]);
const step = day;

function commandOf(
  s: Step,
  nextReceipt: number,
  book: Readonly<Record<string, number>>,
): { command: ShippedCommand; actor: Actor } {
  const location = LOCATION;
  const counts = (c: [number, number] | null, note: boolean) =>
    ITEMS.map((name, i) => ({
      item: name,
      quantity: c === null ? (book[name] ?? 0) : (c[i] ?? 0),
      ...(note ? { note: "n" } : {}),
    }));
  switch (s.kind) {
    case "open":
      return {
        command: { type: "CountOpeningStock", data: { location, counts: counts(s.counts, false) } },
        actor: bar,
      };
    case "close":
      return {
        command: {
          type: "CountClosingStock",
          data: { location, counts: counts(s.counts, s.note) },
        },
        actor: bar,
      };
    case "receive":
      return {
        command: {
          type: "ReceiveStock",
          data: { location, lines: [{ item: ITEMS[s.item], quantity: s.quantity }] },
        },
        actor: bar,
      };
    case "sell":
      return {
        command: {
          type: "SellItems",
          data: {
            location,
            receiptNumber: nextReceipt,
            lines: [{ item: ITEMS[s.item], quantity: s.quantity, unitPrice: 300 }],
            payment: { method: "cash" },
          },
        },
        actor: bar,
      };
    case "gift":
      return {
        command: {
          type: "IssuePromotionGift",
          data: { location, item: ITEMS[s.item], quantity: s.quantity, register: "P-1" },
        },
        actor: bar,
      };
    case "writeOff":
      return {
        command: {
          type: "WriteOffStock",
          data: { location, item: ITEMS[s.item], quantity: s.quantity, reason: "broken" },
        },
        actor: lead,
      };
    case "correct":
      return {
        command: {
          type: "CorrectReceipt",
          data: {
            location,
            receiptNumber: s.receipt,
            lines: [{ item: "water", quantity: s.quantity, unitPrice: 300 }],
            memberSignature: { staffId: "M-1", role: "member" },
          },
        },
        actor: bar,
      };
    case "void":
      return {
        command: {
          type: "VoidReceipt",
          data: {
            location,
            receiptNumber: s.receipt,
            reason: "mistake",
            ...(s.signed ? { supervisorSignature: { staffId: "lead-1", role: "teamLead" } } : {}),
          },
        },
        actor: bar,
      };
    case "nextDay":
      throw new Error("nextDay is not a command");
  }
}

describe("Inventory properties", () => {
  it("property: stock is never negative, and at every close counted − (opening + received − sold − issued − written off) is the reported discrepancy (N5, N6)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (days) => {
        const steps = days.flat();
        const clock = manualClock("2026-11-22T02:00:00Z");
        const store = createMemoryStore();
        const ops = createServiceOps({ site: { id: SITE }, store, clock });
        await ops.execute(
          ListItems({ location: LOCATION, items: [{ item: "mug", kind: "promotionGift" }] }),
          {
            actor: lead,
          },
        );
        const stream = inventoryStream(SITE, LOCATION);
        for (const s of steps) {
          if (s.kind === "nextDay") {
            clock.advance(DAY_MS);
            continue;
          }
          const { state: before } = await ops.state(inventoryAggregate, stream);
          const next = (before.day?.receiptCount ?? 0) + 1;
          const { command, actor } = commandOf(s, next, before.stock);
          try {
            await ops.execute(command, { actor });
          } catch (error) {
            if (!(error instanceof SvcOpsError)) throw error;
          }
          const { state } = await ops.state(inventoryAggregate, stream);
          for (const quantityLeft of Object.values(state.stock))
            expect(quantityLeft).toBeGreaterThanOrEqual(0);
        }
        const { events } = await store.readAll({ limit: 100_000 });
        const report = await ops.read(stockReport);
        for (const closing of events.filter((e) => e.type === "ClosingStockCounted")) {
          const { businessDay } = closing.data as { businessDay: string };
          const day = report.get(stockDayKey(LOCATION, businessDay));
          const reported = events.find(
            (e) =>
              e.type === "StockDiscrepancyReported" &&
              (e.data as { businessDay: string }).businessDay === businessDay,
          )?.data as StockDiscrepancyReported["data"] | undefined;
          for (const [name, line] of Object.entries(day?.items ?? {})) {
            const expected =
              line.opening + line.received - line.sold - line.issued - line.writtenOff;
            const gap = reported?.discrepancies.find((d) => d.item === name)?.difference ?? 0;
            expect(line.counted).toBeDefined();
            expect((line.counted ?? 0) - expected).toBe(gap);
            expect(line.discrepancy).toBe(gap);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
