import type { AnyAggregate } from "./aggregate.js";
import type { EventStore } from "./event-store.js";
import type { PersonalDataCodec } from "./personal-data-codec.js";
import { StateCache, type VersionedState } from "./state-cache.js";
import type { UpcasterRegistry } from "./upcasting.js";

/**
 * The load step of the command path: a stream's state folded from the store, starting from the
 * cached state (or a snapshot) and reading only the events after it; states are cached by
 * stream version, and a snapshot is saved when a stream passes its aggregate's snapshot point.
 *
 * @example
 * ```ts
 * const loader = new StateLoader(store, upcasters, 10_000);
 * const { state, version } = await loader.load(visitAggregate, "club-1/visit/v-1");
 * ```
 */
export class StateLoader {
  private readonly cache: StateCache;

  constructor(
    private readonly store: EventStore,
    private readonly upcasters: UpcasterRegistry,
    cacheSize: number,
    /** Decrypts personal fields of the events read (see PersonalDataCodec). */
    private readonly codec?: PersonalDataCodec,
  ) {
    this.cache = new StateCache(cacheSize);
  }

  /** The cached state of a key, if any (made the most recent). */
  cached<S>(key: string): VersionedState<S> | undefined {
    return this.cache.get<S>(key);
  }

  /** Caches a stream's state unless the cache already holds a later version. */
  remember(key: string, value: VersionedState): void {
    const known = this.cache.peek(key);
    if (known && known.version > value.version) return;
    this.cache.set(key, value);
  }

  /** Drops every cached state. */
  clear(): void {
    this.cache.clear();
  }

  /** Drops a cached state (one found stale). */
  forget(key: string): void {
    this.cache.delete(key);
  }

  /** The current state of an aggregate's stream. */
  async load<S>(
    aggregate: AnyAggregate,
    streamId: string,
    key = cacheKey(aggregate, streamId),
  ): Promise<VersionedState<S>> {
    const cached = this.cache.get<S>(key);
    const from: VersionedState<S> =
      cached ??
      (aggregate.snapshot && this.store.snapshots
        ? await this.fromSnapshot<S>(aggregate, streamId)
        : { version: 0, state: aggregate.decider.initialState as S });
    const read = await this.store.readStream(streamId, { afterVersion: from.version });
    const tail = this.upcasters.upcastAll(this.codec ? await this.codec.open(read) : read);
    if (tail.length === 0) {
      // Cache what was read, a stream that does not exist yet included: a command that waits
      // or retries decides on it again without another read.
      if (!cached) this.remember(key, from);
      return from;
    }
    let state = from.state;
    for (const event of tail) state = aggregate.decider.evolve(state, event) as S;
    const loaded = { version: from.version + tail.length, state };
    this.remember(key, loaded);
    await this.snapshotIfDue(aggregate, streamId, from.version, loaded);
    return loaded;
  }

  /**
   * Saves a snapshot when going from version `before` to `after` passed a snapshot point;
   * undefined (no promise to wait for) when none is due.
   */
  snapshotIfDue(
    aggregate: AnyAggregate,
    streamId: string,
    before: number,
    after: VersionedState,
  ): Promise<void> | undefined {
    const every = aggregate.snapshot?.every;
    if (every === undefined || !this.store.snapshots) return undefined;
    if (Math.floor(after.version / every) === Math.floor(before / every)) return undefined;
    return this.store.snapshots.save({
      streamId,
      aggregate: aggregate.name,
      aggregateVersion: aggregate.version,
      streamVersion: after.version,
      state: aggregate.snapshot?.encode(after.state),
    });
  }

  private async fromSnapshot<S>(
    aggregate: AnyAggregate,
    streamId: string,
  ): Promise<VersionedState<S>> {
    const initial = { version: 0, state: aggregate.decider.initialState as S };
    if (!aggregate.snapshot || !this.store.snapshots) return initial;
    const snapshot = await this.store.snapshots.load(streamId, aggregate.name);
    if (!snapshot || snapshot.aggregateVersion !== aggregate.version) return initial;
    return {
      version: snapshot.streamVersion,
      state: aggregate.snapshot.decode(snapshot.state) as S,
    };
  }
}

/**
 * The key of a stream's state: the aggregate's name and version (a new version drops the
 * states folded by the old `evolve`) and the stream id.
 *
 * @example
 * ```ts
 * cacheKey(visitAggregate, "club-1/visit/v-1"); // "visit@1:club-1/visit/v-1"
 * ```
 */
export function cacheKey(aggregate: AnyAggregate, streamId: string): string {
  return `${aggregate.name}@${aggregate.version}:${streamId}`;
}
