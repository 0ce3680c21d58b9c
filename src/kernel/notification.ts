import type { Message } from "./message.js";
import type { RoleName } from "./roles.js";
import type { RuleId } from "./rule-ids.js";

/**
 * Who a notification is for: a role at the site (the app finds who holds it now: the duty
 * manager on shift), and the staff member when the event names one; or only a person the event
 * names without a role of the catalogue (W1: the engineer on duty an emergency repair notifies).
 *
 * @example
 * ```ts
 * const to: Recipient = { role: "coach", staffId: "coach-1" };
 * ```
 */
export type Recipient =
  | {
      readonly role: RoleName;
      /** The staff member, when the event names one (I1: the CS manager who was told). */
      readonly staffId?: string;
    }
  | { readonly role?: undefined; readonly staffId: string };

/**
 * What a rule tells someone, as an aggregate's `notifications` mapping returns it. Keep `data`
 * small, JSON-safe and free of personal data (names, phone numbers, injuries): the app's
 * handler looks the details up from the ids it carries, so an erased member is not kept in the
 * outbox.
 *
 * @example
 * ```ts
 * const draft: NotificationDraft = {
 *   type: "IncidentReported", rule: "I1", to: { role: "coach", staffId: "c-1" },
 *   data: { incidentId: "inc-1", place: "pool", severity: "minor" },
 * };
 * ```
 */
export interface NotificationDraft {
  /** What happened, for the app to choose the message (usually the event's type). */
  readonly type: string;
  readonly to: Recipient;
  /** The catalogue rule the notification serves, when one does. */
  readonly rule?: RuleId;
  /** The message's facts: ids, places, instants (JSON-safe, no personal data). */
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * A notification as the outbox keeps it: the draft, the event that caused it and when.
 *
 * @example
 * ```ts
 * function text(n: Notification): string {
 *   return `${n.type} at ${n.siteId}: ${JSON.stringify(n.data)}`;
 * }
 * ```
 */
export interface Notification extends NotificationDraft {
  /** ULID, unique in the store. A handler may use it to drop a repeat delivery. */
  readonly notificationId: string;
  readonly siteId: string;
  /** The event whose append wrote it (the same transaction). */
  readonly eventId: string;
  readonly streamId: string;
  /** When the event was recorded (ISO, from the clock port). */
  readonly createdAt: string;
}

/**
 * What an aggregate's `notifications` mapping may know besides the event.
 *
 * @example
 * ```ts
 * const context: NotificationContext = { siteId: "club-1", streamId: "club-1/incident/inc-1", now: new Date() };
 * ```
 */
export interface NotificationContext {
  readonly siteId: string;
  readonly streamId: string;
  /** The instant the command was handled (the clock port). */
  readonly now: Date;
}

/**
 * A pure mapping from an event to the notifications it causes (most events: none). Declared on
 * an aggregate (`notifications`) or given to ServiceOps for the app's own; the command handler
 * calls it on every event it appends and hands the result to the store in the same atomic
 * append.
 *
 * @example
 * ```ts
 * const onIncident: NotificationMapping<IncidentEvent> = (event) =>
 *   event.type === "IncidentReported"
 *     ? event.data.notified.map((p) => ({ type: event.type, rule: "I1", to: { role: p.role, staffId: p.staffId }, data: { incidentId: event.data.incidentId } }))
 *     : [];
 * ```
 */
export type NotificationMapping<E extends Message = Message> = (
  event: E,
  context: NotificationContext,
) => readonly NotificationDraft[];
