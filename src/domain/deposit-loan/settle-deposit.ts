import { RuleViolation } from "../../kernel/errors.js";
import { type Fen, formatFen, MAX_FEN } from "../../kernel/money.js";
import type { LoanBalance } from "./events.js";

/**
 * 多退少补 (D3, D4): sets `fees` against `deposit`: the surplus is refunded, or the deposit is
 * kept and the shortfall collected. Checks D7 before it answers: no amount negative or past
 * MAX_FEN, and `deposit + collected = fees + refunded`.
 *
 * @example
 * ```ts
 * settleDeposit(fen(5000), fen(2000)); // { deposit: 5000, fees: 2000, refunded: 3000, collected: 0 }
 * settleDeposit(fen(5000), fen(7000)); // { deposit: 5000, fees: 7000, refunded: 0, collected: 2000 }
 * ```
 */
export function settleDeposit(deposit: Fen, fees: number): LoanBalance {
  const refunded = Math.max(0, deposit - fees);
  const collected = Math.max(0, fees - deposit);
  const balance = { deposit, fees, refunded, collected } as LoanBalance;
  checkBalanced(balance);
  return balance;
}

/**
 * D7: refuses a closing whose amounts are not whole fen from 0 to MAX_FEN, or do not balance.
 *
 * @example
 * ```ts
 * checkBalanced({ deposit: 5000, fees: 5000, refunded: 0, collected: 0 } as LoanBalance); // ok
 * ```
 */
export function checkBalanced(balance: LoanBalance): void {
  for (const [name, amount] of Object.entries(balance)) {
    if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_FEN) {
      throw new RuleViolation(
        "D7",
        `the ${name} of a closing must be whole fen from ¥0.00 to ${formatFen(MAX_FEN)}, found ${amount}.`,
      );
    }
  }
  const { deposit, fees, refunded, collected } = balance;
  if (deposit + collected !== fees + refunded) {
    throw new RuleViolation(
      "D7",
      `a closed loan balances: deposit ${formatFen(deposit)} + collected ${formatFen(collected)} must equal fees ${formatFen(fees)} + refunded ${formatFen(refunded)}.`,
    );
  }
}
