/**
 * svcops/sqlite: the EventStore in one SQLite file, on better-sqlite3 (an optional peer
 * dependency: install it to use this entry).
 *
 * @example
 * ```ts
 * import { openSqliteStore } from "svcops/sqlite";
 * const store = await openSqliteStore({ path: "front-desk.db" });
 * ```
 * @packageDocumentation
 */
export * from "./migrate.js";
export { isBusyError } from "./retry-busy.js";
export * from "./sqlite-key-store.js";
export * from "./sqlite-migrations.js";
export * from "./sqlite-outbox.js";
export * from "./sqlite-outbox-migration.js";
export * from "./sqlite-snapshot-store.js";
export * from "./sqlite-store.js";
