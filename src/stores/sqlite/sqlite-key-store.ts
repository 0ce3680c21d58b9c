import Database from "better-sqlite3";
import {
  newSubjectKey,
  type PersonalDataKeyStore,
  type SubjectKey,
} from "../../kernel/personal-data-keys.js";
import { retryBusy } from "./retry-busy.js";

/**
 * Options of `openSqliteKeyStore`.
 *
 * @example
 * ```ts
 * const options: SqliteKeyStoreOptions = { path: "club-1-keys.db" };
 * ```
 */
export interface SqliteKeyStoreOptions {
  /**
   * The database file; created when missing. Best a file of its own, kept out of the event
   * file's backups (an erased key lives on in any backup taken before).
   */
  readonly path: string;
  /** SQLite's `busy_timeout` in ms (default 5000). */
  readonly busyTimeoutMs?: number;
}

interface KeyRow {
  subject_id: string;
  key_id: string;
  key: Buffer;
}

/**
 * Opens the personal-data key store in a SQLite file (table `personal_data_keys`, created
 * here when missing; no event-store migration). `secure_delete` is on, so an erased key's
 * bytes are overwritten in the file, and the WAL is checkpointed and truncated after an
 * erasure so that no older copy of the page stays in it.
 *
 * @example
 * ```ts
 * import { openSqliteKeyStore, openSqliteStore } from "svcops/sqlite";
 * const ops = createServiceOps({
 *   site: { id: "club-1" },
 *   store: await openSqliteStore({ path: "club-1.db" }),
 *   personalData: { keys: await openSqliteKeyStore({ path: "club-1-keys.db" }) },
 * });
 * ```
 */
export async function openSqliteKeyStore(
  options: SqliteKeyStoreOptions,
): Promise<PersonalDataKeyStore> {
  const db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    await retryBusy(() => db.pragma("journal_mode = WAL"), 4);
    db.pragma("secure_delete = ON");
    db.pragma("synchronous = FULL");
    await retryBusy(
      () =>
        db.exec(`CREATE TABLE IF NOT EXISTS personal_data_keys (
          site_id TEXT NOT NULL,
          subject_id TEXT NOT NULL,
          key_id TEXT NOT NULL,
          key BLOB NOT NULL,
          PRIMARY KEY (site_id, subject_id)
        ) WITHOUT ROWID`),
      4,
    );
  } catch (error) {
    db.close();
    throw error;
  }
  const select = db.prepare<[string, string], KeyRow>(
    "SELECT subject_id, key_id, key FROM personal_data_keys WHERE site_id = ? AND subject_id = ?",
  );
  const insert = db.prepare<[string, string, string, Buffer]>(
    "INSERT INTO personal_data_keys (site_id, subject_id, key_id, key) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const remove = db.prepare<[string, string]>(
    "DELETE FROM personal_data_keys WHERE site_id = ? AND subject_id = ?",
  );
  const pick = db.transaction((siteId: string, subjectIds: readonly string[], make: boolean) => {
    const found = new Map<string, SubjectKey>();
    for (const subjectId of subjectIds) {
      let row = select.get(siteId, subjectId);
      if (!row && make) {
        const fresh = newSubjectKey();
        insert.run(siteId, subjectId, fresh.keyId, Buffer.from(fresh.key));
        row = select.get(siteId, subjectId);
      }
      if (row) found.set(subjectId, { keyId: row.key_id, key: new Uint8Array(row.key) });
    }
    return found;
  });
  return {
    find: (siteId, subjectIds) => retryBusy(() => pick(siteId, subjectIds, false), 4),
    obtain: (siteId, subjectIds) => retryBusy(() => pick.immediate(siteId, subjectIds, true), 4),
    async erase(siteId, subjectId) {
      const erased = await retryBusy(() => remove.run(siteId, subjectId).changes > 0, 4);
      // The deleted page was written to the WAL zeroed; drop the older copies of it there.
      try {
        db.pragma("wal_checkpoint(TRUNCATE)");
      } catch {
        // Busy with a reader: the next checkpoint overwrites them.
      }
      return erased;
    },
    close: async () => {
      db.close();
    },
  };
}
