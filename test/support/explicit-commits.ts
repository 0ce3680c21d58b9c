/**
 * pg Pool options whose sessions default to SERIALIZABLE. The PostgreSQL store sends an append
 * as one statement (its own transaction) only where the default isolation is READ COMMITTED;
 * on these sessions it falls back to `BEGIN ISOLATION LEVEL READ COMMITTED` … `COMMIT`. Tests
 * that hold or delay that COMMIT (to keep a transaction open, or to make commits land out of
 * order) use them; they also keep the fallback itself under test.
 *
 * @example
 * ```ts
 * const pool = new pg.Pool({ connectionString, ...explicitCommits });
 * ```
 */
export const explicitCommits = {
  options: "-c default_transaction_isolation=serializable",
} as const;
