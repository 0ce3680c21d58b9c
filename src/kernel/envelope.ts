import type { Message } from "./message.js";
import type { RoleName } from "./roles.js";

/** Who issued a command: a staff member (or a system process) in one role. */
export interface ActorRef {
  readonly id: string;
  /** A role of the catalogue or one the app declared (see `RoleName`). */
  readonly role: RoleName;
}

/** The actor of a command, with the sites the actor belongs to (a chain shares one store). */
export interface Actor extends ActorRef {
  /** Sites this actor may act on. */
  readonly sites: readonly string[];
}

/** What every stored event says about how it came to be. */
export interface EventMetadata {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: ActorRef;
  readonly siteId: string;
  /** When the command was decided (ISO 8601, UTC), from the clock port. */
  readonly occurredAt: string;
  /** When the events were handed to the store (ISO 8601, UTC), from the clock port. */
  readonly recordedAt: string;
}

/** An event ready to append: the store assigns stream, version and global position. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface EnvelopeFields {
  /** ULID, unique and sortable. */
  readonly eventId: string;
  readonly streamId: string;
  /** 1 for a stream's first event. */
  readonly streamVersion: number;
  /** Position in the store's global log (unique; increasing in commit order on memory and SQLite). */
  readonly globalPosition: number;
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
}

/**
 * A stored event. Distributes over a union of messages, so `switch (envelope.type)` narrows `data`.
 *
 * @example
 * ```ts
 * function fold(view: number, envelope: EventEnvelope<VisitEvent>) {
 *   return envelope.type === "MemberCheckedIn" ? view + 1 : view;
 * }
 * ```
 */
export type EventEnvelope<E extends Message = Message> = E extends Message
  ? EnvelopeFields & { readonly type: E["type"]; readonly data: E["data"] }
  : never;
