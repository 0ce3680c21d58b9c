import type { SqliteMigration } from "./sqlite-migrations.js";

/**
 * Migration 4 of the SQLite store: the outbox of notifications (`svcops_notifications`), written
 * in the same transaction as the events that cause them. `body` is the notification as JSON;
 * the other columns say where its delivery stands. Instants are ISO text (`toISOString`), which
 * sort as they compare. The partial index holds only the undelivered rows, which is what a claim
 * reads.
 *
 * @example
 * ```ts
 * sqliteMigrations.find((m) => m.version === 4) === outboxMigration; // true
 * ```
 */
export const outboxMigration: SqliteMigration = {
  version: 4,
  name: "notifications outbox",
  sql: `
    CREATE TABLE svcops_notifications (
      position INTEGER PRIMARY KEY,
      notification_id TEXT NOT NULL UNIQUE,
      site_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      body TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at TEXT,
      lease_owner TEXT,
      lease_until TEXT,
      delivered_at TEXT,
      last_error TEXT
    );
    CREATE INDEX svcops_notifications_undelivered
      ON svcops_notifications (position) WHERE delivered_at IS NULL;
  `,
};
