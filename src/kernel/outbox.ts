import { ValidationError } from "./errors.js";
import type { AppendToStream } from "./event-store.js";
import type { Notification } from "./notification.js";

/**
 * A notification with where its delivery stands.
 *
 * @example
 * ```ts
 * const waiting = (await store.outbox.list({ undelivered: true })).filter((n) => n.attempts > 3);
 * ```
 */
export interface OutboxEntry extends Notification {
  /** Claims so far (each claim is one delivery attempt). */
  readonly attempts: number;
  /** When it was marked delivered (ISO), or undefined. */
  readonly deliveredAt: string | undefined;
  /** Not claimed again before this instant (ISO): a failed attempt's backoff. Undefined: at once. */
  readonly nextAttemptAt: string | undefined;
  /** The last failed attempt's error message. */
  readonly lastError: string | undefined;
}

/**
 * A claim of undelivered notifications (see `NotificationOutbox.claim`).
 *
 * @example
 * ```ts
 * const request: ClaimRequest = { owner: "app-1", now: clock.now(), leaseMs: 60_000, limit: 20, siteId: "club-1" };
 * ```
 */
export interface ClaimRequest {
  /** Who claims: one id per dispatcher (app instance). */
  readonly owner: string;
  /** The claimer's clock, now. */
  readonly now: Date;
  /** How long the claim holds: after it, another owner may claim the notification again. */
  readonly leaseMs: number;
  /** Most notifications claimed at once. */
  readonly limit: number;
  /** Only this site's notifications (a chain's sites may share one store). */
  readonly siteId?: string;
}

/**
 * The outbox of notifications, kept by a store next to its events. A store that has one writes
 * every `AppendToStream.notifications` in the same atomic step as the request's events, so that
 * no notification exists without its event and no event without its notifications.
 *
 * Delivery is at least once: `claim` leases the oldest undelivered notifications that are due
 * (not delivered, not leased by anyone now, backoff over) to one owner and counts an attempt;
 * `markDelivered` ends them; `markFailed` gives one back with a time before which nobody claims
 * it. A lease that runs out (the claimer crashed before it marked anything) makes the
 * notification claimable again: that is the at-least-once, so a handler may see one twice.
 *
 * @example
 * ```ts
 * const claimed = await store.outbox.claim({ owner: "app-1", now: clock.now(), leaseMs: 60_000, limit: 20 });
 * for (const n of claimed) { await send(n); await store.outbox.markDelivered([n.notificationId], clock.now()); }
 * ```
 */
export interface NotificationOutbox {
  /** Leases up to `limit` due notifications to `owner`, oldest first, one attempt each. */
  claim(request: ClaimRequest): Promise<readonly OutboxEntry[]>;
  /** Marks notifications delivered (a repeat mark, or one after the lease ran out, is kept). */
  markDelivered(notificationIds: readonly string[], at: Date): Promise<void>;
  /**
   * Gives back a notification `owner` still holds after a failed attempt: nobody claims it before
   * `retryAt`. Does nothing when another owner has claimed it since, or it was delivered.
   */
  markFailed(notificationId: string, owner: string, retryAt: Date, error: string): Promise<void>;
  /** The site's notifications (all when `siteId` is undefined), oldest first: for tests and tools. */
  list(options?: {
    readonly siteId?: string;
    readonly undelivered?: boolean;
  }): Promise<readonly OutboxEntry[]>;
}

/**
 * Throws a ValidationError unless every notification of a request names one of the request's
 * own events and the ids are distinct: a notification is written with the event that causes
 * it, or not at all. Stores call it, only for requests that carry notifications.
 *
 * @example
 * ```ts
 * if (request.notifications) checkNotifications(request);
 * ```
 */
export function checkNotifications(request: AppendToStream): void {
  const notifications = request.notifications;
  if (!notifications || notifications.length === 0) return;
  const events = new Set(request.events.map((event) => event.eventId));
  const ids = new Set<string>();
  for (const notification of notifications) {
    if (!events.has(notification.eventId)) {
      throw new ValidationError("Append", [
        {
          path: "notifications.eventId",
          message: `notification ${notification.notificationId} names event ${notification.eventId}, which is not among the events of ${request.streamId} in this append`,
        },
      ]);
    }
    if (notification.streamId !== request.streamId) {
      throw new ValidationError("Append", [
        {
          path: "notifications.streamId",
          message: `notification ${notification.notificationId} names stream ${notification.streamId}, not ${request.streamId}`,
        },
      ]);
    }
    if (ids.has(notification.notificationId)) {
      throw new ValidationError("Append", [
        {
          path: "notifications.notificationId",
          message: `notification id ${notification.notificationId} appears twice`,
        },
      ]);
    }
    ids.add(notification.notificationId);
  }
}

/**
 * Whether an outbox entry is due for a claim at `now` by the rules every store follows.
 *
 * @example
 * ```ts
 * entries.filter((e) => isClaimable(e, now));
 * ```
 */
export function isClaimable(
  entry: Pick<OutboxEntry, "deliveredAt" | "nextAttemptAt"> & { readonly leaseUntil?: string },
  now: string,
): boolean {
  return (
    entry.deliveredAt === undefined &&
    (entry.nextAttemptAt === undefined || entry.nextAttemptAt <= now) &&
    (entry.leaseUntil === undefined || entry.leaseUntil <= now)
  );
}
