import type { Clock } from "./clock.js";
import { ClockError } from "./errors.js";

/** The last millisecond a ULID can carry (2^48 - 1 ms after 1970: 10889-08-02T05:31:50.655Z). */
export const MAX_ULID_TIME = 281_474_976_710_655;

/** Where ids come from: event ids and command ids the app did not give. */
export interface IdGenerator {
  next(): string;
}

/**
 * ULIDs timed by the given clock, monotonic within a millisecond (sortable in creation order).
 * A clock outside 1970 … 10889 (or an invalid Date) throws a ClockError.
 *
 * @example
 * ```ts
 * const ids = ulidIds(manualClock("2026-11-22T01:00:00Z"));
 * ids.next(); // "01KAK…"
 * ```
 */
export function ulidIds(clock: Clock): IdGenerator {
  const next = monotonicUlid();
  return { next: () => next(clock.now().getTime()) };
}

const CROCKFORD = new TextEncoder().encode("0123456789ABCDEFGHJKMNPQRSTVWXYZ");

/**
 * A monotonic ULID factory, with the output and ordering of `ulid`'s `monotonicFactory`: 10
 * characters of time and 16 of randomness; within one millisecond (or when the clock goes back)
 * the previous randomness plus one. Randomness comes from a pool refilled by one
 * `getRandomValues` call per 256 ids (ulid calls it once per character), and the id is decoded
 * from bytes in one step: a flat 26-byte string, not a chain of 16 cons strings.
 */
function monotonicUlid(): (time: number) => string {
  const pool = new Uint8Array(4096);
  let at = pool.length;
  const random = new Uint8Array(16);
  const text = new Uint8Array(26);
  const decoder = new TextDecoder();
  let lastTime = -1;
  return (time) => {
    // Checked on every call: a time before the last one takes the branch below, and a time
    // before 1970 (or NaN) must not yield the previous id's successor, or zeros.
    if (!(time >= 0 && time <= MAX_ULID_TIME)) throw new ClockError(new Date(time));
    if (time > lastTime) {
      lastTime = time;
      for (let i = 9, t = time; i >= 0; i--) {
        const q = Math.floor(t / 32);
        text[i] = CROCKFORD[t - q * 32] as number;
        t = q;
      }
      if (at + 16 > pool.length) {
        globalThis.crypto.getRandomValues(pool);
        at = 0;
      }
      for (let i = 0; i < 16; i++) random[i] = (pool[at++] as number) & 31;
    } else {
      let i = 15;
      while (i >= 0 && random[i] === 31) random[i--] = 0;
      if (i < 0) throw new RangeError("ULID randomness exhausted within one millisecond");
      random[i] = (random[i] as number) + 1;
    }
    for (let i = 0; i < 16; i++) text[10 + i] = CROCKFORD[random[i] as number] as number;
    return decoder.decode(text);
  };
}

/**
 * Predictable ids (`prefix-000001`, …) for tests and golden files.
 *
 * @example
 * ```ts
 * const ids = sequentialIds("evt");
 * ids.next(); // "evt-000001"
 * ```
 */
export function sequentialIds(prefix = "id"): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, "0")}` };
}
