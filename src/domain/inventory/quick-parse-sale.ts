import type { z } from "zod";
import { type Fen, MAX_FEN } from "../../kernel/money.js";
import { isCleanText } from "../../kernel/text.js";
import type { SaleData } from "./commands.js";

/** What `SellItems` parses to. */
type QuickSale = z.output<typeof SaleData>;
type Method = "cash" | "card" | "wechat" | "alipay";

const METHODS: ReadonlySet<unknown> = new Set<Method>(["cash", "card", "wechat", "alipay"]);

/**
 * The water bar's sale, parsed by hand when it has its common shape: plain objects with the
 * fields `SellItems` declares and no others, every string already trimmed and clean, every number
 * a whole number in range. Returns the data as the schema parses it, in the schema's key order (so a sale has
 * the same fingerprint either way), or undefined for anything else: the schema then parses it
 * and names the field at fault.
 *
 * Why by hand: the schema parse of a sale (a strict object, an array of strict lines and a
 * payment union tried option by option) took 2.9–3.2 µs alone, against 0.5–0.9 µs for a tab
 * charge's; this takes 0.3–1.0 µs of a sale in the bench day's sampled profiles (bench/README.md,
 * "The target met, narrowly"). `test/properties/sale-quick-parse.property.test.ts` holds it to
 * the schema.
 *
 * @example
 * ```ts
 * quickParseSale({ location: "bar", receiptNumber: 1, lines: [{ item: "water", quantity: 1, unitPrice: 300 }], payment: { keyTag: "17" } });
 * // the same object, copied
 * quickParseSale({ location: " bar", receiptNumber: 1, lines: [], payment: { method: "cash" } });
 * // undefined: the schema trims " bar" and refuses the empty lines
 * ```
 */
export function quickParseSale(data: unknown): QuickSale | undefined {
  if (!hasExactly(data, SALE_FIELDS)) return undefined;
  const { location, receiptNumber, lines, payment } = data;
  if (!isText(location, 32) || !isWhole(receiptNumber, 1, 1_000_000)) return undefined;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > 100) return undefined;
  const parsedLines: QuickSale["lines"] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line: unknown = lines[i];
    if (!hasExactly(line, LINE_FIELDS)) return undefined;
    const { item, quantity, unitPrice } = line;
    if (!isText(item, 64) || !isWhole(quantity, 1, 1_000_000) || !isWhole(unitPrice, 0, MAX_FEN)) {
      return undefined;
    }
    parsedLines[i] = { item, quantity, unitPrice: unitPrice as Fen };
  }
  const parsedPayment = quickPayment(payment);
  if (parsedPayment === undefined) return undefined;
  return { location, receiptNumber, lines: parsedLines, payment: parsedPayment };
}

const SALE_FIELDS: readonly string[] = ["location", "receiptNumber", "lines", "payment"];
const LINE_FIELDS: readonly string[] = ["item", "quantity", "unitPrice"];

/** A payment of one field: the field the object enumerates is the option it is. */
function quickPayment(payment: unknown): QuickSale["payment"] | undefined {
  if (!isPlainObject(payment)) return undefined;
  let field: string | undefined;
  for (const key in payment) {
    if (field !== undefined) return undefined;
    field = key;
  }
  if (field === "method") {
    const { method } = payment;
    return METHODS.has(method) ? { method: method as Method } : undefined;
  }
  if (field === "keyTag") {
    const { keyTag } = payment;
    return isText(keyTag, 64) ? { keyTag } : undefined;
  }
  if (field === "venueSession") {
    const { venueSession } = payment;
    return isText(venueSession, 64) ? { venueSession } : undefined;
  }
  return undefined;
}

/**
 * A plain object (its prototype `Object.prototype` or null) whose enumerable keys are exactly
 * `fields`, the keys the schema reads and checks for strangers. A class instance, a field that
 * is not enumerable, or one key more or fewer leaves the input to the schema.
 */
function hasExactly(value: unknown, fields: readonly string[]): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  let count = 0;
  for (const key in value) {
    if (!fields.includes(key)) return false;
    count++;
  }
  return count === fields.length;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A string of 1 to `max` characters with nothing to trim and no NUL or lone surrogate. */
function isText(value: unknown, max: number): value is string {
  return (
    typeof value === "string" &&
    value.length >= 1 &&
    value.length <= max &&
    value.trim() === value &&
    isCleanText(value)
  );
}

/** A safe integer from `min` to `max`. */
function isWhole(value: unknown, min: number, max: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}
