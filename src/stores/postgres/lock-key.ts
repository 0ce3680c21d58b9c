/**
 * A 32-bit signed key for `pg_advisory_xact_lock(int, int)`: FNV-1a over the UTF-16 code units
 * of `text`. Every instance of the store computes the same key for the same text, so two
 * processes writing to one stream take the same lock. Two texts may share a key; that only
 * makes their writers wait for each other.
 *
 * @example
 * ```ts
 * lockKey("club-1/visit/v-1"); // e.g. -1408523311
 * ```
 */
export function lockKey(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
