import { randomBytes } from "node:crypto";

/** A data subject's key: 32 random bytes (AES-256-GCM) and an id that names this key. */
export interface SubjectKey {
  /** Random, new for each key: a subject erased and seen again gets another key and id. */
  readonly keyId: string;
  readonly key: Uint8Array;
}

/**
 * The key store port: one key per (site, data subject), kept apart from the events. Erasing a
 * subject's key makes every field encrypted with it unreadable for good (crypto-shredding).
 * svcops ships `createMemoryKeyStore` (svcops), `openSqliteKeyStore` (svcops/sqlite) and
 * `createPostgresKeyStore` (svcops/postgres); each keeps its own table.
 *
 * @example
 * ```ts
 * const keys: PersonalDataKeyStore = createMemoryKeyStore();
 * const ops = createServiceOps({ site: { id: "club-1" }, personalData: { keys } });
 * await ops.erasePersonalData("visitor:vis-1");
 * ```
 */
export interface PersonalDataKeyStore {
  /** The keys there are of these subjects at a site (an erased or never-made one is missing). */
  find(siteId: string, subjectIds: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>>;
  /**
   * The keys of these subjects at a site, making and keeping a new one (`newSubjectKey`) for
   * each that has none. Two callers that make one for the same subject at once get the same.
   */
  obtain(siteId: string, subjectIds: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>>;
  /** Erases a subject's key for good; true when there was one. */
  erase(siteId: string, subjectId: string): Promise<boolean>;
  /** Releases the store's connection (a pool passed in stays open). */
  close(): Promise<void>;
}

/**
 * A new random subject key (node:crypto).
 *
 * @example
 * ```ts
 * const { keyId, key } = newSubjectKey(); // key.length === 32
 * ```
 */
export function newSubjectKey(): SubjectKey {
  return { keyId: randomBytes(9).toString("base64url"), key: randomBytes(32) };
}
