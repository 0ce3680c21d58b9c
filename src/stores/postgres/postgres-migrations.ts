/** One step of the PostgreSQL schema, applied once per schema and recorded by version. */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  /** The statements, given the quoted schema name. */
  readonly sql: (schema: string) => string;
}

/**
 * The schema of the PostgreSQL store, in order. Never edit a released step; add a new one.
 *
 * - `events`: the log. `UNIQUE (stream_id, stream_version)` lets the database itself refuse a
 *   second event at a version; `transaction_id` (xid8, the writer's transaction) and
 *   `global_position` order the global log.
 * - `commands`: one row per command id, for idempotency.
 * - `snapshots`: one row per stream and aggregate.
 *
 * @example
 * ```ts
 * postgresMigrations.map((m) => `${m.version} ${m.name}`); // ["1 events, commands, snapshots"]
 * ```
 */
export const postgresMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    name: "events, commands, snapshots",
    sql: (s) => `
      CREATE TABLE ${s}.events (
        global_position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version >= 1),
        event_id text NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        command_id text,
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
      );
      CREATE INDEX events_transaction_order ON ${s}.events (transaction_id, global_position);
      CREATE INDEX events_command_id ON ${s}.events (command_id) WHERE command_id IS NOT NULL;
      CREATE TABLE ${s}.commands (
        command_id text PRIMARY KEY,
        fingerprint text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ${s}.snapshots (
        stream_id text NOT NULL,
        aggregate text NOT NULL,
        aggregate_version integer NOT NULL,
        stream_version integer NOT NULL,
        state jsonb NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, aggregate)
      );
    `,
  },
];
