import type { Pool } from "pg";
import { type Lease, lease } from "./lease.js";
import { lockKey } from "./lock-key.js";
import { postgresMigrations } from "./postgres-migrations.js";
import { asUnavailable } from "./postgres-unavailable.js";
import { quoteSchemaName } from "./schema-name.js";

/** Options of `migratePostgres`. */
export interface MigratePostgresOptions {
  /** Schema holding the store's tables (created if missing). Default `"svcops"`. */
  readonly schema?: string;
}

/**
 * Brings a schema up to the newest version of the store's tables, in one transaction, and
 * returns the versions it applied (empty when it was up to date). Safe to run from several
 * instances at once: each takes a transaction-scoped advisory lock for the schema first, so
 * one applies the steps and the others then find them recorded in `<schema>.migrations`.
 * A connection lost on the way rolls everything back and throws a PostgresUnavailable
 * (`store_unavailable`): run it again.
 *
 * @example
 * ```ts
 * const applied = await migratePostgres(pool, { schema: "svcops" }); // [1] the first time
 * ```
 */
export async function migratePostgres(
  pool: Pool,
  options: MigratePostgresOptions = {},
): Promise<readonly number[]> {
  const name = options.schema ?? "svcops";
  const s = quoteSchemaName(name);
  let held: Lease | undefined;
  try {
    held = await lease(pool);
    const client = held.client;
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1, $2)", [
      lockKey("svcops:migrate"),
      lockKey(name),
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const done = await client.query<{ version: number }>(`SELECT version FROM ${s}.migrations`);
    const known = new Set(done.rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of postgresMigrations) {
      if (known.has(migration.version)) continue;
      await client.query(migration.sql(s));
      await client.query(`INSERT INTO ${s}.migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query("COMMIT");
    return applied;
  } catch (error) {
    const failed = held?.fail(error);
    if (held && !failed) {
      const rolledBack = held;
      await held.client
        .query("ROLLBACK")
        .catch((rollbackError: Error) => rolledBack.discard(rollbackError));
    }
    throw asUnavailable("migrate", error, failed);
  } finally {
    held?.release();
  }
}
