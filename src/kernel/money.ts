import { z } from "zod";

declare const fenBrand: unique symbol;

/** An amount of money in fen (1/100 yuan), a whole number from 0 to MAX_FEN. Never a float. */
export type Fen = number & { readonly [fenBrand]: "Fen" };

/**
 * The largest amount svcops keeps, in one command and in any running total (a tab, a deposit
 * account): 10^12 fen, ¥10,000,000,000.00. Every sum of two amounts up to it stays far below
 * 2^53, where a JavaScript number stops counting whole fen exactly, so a total is checked
 * against this bound before it is kept, and never rounds.
 *
 * @example
 * ```ts
 * fenSchema.safeParse(MAX_FEN + 1).success; // false
 * ```
 */
export const MAX_FEN = 1_000_000_000_000;

/**
 * Adds two amounts of fen, or returns undefined when the sum passes MAX_FEN.
 *
 * @example
 * ```ts
 * addFen(fen(1500), fen(500)); // 2000
 * addFen(fen(MAX_FEN), fen(1)); // undefined
 * ```
 */
export function addFen(a: Fen, b: Fen): Fen | undefined {
  const sum = a + b;
  return sum <= MAX_FEN ? (sum as Fen) : undefined;
}

/**
 * zod schema of an amount in fen: a non-negative safe integer, branded as `Fen`. The brand is
 * the type's alone: a `.transform` to it made every money field a pipe, about 0.6 µs a field on
 * every command (bench/README.md). The first failing check stops the rest, so a bad amount gets
 * one issue, and a refinement on top (more than 0 fen) runs only on a valid amount.
 *
 * @example
 * ```ts
 * const Charge = z.object({ amount: fenSchema });
 * Charge.parse({ amount: 1500 }); // ok; 15.5 or -1 fail with the field's path
 * ```
 */
export const fenSchema = z
  .number()
  .int({ error: "must be a whole number of fen (money is integer minor units)", abort: true })
  .nonnegative({ error: "must not be negative", abort: true })
  .max(MAX_FEN, {
    error: "must be at most 10^12 fen (MAX_FEN), so that every sum stays exact",
    abort: true,
  }) as unknown as z.ZodType<Fen, number>;

/**
 * Makes a Fen from a whole number, or throws a RangeError naming the value.
 *
 * @example
 * ```ts
 * fen(5000); // 50.00 yuan
 * ```
 */
export function fen(amount: number): Fen {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_FEN) {
    throw new RangeError(`fen(${amount}): money must be a whole number of fen from 0 to MAX_FEN`);
  }
  return amount as Fen;
}

/**
 * Formats fen as yuan with two decimals, e.g. `"¥50.00"`.
 *
 * @example
 * ```ts
 * formatFen(fen(1500)); // "¥15.00"
 * ```
 */
export function formatFen(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}¥${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
