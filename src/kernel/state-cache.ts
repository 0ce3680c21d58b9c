/** A state folded up to a stream version. */
export interface VersionedState<S = unknown> {
  readonly version: number;
  readonly state: S;
}

/**
 * A bounded least-recently-used map of stream states by stream version, so a long stream (the
 * key-tag pool grows by two events a visit) is not refolded from zero on every command: the
 * handler reads only the events after the cached version.
 *
 * @example
 * ```ts
 * const cache = new StateCache(10_000);
 * cache.set("visit@1:club-1/visit/v-1", { version: 3, state });
 * cache.get("visit@1:club-1/visit/v-1")?.version; // 3
 * ```
 */
export class StateCache {
  private readonly entries = new Map<string, VersionedState>();

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
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry as VersionedState<S>;
  }

  set(key: string, entry: VersionedState): void {
    if (this.capacity === 0) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
