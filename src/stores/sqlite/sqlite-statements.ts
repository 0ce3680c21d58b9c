import type Database from "better-sqlite3";
import type { EventEnvelope } from "../../kernel/envelope.js";

/**
 * A row of `svcops_events` as an array (`EVENT_COLUMNS` in order): the statements that read
 * events run in better-sqlite3's raw mode, which skips building an object per row (a property at
 * a time, about 1 µs of a row's 2.6 when the global log is read).
 */
export type EventRow = readonly [
  position: number,
  eventId: string,
  streamId: string,
  streamVersion: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
];

/** A stream's number and last event (version and id), as `streamHead` reads them (raw). */
export type StreamHeadRow = readonly [streamNo: number, version: number, eventId: string];

/** A row of `svcops_commands`. */
export interface CommandRow {
  readonly fingerprint: string;
  readonly first_position: number | null;
  readonly event_count: number;
}

/** A row of `svcops_snapshots`. */
export interface SnapshotRow {
  readonly aggregate_version: number;
  readonly stream_version: number;
  readonly state: string;
}

const EVENT_COLUMNS =
  "position, event_id, stream_id, stream_version, type, schema_version, data, metadata";

/** The prepared statements of one connection (see `prepareStatements`). */
export interface SqliteStatements {
  /** The stream's number and its last event's version and id (no row for an empty stream). */
  readonly streamHead: Database.Statement<[string], StreamHeadRow>;
  /** Numbers a new stream (the number is `lastInsertRowid`). */
  readonly insertStream: Database.Statement<[string]>;
  readonly insertEvent: Database.Statement<
    [string, number, string, number, string, number, string, string]
  >;
  readonly readStream: Database.Statement<[string, number], EventRow>;
  readonly readAll: Database.Statement<[number, number], EventRow>;
  /** A command's row, by site and command id. */
  readonly command: Database.Statement<[string, string], CommandRow>;
  /** 1 when the site's command id is stored (plucked), else no row. */
  readonly commandSeen: Database.Statement<[string, string], number>;
  readonly insertCommand: Database.Statement<[string, string, string, number | null, number]>;
  readonly loadSnapshot: Database.Statement<[string, string], SnapshotRow>;
  readonly saveSnapshot: Database.Statement<[string, string, number, number, string]>;
}

/**
 * Prepares, once per connection, every statement the SQLite store runs.
 *
 * @example
 * ```ts
 * const statements = prepareStatements(db);
 * const row = statements.streamHead.get("site-1/visit/v-1");
 * ```
 */
export function prepareStatements(db: Database.Database): SqliteStatements {
  return {
    streamHead: db
      .prepare<[string], StreamHeadRow>(
        `SELECT e.stream_no, e.stream_version, e.event_id
         FROM svcops_streams s JOIN svcops_events e ON e.stream_no = s.stream_no
         WHERE s.stream_id = ? ORDER BY e.stream_version DESC LIMIT 1`,
      )
      .raw(true),
    insertStream: db.prepare<[string]>("INSERT INTO svcops_streams (stream_id) VALUES (?)"),
    insertEvent: db.prepare<[string, number, string, number, string, number, string, string]>(
      `INSERT INTO svcops_events
         (event_id, stream_no, stream_id, stream_version, type, schema_version, data, metadata)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    readStream: db
      .prepare<[string, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM svcops_events
         WHERE stream_no = (SELECT stream_no FROM svcops_streams WHERE stream_id = ?)
           AND stream_version > ? ORDER BY stream_version`,
      )
      .raw(true),
    readAll: db
      .prepare<[number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM svcops_events WHERE position > ? ORDER BY position LIMIT ?`,
      )
      .raw(true),
    command: db.prepare<[string, string], CommandRow>(
      `SELECT fingerprint, first_position, event_count FROM svcops_commands
       WHERE site_id = ? AND command_id = ?`,
    ),
    commandSeen: db
      .prepare<[string, string], number>(
        "SELECT 1 FROM svcops_commands WHERE site_id = ? AND command_id = ?",
      )
      .pluck(true),
    insertCommand: db.prepare<[string, string, string, number | null, number]>(
      `INSERT INTO svcops_commands (site_id, command_id, fingerprint, first_position, event_count)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    loadSnapshot: db.prepare<[string, string], SnapshotRow>(
      `SELECT aggregate_version, stream_version, state FROM svcops_snapshots
       WHERE aggregate = ? AND stream_id = ?`,
    ),
    saveSnapshot: db.prepare<[string, string, number, number, string]>(
      `INSERT INTO svcops_snapshots (aggregate, stream_id, aggregate_version, stream_version, state)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (aggregate, stream_id) DO UPDATE SET
         aggregate_version = excluded.aggregate_version,
         stream_version = excluded.stream_version,
         state = excluded.state
       WHERE svcops_snapshots.aggregate_version <> excluded.aggregate_version
          OR svcops_snapshots.stream_version < excluded.stream_version`,
    ),
  };
}

/**
 * Turns a row of `svcops_events` back into the envelope that was appended.
 *
 * @example
 * ```ts
 * const events = statements.readStream.all(streamId, 0).map(toEnvelope);
 * ```
 */
export function toEnvelope(row: EventRow): EventEnvelope {
  return {
    eventId: row[1],
    streamId: row[2],
    streamVersion: row[3],
    globalPosition: row[0],
    type: row[4],
    schemaVersion: row[5],
    data: JSON.parse(row[6]),
    metadata: JSON.parse(row[7]),
  } as EventEnvelope;
}
