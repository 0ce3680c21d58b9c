/**
 * The water bar's sale is parsed by hand when it has its common shape (`SellItems.quickParse`,
 * a measured saving: bench/README.md). These properties hold the hand-written parse to the
 * schema: for any input, near a valid sale or far from it, the quick parse either leaves it to
 * the schema (undefined) or returns exactly what the schema returns, key order included, so that
 * a sale has one fingerprint whichever way it was parsed. And a plain valid sale always takes the
 * quick way.
 */
import fc from "fast-check";
import { createMemoryStore, createServiceOps, manualClock, SellItems } from "svcops";
import { describe, expect, it } from "vitest";
import { NOW } from "../domain/fixtures.js";
import { bar, LOCATION, teamLead } from "../domain/inventory-fixtures.js";

const quickParse = SellItems.quickParse as (data: unknown) => unknown;

// --- generators ----------------------------------------------------------------------------------

/** Text the schema keeps as it is: 1 to `max` characters, nothing to trim, clean. */
const plainText = (max: number) =>
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength: max })
    .filter((s) => s.length <= max && s.trim() === s && !s.includes("\u0000"));

/** Text near the edges: to trim, empty, too long, a NUL, a lone surrogate, not a string. */
const oddText = (max: number) =>
  fc.oneof(
    plainText(max).map((s) => ` ${s}\t`),
    fc.constant(""),
    fc.constant("   "),
    fc.constant("x".repeat(max + 1)),
    fc.constant(` ${"x".repeat(max)} `),
    plainText(max).map((s) => `${s}\u0000`),
    fc.constant("a\uD800b"),
    fc.constantFrom(7, null, undefined, true, {}, ["bar"]),
  );

const text = (max: number) => fc.oneof({ weight: 4, arbitrary: plainText(max) }, oddText(max));

const oddNumber = fc.constantFrom(0, -1, -0, 1.5, Number.NaN, Infinity, 2 ** 53, "1", null);
const whole = (min: number, max: number) =>
  fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, oddNumber);

/** Sometimes one field more, sometimes one fewer. */
function reshaped<T extends Record<string, unknown>>(record: fc.Arbitrary<T>) {
  return fc
    .tuple(record, fc.nat(9), fc.constantFrom("extra", "note", "__proto__x"))
    .map(([value, roll, key]) => {
      if (roll === 0) return { ...value, [key]: 1 };
      if (roll === 1) {
        const [first] = Object.keys(value);
        const { [first as string]: _dropped, ...rest } = value;
        return rest;
      }
      return value;
    });
}

const line = reshaped(
  fc.record({
    item: text(64),
    quantity: whole(1, 1_000_000),
    unitPrice: whole(0, 1_000_000_000_000),
  }),
);

const payment = fc.oneof(
  reshaped(fc.record({ keyTag: text(64) })),
  reshaped(fc.record({ method: fc.constantFrom("cash", "card", "wechat", "alipay", "bitcoin") })),
  reshaped(fc.record({ venueSession: text(64) })),
  fc.constantFrom({}, null, "cash", { keyTag: "17", method: "cash" }, { keyTag: undefined }),
);

const sale = reshaped(
  fc.record({
    location: text(32),
    receiptNumber: whole(1, 1_000_000),
    lines: fc.oneof(
      { weight: 6, arbitrary: fc.array(line, { minLength: 1, maxLength: 4 }) },
      fc.constant([]),
      fc.array(line, { minLength: 101, maxLength: 101 }),
      fc.constantFrom(null, "water", { 0: { item: "w", quantity: 1, unitPrice: 1 } }),
    ),
    payment,
  }),
);

/** A sale with nothing odd about it: what a till sends. */
const plainSale = fc.record({
  location: plainText(32),
  receiptNumber: fc.integer({ min: 1, max: 1_000_000 }),
  lines: fc.array(
    fc.record({
      item: plainText(64),
      quantity: fc.integer({ min: 1, max: 1_000_000 }),
      unitPrice: fc.integer({ min: 0, max: 1_000_000_000_000 }),
    }),
    { minLength: 1, maxLength: 100 },
  ),
  payment: fc.oneof(
    fc.record({ keyTag: plainText(64) }),
    fc.record({ method: fc.constantFrom("cash", "card", "wechat", "alipay") }),
    fc.record({ venueSession: plainText(64) }),
  ),
});

/**
 * The same data in objects that are not plain: without a prototype, a class instance, a declared
 * field hidden (not enumerable) or a getter on the prototype. The schema reads such objects too.
 */
const dressings = [
  (value: Record<string, unknown>) => value,
  (value: Record<string, unknown>) => Object.assign(Object.create(null), value),
  (value: Record<string, unknown>) => Object.assign(new (class Till {})(), value),
  (value: Record<string, unknown>) =>
    Object.defineProperty({ ...value }, "keyTag", { value: "17", enumerable: false }),
  (value: Record<string, unknown>) =>
    Object.defineProperty({ ...value }, "venueSession", {
      get: () => {
        throw new Error("read");
      },
      enumerable: false,
    }),
  (value: Record<string, unknown>) =>
    Object.defineProperties(
      Object.create({
        get keyTag() {
          return "17";
        },
      }),
      Object.getOwnPropertyDescriptors(value),
    ),
];

