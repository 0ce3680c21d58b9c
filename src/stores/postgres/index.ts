/**
 * svcops/postgres: the EventStore on PostgreSQL (optional peer dependency `pg`).
 *
 * @example
 * ```ts
 * import { createPostgresStore } from "svcops/postgres";
 *
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL ?? "" });
 * await store.migrate();
 * ```
 * @packageDocumentation
 */
export * from "./migrate-postgres.js";
export * from "./postgres-checkpoint.js";
export * from "./postgres-key-store.js";
export * from "./postgres-migrations.js";
export * from "./postgres-outbox.js";
export * from "./postgres-outbox-migration.js";
export * from "./postgres-snapshot-store.js";
export * from "./postgres-store.js";
export * from "./postgres-unavailable.js";
