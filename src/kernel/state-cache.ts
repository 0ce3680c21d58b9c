/** A state folded up to a stream version. */
export interface VersionedState<S = unknown> {
  readonly version: number;
  readonly state: S;
}

interface Entry {
  readonly key: string;
  value: VersionedState;
  /** Neighbours in recency order (a doubly linked list: O(1) touch and evict). */
  newer: Entry | undefined;
  older: Entry | undefined;
}

/**
 * A bounded least-recently-used map of stream states by stream version, so a long stream (the
 * key-tag pool grows by two events a visit) is not refolded from zero on every command: the
 * handler reads only the events after the cached version.
 *
 * Recency is a linked list beside the Map, not the Map's insertion order: V8's `Map` makes
 * `delete(k); set(k, v)` of a hot key, and `keys().next()` after many deletes at the front,
 * cost O(size), which made every command pay for the whole cache.
 *
 * @example
 * ```ts
 * const cache = new StateCache(10_000);
 * cache.set("visit@1:club-1/visit/v-1", { version: 3, state });
 * cache.get("visit@1:club-1/visit/v-1")?.version; // 3
 * ```
 */
export class StateCache {
  private readonly entries = new Map<string, Entry>();
  private newest: Entry | undefined;
  private oldest: Entry | undefined;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`StateCache capacity must be a whole number >= 0, got ${capacity}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get<S>(key: string): VersionedState<S> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.touch(entry);
    return entry.value as VersionedState<S>;
  }

  /** The entry's value without making it the most recent. */
  peek<S>(key: string): VersionedState<S> | undefined {
    return this.entries.get(key)?.value as VersionedState<S> | undefined;
  }

  set(key: string, value: VersionedState): void {
    if (this.capacity === 0) return;
    const known = this.entries.get(key);
    if (known !== undefined) {
      known.value = value;
      this.touch(known);
      return;
    }
    const entry: Entry = { key, value, newer: undefined, older: undefined };
    this.entries.set(key, entry);
    this.link(entry);
    if (this.entries.size > this.capacity && this.oldest !== undefined) {
      const evicted = this.oldest;
      this.unlink(evicted);
      this.entries.delete(evicted.key);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.unlink(entry);
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.newest = undefined;
    this.oldest = undefined;
  }

  private touch(entry: Entry): void {
    if (entry === this.newest) return;
    this.unlink(entry);
    this.link(entry);
  }

  private link(entry: Entry): void {
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest === undefined) this.oldest = entry;
    else this.newest.newer = entry;
    this.newest = entry;
  }

  private unlink(entry: Entry): void {
    if (entry.older === undefined) this.oldest = entry.newer;
    else entry.older.newer = entry.newer;
    if (entry.newer === undefined) this.newest = entry.older;
    else entry.newer.older = entry.older;
    entry.older = undefined;
    entry.newer = undefined;
  }
}
