import type { EventEnvelope, EventMetadata } from "../../kernel/envelope.js";

/** A row of `<schema>.events` as the store selects it. */
export interface EventRow {
  /** bigint, as text. */
  readonly global_position: string;
  /** xid8, as text. */
  readonly transaction_id: string;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** The columns of an EventRow, for SELECT lists. */
export const EVENT_COLUMNS =
  "global_position, transaction_id, stream_id, stream_version, event_id, type, schema_version, data, metadata";

/**
 * Turns an events row into an envelope; `globalPosition` is the row's `global_position`.
 *
 * @example
 * ```ts
 * const envelopes = result.rows.map(toEnvelope);
 * ```
 */
export function toEnvelope(row: EventRow): EventEnvelope {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: Number(row.global_position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
  } as EventEnvelope;
}

/** An events row in EVENT_COLUMNS order, as a query with `rowMode: "array"` returns it. */
export type EventRowValues = [
  global_position: string,
  transaction_id: string,
  stream_id: string,
  stream_version: number,
  event_id: string,
  type: string,
  schema_version: number,
  data: unknown,
  metadata: EventMetadata,
];

/**
 * `toEnvelope` for a row read with `rowMode: "array"`: pg builds no object with named fields per
 * row, which is most of its work on a page of the global log.
 *
 * @example
 * ```ts
 * const result = await pool.query({ text: `SELECT ${EVENT_COLUMNS} FROM …`, rowMode: "array" });
 * const envelopes = (result.rows as EventRowValues[]).map(envelopeOfValues);
 * ```
 */
export function envelopeOfValues(values: EventRowValues): EventEnvelope {
  return {
    eventId: values[4],
    streamId: values[2],
    streamVersion: values[3],
    globalPosition: Number(values[0]),
    type: values[5],
    schemaVersion: values[6],
    data: values[7],
    metadata: values[8],
  } as EventEnvelope;
}
