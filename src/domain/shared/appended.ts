/**
 * A copy of `list` with `item` at the end, sized exactly. For lists a state keeps for a long
 * time (a day's receipts, a visit's creditable charges): `[...list, item]` and `slice` then
 * `push` gave them backing stores of 17 slots and more, and `concat` took about 1 µs a sale on
 * the bench's water-bar day (heap snapshot and profile: bench/README.md). Not exported from the
 * package.
 *
 * @example
 * ```ts
 * appended(["a", "b"], "c"); // ["a", "b", "c"], a new array of exactly three slots
 * ```
 */
export function appended<T>(list: readonly T[], item: T): T[] {
  const copy = new Array<T>(list.length + 1);
  for (let i = 0; i < list.length; i++) copy[i] = list[i] as T;
  copy[list.length] = item;
  return copy;
}
