import type { PostgresMigration } from "./postgres-migrations.js";

/**
 * Migration 6 of the PostgreSQL store: the outbox of notifications (`<schema>.notifications`),
 * written in the same transaction as the events that cause them (see `PostgresOutbox`). `body`
 * is the notification as JSON; the other columns say where its delivery stands. The partial
 * index holds only the undelivered rows, which is what a claim reads. No function changes: an
 * append that carries notifications inserts them with a second statement in its transaction,
 * and one without runs exactly the statements it ran before.
 *
 * @example
 * ```ts
 * postgresMigrations.at(-1) === postgresOutboxMigration; // true
 * ```
 */
export const postgresOutboxMigration: PostgresMigration = {
  version: 6,
  name: "notifications outbox",
  sql: (s) => `
    CREATE TABLE ${s}.notifications (
      position bigserial PRIMARY KEY,
      notification_id text NOT NULL,
      site_id text NOT NULL,
      event_id text NOT NULL,
      body jsonb NOT NULL,
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at timestamptz,
      lease_owner text,
      lease_until timestamptz,
      delivered_at timestamptz,
      last_error text,
      CONSTRAINT notifications_notification_id_key UNIQUE (notification_id)
    );
    CREATE INDEX notifications_undelivered ON ${s}.notifications (position)
      WHERE delivered_at IS NULL;
  `,
};
