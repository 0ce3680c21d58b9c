/**
 * One store shared by several app instances, for the specs that try a guarantee on each kind
 * of store the library ships in-process: memory (one object) and SQLite (one file, a
 * connection per instance, as separate processes would have).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryStore, type EventStore } from "svcops";
import { createPostgresStore } from "svcops/postgres";
import { openSqliteStore } from "svcops/sqlite";
import { afterAll, beforeAll } from "vitest";
import { findPostgres, type PgCluster, startPgCluster } from "./pg-cluster.js";

/** A store kind: `open()` gives another connection to the same store each time it is called. */
export interface SharedStore {
  readonly name: string;
  open(): Promise<EventStore>;
  /** Closes every connection opened and removes the files. */
  release(): Promise<void>;
}

/**
 * A fresh shared store of each kind: memory and SQLite, and with `{ postgres: true }` a schema of
 * its own on a throwaway PostgreSQL cluster, started before the file's specs and stopped after
 * them (skipped, with a warning, where the PostgreSQL programs are missing). Call it at the top
 * level of a spec file, where the cluster's hooks belong.
 */
export function sharedStores(
  options: { readonly postgres?: boolean } = {},
): readonly (() => SharedStore)[] {
  const postgres = options.postgres ? postgresKind() : undefined;
  return [...localKinds(), ...(postgres ? [postgres] : [])];
}

/** A PostgreSQL kind: one cluster per spec file, a schema per shared store. */
function postgresKind(): (() => SharedStore) | undefined {
  const found = findPostgres();
  if (typeof found === "string") {
    console.warn(`PostgreSQL specs skipped: ${found}`);
    return undefined;
  }
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster(found);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  let schemas = 0;
  return () => {
    const schema = `shared_${++schemas}`;
    const opened: EventStore[] = [];
    return {
      name: "PostgreSQL",
      async open() {
        if (!cluster) throw new Error("the PostgreSQL cluster has not started");
        const { connectionString } = cluster;
        const store = createPostgresStore({ connectionString, schema, maxConnections: 4 });
        await store.migrate();
        opened.push(store);
        return store;
      },
      async release() {
        for (const store of opened) await store.close();
      },
    };
  };
}

function localKinds(): (() => SharedStore)[] {
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
