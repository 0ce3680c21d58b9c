import type Database from "better-sqlite3";
import { SvcOpsError } from "../../kernel/errors.js";
import { retryBusy } from "./retry-busy.js";
import { type SqliteMigration, sqliteMigrations } from "./sqlite-migrations.js";

/**
 * What a `migrate` call did.
 *
 * @example
 * ```ts
 * const report: MigrationReport = await migrate(db); // { applied: [1], version: 1 } on a new file
 * ```
 */
export interface MigrationReport {
  /** Versions this call applied, in order; empty when the file was already up to date. */
  readonly applied: readonly number[];
  /** The schema version of the file afterwards. */
  readonly version: number;
}

/**
 * Options of `migrate`.
 *
 * @example
 * ```ts
 * await migrate(db, { busyRetries: 10 });
 * ```
 */
export interface MigrateOptions {
  /** Migrations to apply (default: `sqliteMigrations`, the store's schema). */
  readonly migrations?: readonly SqliteMigration[];
  /** Extra attempts when the file stays locked past the busy timeout (default 4). */
  readonly busyRetries?: number;
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS svcops_schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`;

/**
 * Brings an SQLite file to the store's schema. The applied versions are kept in the table
 * `svcops_schema_migrations`; the check and every missing migration run in one
 * `BEGIN IMMEDIATE` transaction, so two processes migrating the same file at once are safe (the
 * second waits for the first, then finds nothing to do) and a failed migration leaves the file
 * as it was. Idempotent. `openSqliteStore` runs it; call it yourself to migrate at deploy time.
 * Throws a SvcOpsError `schema_too_new` when the file was migrated by a newer svcops.
 *
 * @example
 * ```ts
 * import Database from "better-sqlite3";
 * import { migrate } from "svcops/sqlite";
 *
 * const db = new Database("front-desk.db", { timeout: 5000 });
 * const { applied, version } = await migrate(db);
 * db.close();
 * ```
 */
export async function migrate(
  db: Database.Database,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const migrations = [...(options.migrations ?? sqliteMigrations)].sort(
    (a, b) => a.version - b.version,
  );
  const latest = migrations.at(-1)?.version ?? 0;
  const run = db.transaction((): MigrationReport => {
    db.exec(MIGRATIONS_TABLE);
    const row = db
      .prepare("SELECT MAX(version) AS version FROM svcops_schema_migrations")
      .get() as {
      version: number | null;
    };
    const current = row.version ?? 0;
    if (current > latest) {
      throw new SvcOpsError(
        "schema_too_new",
        `The SQLite file is at schema version ${current} but this svcops knows versions up to ${latest}; upgrade svcops.`,
      );
    }
    const record = db.prepare("INSERT INTO svcops_schema_migrations (version, name) VALUES (?, ?)");
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name);
      applied.push(migration.version);
    }
    return { applied, version: Math.max(current, latest) };
  });
  return retryBusy(() => run.immediate(), options.busyRetries ?? 4);
}
