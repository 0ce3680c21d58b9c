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
