import { outboxMigration } from "./sqlite-outbox-migration.js";

/**
 * One step of the SQLite schema, applied once, in version order, by `migrate`.
 *
 * @example
 * ```ts
 * const next: SqliteMigration = { version: 2, name: "events by type", sql: "CREATE INDEX …" };
 * ```
 */
export interface SqliteMigration {
  /** 1, 2, 3…: a migration's place in the schema's history. Never reused or reordered. */
  readonly version: number;
  /** A short name, kept in the migrations table for people reading it. */
  readonly name: string;
  /** SQL run inside the migration's transaction (several statements allowed). */
  readonly sql: string;
}

/**
 * The schema of the SQLite store, as the migrations that build it. A released migration is
 * never edited: a change of schema is a new entry at the end. Tables are prefixed `svcops_` so
 * an app may keep its own tables in the same file.
 *
 * @example
 * ```ts
 * import { sqliteMigrations } from "svcops/sqlite";
 * const latest = sqliteMigrations.at(-1)?.version; // the version `migrate` brings a file to
 * ```
 */
export const sqliteMigrations: readonly SqliteMigration[] = Object.freeze([
  {
    version: 1,
    name: "events, commands, snapshots",
    sql: `
      CREATE TABLE svcops_events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        stream_version INTEGER NOT NULL CHECK (stream_version >= 1),
        type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        UNIQUE (stream_id, stream_version)
      );
      CREATE TABLE svcops_commands (
        command_id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        first_position INTEGER,
        event_count INTEGER NOT NULL CHECK (event_count >= 0)
      ) WITHOUT ROWID;
      CREATE TABLE svcops_snapshots (
        aggregate TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        aggregate_version INTEGER NOT NULL,
        stream_version INTEGER NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (aggregate, stream_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: "stream numbers",
    // A stream gets a number when its first event is written, in creation order, and the
    // events' unique key becomes (stream_no, stream_version). The streams that are busy at one
    // time were created at about the same time, so their keys sit in the last few leaves of
    // that index instead of one leaf per stream id (random or per-desk ids): a commit of 8
    // commands rewrote 19 pages, now about 13. The table is copied (SQLite cannot change a
    // table's key in place), and positions lose AUTOINCREMENT, whose counter was one more
    // page per commit: events are never deleted, so max + 1 is the same sequence.
    sql: `
      CREATE TABLE svcops_streams (
        stream_no INTEGER PRIMARY KEY,
        stream_id TEXT NOT NULL UNIQUE
      );
      INSERT INTO svcops_streams (stream_id)
        SELECT stream_id FROM svcops_events GROUP BY stream_id ORDER BY MIN(position);
      CREATE TABLE svcops_events_2 (
        position INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        stream_no INTEGER NOT NULL,
        stream_id TEXT NOT NULL,
        stream_version INTEGER NOT NULL CHECK (stream_version >= 1),
        type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        UNIQUE (stream_no, stream_version)
      );
      INSERT INTO svcops_events_2
        (position, event_id, stream_no, stream_id, stream_version, type, schema_version, data, metadata)
        SELECT e.position, e.event_id, s.stream_no, e.stream_id, e.stream_version, e.type,
               e.schema_version, e.data, e.metadata
        FROM svcops_events e JOIN svcops_streams s ON s.stream_id = e.stream_id
        ORDER BY e.position;
      DROP TABLE svcops_events;
      ALTER TABLE svcops_events_2 RENAME TO svcops_events;
    `,
  },
  {
    version: 3,
    name: "command ids per site",
    // A command id is unique per site, not per file: two sites of a chain may send the same id
    // for different commands (before, the second site got the first one's result, a leak). The
    // key becomes (site_id, command_id). A stored command's site is the siteId of its first
    // event's metadata (the handler writes it on every event); a command that appended no
    // event, or events without a site, gets site "" and can no longer be found by any site:
    // its id is free again, as it is for a site that never used it.
    sql: `
      CREATE TABLE svcops_commands_2 (
        site_id TEXT NOT NULL,
        command_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        first_position INTEGER,
        event_count INTEGER NOT NULL CHECK (event_count >= 0),
        PRIMARY KEY (site_id, command_id)
      ) WITHOUT ROWID;
      INSERT INTO svcops_commands_2 (site_id, command_id, fingerprint, first_position, event_count)
        SELECT coalesce(
                 (SELECT json_extract(e.metadata, '$.siteId') FROM svcops_events e
                   WHERE e.position = c.first_position AND json_valid(e.metadata)),
                 ''),
               c.command_id, c.fingerprint, c.first_position, c.event_count
        FROM svcops_commands c;
      DROP TABLE svcops_commands;
      ALTER TABLE svcops_commands_2 RENAME TO svcops_commands;
    `,
  },
  outboxMigration,
]);
