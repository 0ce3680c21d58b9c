import { type CustomerRef, customerKey } from "./customer.js";

/**
 * Q1: the survey asks this many customers each quarter.
 *
 * @example
 * ```ts
 * drawSample(population, seed, SURVEY_SAMPLE_SIZE);
 * ```
 */
export const SURVEY_SAMPLE_SIZE = 300;

/**
 * A small seeded pseudo-random generator, mulberry32 (Tommy Ettinger's 32-bit generator, in the
 * public domain): from a 32-bit seed, a function giving numbers in [0, 1), the same sequence for
 * the same seed on every platform. Not for secrets; enough to draw a fair, reproducible sample.
 *
 * @example
 * ```ts
 * const next = mulberry32(2026);
 * next(); // the same first number every time for seed 2026
 * ```
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Q1: draws `size` customers from a population, reproducibly from a seed. The population is put
 * in the order of `customerKey` first (repeats dropped), so the same seed and the same customers
 * give the same sample whatever order they came in; then a Fisher–Yates shuffle driven by
 * `mulberry32(seed)` picks the first `size`. A population of `size` or fewer is taken whole.
 * The sample is returned in key order.
 *
 * @example
 * ```ts
 * const sample = drawSample(population, 2026, SURVEY_SAMPLE_SIZE);
 * drawSample([...population].reverse(), 2026, SURVEY_SAMPLE_SIZE); // the same customers
 * ```
 */
export function drawSample(
  population: readonly CustomerRef[],
  seed: number,
  size: number,
): CustomerRef[] {
  const byKey = new Map<string, CustomerRef>();
  for (const customer of population) byKey.set(customerKey(customer), customer);
  const keys = [...byKey.keys()].sort();
  if (keys.length > size) {
    const next = mulberry32(seed);
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(next() * (keys.length - i));
      [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
    }
    keys.length = size;
    keys.sort();
  }
  return keys.map((key) => {
    const { kind, id } = byKey.get(key) as CustomerRef;
    return { kind, id };
  });
}
