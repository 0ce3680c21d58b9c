import { z } from "zod";

declare const fenBrand: unique symbol;

/** An amount of money in fen (1/100 yuan), a non-negative safe integer. Never a float. */
export type Fen = number & { readonly [fenBrand]: "Fen" };

/**
 * zod schema of an amount in fen: a non-negative safe integer, branded as `Fen`.
 *
 * @example
 * ```ts
 * const Charge = z.object({ amount: fenSchema });
 * Charge.parse({ amount: 1500 }); // ok; 15.5 or -1 fail with the field's path
 * ```
 */
export const fenSchema = z
  .number()
  .int("must be a whole number of fen (money is integer minor units)")
  .nonnegative("must not be negative")
  .max(Number.MAX_SAFE_INTEGER)
  .transform((n) => n as Fen);

/**
 * Makes a Fen from a whole number, or throws a RangeError naming the value.
 *
 * @example
 * ```ts
 * fen(5000); // 50.00 yuan
 * ```
 */
export function fen(amount: number): Fen {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`fen(${amount}): money must be a non-negative whole number of fen`);
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
