/**
 * How long a command keeps trying after VersionConflicts: the first retry goes at once (most
 * conflicts come from a stale cached state, which the retry reads again), later ones wait a
 * backoff with jitter, so that app instances racing for one stream stop colliding; the command
 * gives up, throwing the last VersionConflict, only when the next wait would end past
 * `withinMs` from the first conflict. Bounded in time, not in count: a few instances of one
 * site on one store see no VersionConflict in normal use, however often they collide.
 *
 * @example
 * ```ts
 * createServiceOps({ site: { id: "club-1" }, retry: { withinMs: 2_000, maxDelayMs: 50 } });
 * ```
 */
export interface RetryPolicy {
  /** The longest a command keeps retrying, in ms from its first conflict (default 10,000; 0: never retries). */
  readonly withinMs?: number;
  /** The first backoff's cap, in ms (default 2); it doubles per retry. */
  readonly baseDelayMs?: number;
  /** The largest backoff, in ms (default 100). */
  readonly maxDelayMs?: number;
}

/** The defaults of `RetryPolicy`. */
export const DEFAULT_RETRY: Required<RetryPolicy> = Object.freeze({
  withinMs: 10_000,
  baseDelayMs: 2,
  maxDelayMs: 100,
});

/**
 * One command's retries under a policy: `next()` after each VersionConflict gives the ms to
 * wait before deciding again (0 the first time), or undefined when the time is up.
 *
 * @example
 * ```ts
 * const retries = new RetrySchedule(checkRetryPolicy({ withinMs: 500 }));
 * const wait = retries.next(); // 0, then 0–2, 0–4, … ms; undefined after 500 ms
 * ```
 */
export class RetrySchedule {
  private started = -1;
  private count = 0;

  constructor(
    private readonly policy: Required<RetryPolicy>,
    private readonly now: () => number = () => performance.now(),
    private readonly random: () => number = Math.random,
  ) {}

  next(): number | undefined {
    const { withinMs, baseDelayMs, maxDelayMs } = this.policy;
    if (withinMs === 0) return undefined;
    const now = this.now();
    if (this.started < 0) this.started = now;
    const retry = this.count++;
    const delay =
      retry === 0
        ? 0
        : Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(retry - 1, 30)) *
          (0.5 + this.random() / 2);
    return now + delay - this.started > withinMs ? undefined : delay;
  }
}

/**
 * A retry policy with its defaults, or a RangeError naming the bad field.
 *
 * @example
 * ```ts
 * checkRetryPolicy({ withinMs: 1000 }); // { withinMs: 1000, baseDelayMs: 2, maxDelayMs: 100 }
 * ```
 */
export function checkRetryPolicy(policy: RetryPolicy = {}): Required<RetryPolicy> {
  const full = { ...DEFAULT_RETRY, ...policy };
  for (const field of ["withinMs", "baseDelayMs", "maxDelayMs"] as const) {
    const value = full[field];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`retry.${field} must be a number of ms >= 0, got ${String(value)}`);
    }
  }
  return full;
}
