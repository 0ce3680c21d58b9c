import { z } from "zod";
import { ValidationError } from "./errors.js";
import { fenSchema } from "./money.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const durationMs = z.number().int().nonnegative();
const count = z.number().int().positive();
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:mm (24-hour)");
const window = (start: string, end: string, minutes: number) =>
  z
    .object({ start: clockTime, end: clockTime, minutes: z.number().int().positive() })
    .default({ start, end, minutes });

/**
 * The policy values of the rule catalogue (docs/rules.md, "Policy defaults"), with their
 * defaults. Durations are milliseconds, money is fen. A site overrides any of them; the rest keep
 * the default.
 *
 * @example
 * ```ts
 * PolicySchema.parse({}).consultantArrivalLimit; // 120000 (2 min, V10)
 * ```
 */
export const PolicySchema = z.object({
  /** V10: how long a consultant has to arrive at the desk. */
  consultantArrivalLimit: durationMs.default(2 * MINUTE),
  /** V11: how many times a consultant is paged before the next in rotation. */
  maxPagesPerConsultant: count.default(2),
  /** P1: rings within which a call is answered. */
  answerWithinRings: count.default(3),
  /** P3: expected call length. */
  callTargetDuration: durationMs.default(3 * MINUTE),
  /** P3: longest hold without the caller's consent. */
  holdLimit: durationMs.default(30_000),
  /** C9: a phone complaint not resolved in this time needs a callback. */
  callbackWithin: durationMs.default(2 * HOUR),
  /**
   * C9: how `callbackWithin` is counted: `openingHours` (default) counts only while the site is
   * open, `elapsed` every minute. The manuals put callbacks with the service staff, who work
   * the opening hours (09:00–22:00); a complaint lodged at 21:30 is called back 90 minutes into
   * the next opening, not at 23:30.
   */
  complaintCallbackCounting: z.enum(["openingHours", "elapsed"]).default("openingHours"),
  /** D1: umbrella deposit, cash only. */
  umbrellaDeposit: fenSchema.default(5000 as never),
  /** D2: free loan period. */
  freeLoanPeriod: durationMs.default(24 * HOUR),
  /** D2: fee per started day beyond the free period. */
  lateFeePerDay: fenSchema.default(1000 as never),
  /** D3: an umbrella not returned this long after it was lent may be declared lost (deposit kept). */
  umbrellaLostAfter: durationMs.default(7 * 24 * HOUR),
  /** V7: fee charged to the visit's tab when a key tag is lost (0: no fee). */
  keyTagReplacementFee: fenSchema.default(0 as never),
  /** S1: people per service point per business day. */
  staffPerPoint: count.default(2),
  /** S2: scheduled hours per person per calendar month. */
  monthlyHourCap: count.default(174),
  /** S3: the working day and the hours it counts. */
  workingDay: z
    .object({ start: clockTime, end: clockTime, countedHours: z.number().positive() })
    .default({ start: "09:00", end: "22:00", countedHours: 11 }),
  /** S3: lunch break window and length. */
  lunchWindow: window("11:30", "13:30", 60),
  /** S3: dinner break window and length. */
  dinnerWindow: window("17:00", "19:00", 60),
  /** S9: the fine for each failure to stand for a visiting official after the first (a warning). */
  failingToStandFine: fenSchema.default(2000 as never),
  /** S7: how early staff are on site before opening. */
  arriveBeforeOpening: durationMs.default(10 * MINUTE),
  /** B1: how far ahead a broadcast is requested. */
  broadcastLeadTime: durationMs.default(24 * HOUR),
  /** G1: reminder before a venue session's booked end. */
  endReminder: durationMs.default(15 * MINUTE),
});

/** A site's policy values, all present. */
export type Policy = z.output<typeof PolicySchema>;
/** What an app may pass to override policy values. */
export type PolicyOverrides = z.input<typeof PolicySchema>;

/**
 * Builds a complete policy from overrides, or throws a ValidationError naming the field.
 *
 * @example
 * ```ts
 * const policy = createPolicy({ consultantArrivalLimit: 3 * 60_000 });
 * ```
 */
export function createPolicy(overrides: PolicyOverrides = {}): Policy {
  const parsed = PolicySchema.safeParse(overrides);
  if (!parsed.success) throw ValidationError.fromZod("Policy", parsed.error, "policy");
  return parsed.data;
}
