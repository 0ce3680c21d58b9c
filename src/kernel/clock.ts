/**
 * Where time comes from. The domain never reads the system time; the command handler asks
 * the clock once per command and hands `now` to `decide`.
 *
 * @example
 * ```ts
 * const clock = manualClock("2026-11-22T01:00:00Z");
 * clock.advance(2 * 60_000);
 * clock.now().toISOString(); // "2026-11-22T01:02:00.000Z"
 * ```
 */
export interface Clock {
  now(): Date;
}

/**
 * The real clock, for production apps.
 *
 * @example
 * ```ts
 * createServiceOps({ store, site, clock: systemClock });
 * ```
 */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to, for tests, demos and replays. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Sets the clock to an instant. */
  set(instant: Date | string | number): void;
}

/**
 * Creates a ManualClock starting at `start`.
 *
 * @example
 * ```ts
 * const clock = manualClock("2026-11-22T01:00:00Z");
 * ```
 */
export function manualClock(start: Date | string | number): ManualClock {
  let current = new Date(start).getTime();
  if (Number.isNaN(current))
    throw new RangeError(`manualClock: ${String(start)} is not an instant`);
  return {
    now: () => new Date(current),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError("manualClock.advance: ms must be >= 0");
      current += ms;
    },
    set(instant) {
      const next = new Date(instant).getTime();
      if (Number.isNaN(next))
        throw new RangeError(`manualClock.set: ${String(instant)} is not an instant`);
      current = next;
    },
  };
}
