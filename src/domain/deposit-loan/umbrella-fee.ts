import type { SiteCalendar } from "../../kernel/calendar.js";
import type { Fen } from "../../kernel/money.js";
import type { Policy } from "../../kernel/policy.js";

const DAY = 24 * 3600_000;

/**
 * D2: the fee of an umbrella lent at `lentAt` and returned at `returnedAt`: nothing within
 * `freeLoanPeriod`, then `lateFeePerDay` for every started day beyond it, counted with the
 * calendar's one deadline algebra. Not bounded here: the decider checks the sum against MAX_FEN.
 *
 * @example
 * ```ts
 * const lent = new Date("2026-11-22T02:00:00Z");
 * umbrellaFee(lent, new Date("2026-11-23T02:00:01Z"), policy, calendar); // { lateDays: 1, fee: 1000 }
 * ```
 */
export function umbrellaFee(
  lentAt: Date,
  returnedAt: Date,
  policy: Pick<Policy, "freeLoanPeriod" | "lateFeePerDay">,
  calendar: SiteCalendar,
): { readonly lateDays: number; readonly fee: number } {
  const lateDays = calendar.startedPeriodsBeyond(
    lentAt,
    returnedAt,
    { ms: policy.freeLoanPeriod, counting: "elapsed" },
    { ms: DAY, counting: "elapsed" },
  );
  return { lateDays, fee: lateDays * (policy.lateFeePerDay as Fen) };
}
