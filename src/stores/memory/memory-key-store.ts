import {
  newSubjectKey,
  type PersonalDataKeyStore,
  type SubjectKey,
} from "../../kernel/personal-data-keys.js";

/**
 * A key store in this process's memory (tests, demos, an app that keeps its keys elsewhere):
 * gone when the process ends, and every personal field with it.
 *
 * @example
 * ```ts
 * const ops = createServiceOps({ site: { id: "club-1" }, personalData: { keys: createMemoryKeyStore() } });
 * ```
 */
export function createMemoryKeyStore(): PersonalDataKeyStore {
  /** `<siteId>/<subjectId>` (a site id has no "/") → key. */
  const keys = new Map<string, SubjectKey>();
  const pick = (siteId: string, subjectIds: readonly string[], make: boolean) => {
    const found = new Map<string, SubjectKey>();
    for (const subjectId of subjectIds) {
      const slot = `${siteId}/${subjectId}`;
      let key = keys.get(slot);
      if (!key && make) {
        key = newSubjectKey();
        keys.set(slot, key);
      }
      if (key) found.set(subjectId, key);
    }
    return found;
  };
  return {
    find: async (siteId, subjectIds) => pick(siteId, subjectIds, false),
    obtain: async (siteId, subjectIds) => pick(siteId, subjectIds, true),
    async erase(siteId, subjectId) {
      return keys.delete(`${siteId}/${subjectId}`);
    },
    close: async () => undefined,
  };
}
