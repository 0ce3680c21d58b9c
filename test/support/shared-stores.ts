/**
 * One store shared by several app instances, for the specs that try a guarantee on each kind
 * of store the library ships in-process: memory (one object) and SQLite (one file, a
 * connection per instance, as separate processes would have).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryStore, type EventStore } from "svcops";
import { openSqliteStore } from "svcops/sqlite";

/** A store kind: `open()` gives another connection to the same store each time it is called. */
export interface SharedStore {
  readonly name: string;
  open(): Promise<EventStore>;
  /** Closes every connection opened and removes the files. */
  release(): Promise<void>;
}

/** A fresh shared store of each kind. */
export function sharedStores(): readonly (() => SharedStore)[] {
  return [
    () => {
      const store = createMemoryStore();
      return { name: "memory", open: async () => store, release: async () => {} };
    },
    () => {
      const dir = mkdtempSync(join(tmpdir(), "svcops-shared-"));
      const path = join(dir, "shared.sqlite");
      const opened: EventStore[] = [];
      return {
        name: "SQLite",
        async open() {
          const store = await openSqliteStore({ path, synchronous: "normal" });
          opened.push(store);
          return store;
        },
        async release() {
          for (const store of opened) await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ];
}
