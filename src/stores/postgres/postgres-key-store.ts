import pg, { type Pool } from "pg";
import {
  newSubjectKey,
  type PersonalDataKeyStore,
  type SubjectKey,
} from "../../kernel/personal-data-keys.js";
import { lease } from "./lease.js";
import { lockKey } from "./lock-key.js";
import { asUnavailable } from "./postgres-unavailable.js";
import { quoteSchemaName } from "./schema-name.js";

/**
 * How the key store reaches PostgreSQL: a pool you own, or a connection string (best another
 * database than the events', or at least kept out of their backups).
 */
export type PostgresKeyStoreOptions = (
  | { readonly pool: Pool }
  | { readonly connectionString: string; readonly maxConnections?: number }
) & {
  /** Schema of the key table (default `"svcops"`): `<schema>.personal_data_keys`. */
  readonly schema?: string;
};

interface KeyRow {
  readonly subject_id: string;
  readonly key_id: string;
  readonly key: Buffer;
}

/**
 * The personal-data key store on PostgreSQL: `<schema>.personal_data_keys`, created by the
 * store itself on first use (under an advisory lock, so two instances starting at once do not
 * collide); it is no event-store migration. An erased row stays in the table's pages until
 * VACUUM reclaims them: run `VACUUM personal_data_keys` after erasures (see
 * docs/personal-data.md). A lost connection throws a PostgresUnavailable.
 *
 * @example
 * ```ts
 * import { createPostgresKeyStore } from "svcops/postgres";
 * const keys = createPostgresKeyStore({ connectionString: process.env.KEYS_URL ?? "" });
 * const ops = createServiceOps({ site: { id: "club-1" }, store, personalData: { keys } });
 * ```
 */
export function createPostgresKeyStore(options: PostgresKeyStoreOptions): PersonalDataKeyStore {
  const schema = options.schema ?? "svcops";
  const s = quoteSchemaName(schema);
  const table = `${s}.personal_data_keys`;
  const owned = !("pool" in options);
  const pool =
    "pool" in options
      ? options.pool
      : new pg.Pool({
          connectionString: options.connectionString,
          max: options.maxConnections ?? 4,
          application_name: "svcops-keys",
        });
  if (owned) pool.on("error", () => undefined);

  let ready: Promise<void> | undefined;
  const ensureTable = () => {
    ready ??= (async () => {
      // Through a lease: its error listener is on from the moment the pool hands the
      // connection over, so a connection that breaks here cannot crash the app (see Lease).
      const held = await lease(pool);
      const { client } = held;
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock($1)", [
          lockKey(`svcops:personal_data_keys:${schema}`),
        ]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
          site_id text NOT NULL,
          subject_id text NOT NULL,
          key_id text NOT NULL,
          key bytea NOT NULL,
          PRIMARY KEY (site_id, subject_id)
        )`);
        await client.query("COMMIT");
      } catch (error) {
        held.fail(error);
        await client.query("ROLLBACK").catch((rollback: Error) => held.discard(rollback));
        throw error;
      } finally {
        held.release();
      }
    })().catch((error) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
  const rows = (result: { rows: KeyRow[] }) => {
    const found = new Map<string, SubjectKey>();
    for (const row of result.rows) {
      found.set(row.subject_id, { keyId: row.key_id, key: new Uint8Array(row.key) });
    }
    return found;
  };
  const find = async (siteId: string, subjectIds: readonly string[]) => {
    await ensureTable();
    return rows(
      await pool.query<KeyRow>(
        `SELECT subject_id, key_id, key FROM ${table} WHERE site_id = $1 AND subject_id = ANY($2::text[])`,
        [siteId, subjectIds],
      ),
    );
  };
  const guarded = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw asUnavailable(operation, error);
    }
  };

  return {
    find: (siteId, subjectIds) => guarded("find keys", () => find(siteId, subjectIds)),
    obtain: (siteId, subjectIds) =>
      guarded("obtain keys", async () => {
        const found = new Map(await find(siteId, subjectIds));
        const missing = subjectIds.filter((subject) => !found.has(subject));
        if (missing.length === 0) return found;
        const fresh = missing.map(() => newSubjectKey());
        // A key another instance made meanwhile wins (DO NOTHING); read them all back.
        await pool.query(
          `INSERT INTO ${table} (site_id, subject_id, key_id, key)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bytea[])
           ON CONFLICT DO NOTHING`,
          [siteId, missing, fresh.map((k) => k.keyId), fresh.map((k) => Buffer.from(k.key))],
        );
        for (const [subject, key] of await find(siteId, missing)) found.set(subject, key);
        return found;
      }),
    erase: (siteId, subjectId) =>
      guarded("erase a key", async () => {
        await ensureTable();
        const result = await pool.query(
          `DELETE FROM ${table} WHERE site_id = $1 AND subject_id = $2`,
          [siteId, subjectId],
        );
        return (result.rowCount ?? 0) > 0;
      }),
    async close() {
      if (owned) await pool.end();
    },
  };
}
