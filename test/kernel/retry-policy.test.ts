import { checkRetryPolicy, DEFAULT_RETRY, RetrySchedule } from "svcops";
import { describe, expect, it } from "vitest";

/** A schedule on a clock the test moves, with jitter at its middle (random = 0.5). */
function schedule(policy = {}) {
  let now = 1_000;
  const retries = new RetrySchedule(
    checkRetryPolicy(policy),
    () => now,
    () => 0.5,
  );
  return {
    next: () => retries.next(),
    pass: (ms: number) => {
      now += ms;
    },
  };
}

describe("RetrySchedule", () => {
  it("retries at once first, then backs off exponentially with jitter up to maxDelayMs", () => {
    const { next, pass } = schedule({ withinMs: 10_000, baseDelayMs: 2, maxDelayMs: 100 });
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const wait = next();
      if (wait === undefined) throw new Error("gave up too early");
      waits.push(wait);
      pass(wait);
    }
    // 3/4 of the cap at random = 0.5: caps 2, 4, 8, 16, 32, 64, 100, 100, 100.
    expect(waits).toEqual([0, 1.5, 3, 6, 12, 24, 48, 75, 75, 75]);
  });

  it("is bounded in time, not in count: gives up when the next wait would end past withinMs", () => {
    const { next, pass } = schedule({ withinMs: 100, baseDelayMs: 10, maxDelayMs: 10 });
    let retries = 0;
    for (let wait = next(); wait !== undefined; wait = next()) {
      retries++;
      pass(wait);
    }
    // 0, then 7.5 ms each: 13 more waits fit in 100 ms.
    expect(retries).toBe(14);
  });

  it("withinMs 0 never retries", () => {
    expect(schedule({ withinMs: 0 }).next()).toBeUndefined();
  });

  it("a policy field that is not a number of ms >= 0 is a RangeError naming it", () => {
    expect(() => checkRetryPolicy({ withinMs: -1 })).toThrow(/retry\.withinMs/);
    expect(() => checkRetryPolicy({ maxDelayMs: Number.NaN })).toThrow(/retry\.maxDelayMs/);
    expect(checkRetryPolicy()).toEqual(DEFAULT_RETRY);
  });
});
