/**
 * A decider's state saved at a stream version, so a long stream (the key-tag pool) is loaded
 * from the snapshot plus the events after it. `state` is the aggregate's `snapshot.encode`
 * output and must survive `JSON.stringify`.
 */
export interface Snapshot {
  readonly streamId: string;
  /** Name of the aggregate whose state this is. */
  readonly aggregate: string;
  /** The aggregate's version when the snapshot was taken: another version ignores it. */
  readonly aggregateVersion: number;
  /** The stream version the state is folded up to. */
  readonly streamVersion: number;
  readonly state: unknown;
}

/**
 * Where snapshots live. Stores that keep snapshots expose one as `store.snapshots`. A store keeps
 * one snapshot per stream and aggregate: `save` replaces it when the new one is of another
 * aggregate version or of a higher stream version, and otherwise leaves it (an older snapshot
 * never replaces a newer one).
 *
 * @example
 * ```ts
 * await store.snapshots?.save({ streamId, aggregate: "key-tag-pool", aggregateVersion: 1, streamVersion: 400, state });
 * const snapshot = await store.snapshots?.load(streamId, "key-tag-pool");
 * ```
 */
export interface SnapshotStore {
  load(streamId: string, aggregate: string): Promise<Snapshot | undefined>;
  save(snapshot: Snapshot): Promise<void>;
}