const dressed = fc
  .tuple(
    plainSale,
    fc.nat(dressings.length - 1),
    fc.nat(dressings.length - 1),
    fc.nat(dressings.length - 1),
  )
  .map(([sale, top, line, pay]) => {
    const dress = (i: number, value: Record<string, unknown>) => {
      const dressing = dressings[i];
      return dressing ? dressing(value) : value;
    };
    return dress(top, {
      ...sale,
      lines: sale.lines.map((l, i) => (i === 0 ? dress(line, l) : l)),
      payment: dress(pay, sale.payment),
    });
  });

// --- properties ----------------------------------------------------------------------------------

describe("SellItems.quickParse against the schema", () => {
  it("N2 returns what the schema returns, in its key order, or leaves the input to the schema", () => {
    let quick = 0;
    let left = 0;
    fc.assert(
      fc.property(sale, (data) => {
        const parsed = quickParse(data);
        const schema = SellItems.schema.safeParse(data);
        if (parsed === undefined) {
          left++;
          return;
        }
        quick++;
        expect(schema.success).toBe(true);
        expect(parsed).toStrictEqual(schema.data);
        expect(JSON.stringify(parsed)).toBe(JSON.stringify(schema.data));
      }),
      { numRuns: 3000 },
    );
    // Both ways were taken: the generators reach valid sales and odd ones.
    expect(quick).toBeGreaterThan(40);
    expect(left).toBeGreaterThan(100);
  });

  it("N2 takes every plain sale the quick way, into objects of its own", () => {
    fc.assert(
      fc.property(plainSale, (data) => {
        const parsed = quickParse(data) as typeof data | undefined;
        expect(parsed).toStrictEqual(SellItems.schema.parse(data));
        // A copy: the caller changing its object afterwards changes nothing stored.
        expect(parsed?.lines).not.toBe(data.lines);
        expect(parsed?.lines[0]).not.toBe(data.lines[0]);
        expect(parsed?.payment).not.toBe(data.payment);
      }),
      { numRuns: 500 },
    );
  });

  it("N2 reads objects that are not plain, or hide a field, as the schema does or leaves them to it", () => {
    fc.assert(
      fc.property(dressed, (data) => {
        const parsed = quickParse(data);
        if (parsed === undefined) return;
        const schema = SellItems.schema.safeParse(data);
        expect(schema.success).toBe(true);
        expect(JSON.stringify(parsed)).toBe(JSON.stringify(schema.data));
      }),
      { numRuns: 1000 },
    );
    // A cash payment with a hidden key tag is paid cash, as the schema reads it.
    const cash = Object.defineProperty({ method: "cash" }, "keyTag", { value: "17" });
    const sale = {
      location: "bar",
      receiptNumber: 1,
      lines: [{ item: "water", quantity: 1, unitPrice: 300 }],
      payment: cash,
    };
    expect(SellItems.schema.parse(sale).payment).toEqual({ method: "cash" });
    const quick = quickParse(sale) as { payment: unknown } | undefined;
    expect(quick === undefined ? "left to the schema" : JSON.stringify(quick.payment)).toMatch(
      /^left to the schema$|^\{"method":"cash"\}$/,
    );
  });

  it("N2 leaves an object with an inherited field to the schema", () => {
    const inherited = Object.create({ extra: 1 });
    Object.assign(inherited, {
      location: "bar",
      receiptNumber: 1,
      lines: [{ item: "water", quantity: 1, unitPrice: 300 }],
      payment: { method: "cash" },
    });
    expect(quickParse(inherited)).toBeUndefined();
  });

  it("N2 a sale sent with spaces round its location and again without is one command (one fingerprint)", async () => {
    const store = createMemoryStore();
    const ops = createServiceOps({ site: { id: "club-1" }, store, clock: manualClock(NOW) });
    const lead = { actor: { ...teamLead, sites: ["club-1"] } };
    await ops.execute(
      {
        type: "ListItems",
        data: { location: LOCATION, items: [{ item: "water", kind: "goods" }] },
      },
      lead,
    );
    await ops.execute(
      {
        type: "CountOpeningStock",
        data: { location: LOCATION, counts: [{ item: "water", quantity: 5 }] },
      },
      lead,
    );
    const data = (location: string) => ({
      location,
      receiptNumber: 1,
      lines: [{ item: "water", quantity: 1, unitPrice: 300 }],
      payment: { method: "cash" as const },
    });
    expect(quickParse(data(` ${LOCATION} `))).toBeUndefined();
    const options = { actor: { ...bar, sites: ["club-1"] }, commandId: "sale-1" };
    const first = await ops.execute({ type: "SellItems", data: data(` ${LOCATION} `) }, options);
    const again = await ops.execute({ type: "SellItems", data: data(LOCATION) }, options);
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual(first.events);
  });
});
