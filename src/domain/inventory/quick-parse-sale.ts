import type { z } from "zod";
import { type Fen, MAX_FEN } from "../../kernel/money.js";
import { isCleanText } from "../../kernel/text.js";
import type { SaleData } from "./commands.js";

/** What `SellItems` parses to. */
type QuickSale = z.output<typeof SaleData>;
type Method = "cash" | "card" | "wechat" | "alipay";

const METHODS: ReadonlySet<unknown> = new Set<Method>(["cash", "card", "wechat", "alipay"]);

/**
 * The water bar's sale, parsed by hand when it has its common shape: the fields `SellItems`
 * declares and no others, every string already trimmed and clean, every number a whole number
 * in range. Returns the data as the schema parses it, in the schema's key order (so a sale has
 * the same fingerprint either way), or undefined for anything else: the schema then parses it
 * and names the field at fault.
 *
 * Why by hand: the schema parse of a sale (a strict object, an array of strict lines and a
 * payment union tried option by option) took about 3 µs alone, and about 9 µs of a 50 µs sale
 * in the front-desk day (medians of three runs with it and without it), where this takes under
 * 1 µs (bench/README.md, "The target met"). `test/properties/sale-quick-parse.property.test.ts`
 * holds it to the schema.
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
  if (!isRecord(data) || keyCount(data) !== 4) return undefined;
  const { location, receiptNumber, lines, payment } = data;
  if (!isText(location, 32) || !isWhole(receiptNumber, 1, 1_000_000)) return undefined;
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > 100) return undefined;
  const parsedLines: QuickSale["lines"] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line: unknown = lines[i];
    if (!isRecord(line) || keyCount(line) !== 3) return undefined;
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

function quickPayment(payment: unknown): QuickSale["payment"] | undefined {
  if (!isRecord(payment) || keyCount(payment) !== 1) return undefined;
  const { keyTag, method, venueSession } = payment;
  if (keyTag !== undefined) return isText(keyTag, 64) ? { keyTag } : undefined;
  if (method !== undefined) {
    return METHODS.has(method) ? { method: method as Method } : undefined;
  }
  if (venueSession !== undefined) return isText(venueSession, 64) ? { venueSession } : undefined;
  return undefined;
}

/** A plain object (not an array), read by its own keys. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Enumerable keys, own and inherited: more than the fields declared leaves it to the schema. */
function keyCount(value: object): number {
  let count = 0;
  for (const _ in value) count++;
  return count;
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
