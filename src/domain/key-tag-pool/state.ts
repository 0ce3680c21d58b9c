/**
 * The site's key-tag pool. `out` holds only the tags out now (small: the people inside), so a
 * check-in copies a small map, not the whole pool.
 */
export interface KeyTagPoolState {
  /** Every tag ever registered, retired ones included. */
  readonly registered: ReadonlySet<string>;
  /** Tag → visit it is out on. */
  readonly out: ReadonlyMap<string, string>;
  readonly retired: ReadonlySet<string>;
}

export const initialKeyTagPoolState: KeyTagPoolState = {
  registered: new Set(),
  out: new Map(),
  retired: new Set(),
};
