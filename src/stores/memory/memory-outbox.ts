import type { Notification } from "../../kernel/notification.js";
import {
  type ClaimRequest,
  isClaimable,
  type NotificationOutbox,
  type OutboxEntry,
} from "../../kernel/outbox.js";

interface Row {
  readonly notification: Notification;
  attempts: number;
  deliveredAt: string | undefined;
  nextAttemptAt: string | undefined;
  lastError: string | undefined;
  leaseOwner: string | undefined;
  leaseUntil: string | undefined;
}

/**
 * The memory store's outbox: rows in append order, written by the store's `append` in the same
 * synchronous step as the events. Claims scan the undelivered rows (kept apart, so a long run
 * of delivered ones costs nothing).
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.outbox.list({ undelivered: true });
 * ```
 */
export class MemoryOutbox implements NotificationOutbox {
  private readonly rows: Row[] = [];
  private readonly byId = new Map<string, Row>();
  /** Rows not delivered yet, in append order. */
  private pending: Row[] = [];

  /** Adds an append's notifications (the store checked them before it wrote anything). */
  add(notifications: readonly Notification[]): void {
    for (const notification of notifications) {
      const row: Row = {
        notification,
        attempts: 0,
        deliveredAt: undefined,
        nextAttemptAt: undefined,
        lastError: undefined,
        leaseOwner: undefined,
        leaseUntil: undefined,
      };
      this.rows.push(row);
      this.byId.set(notification.notificationId, row);
      this.pending.push(row);
    }
  }

  /** Whether a notification id is taken (the store refuses a second one). */
  has(notificationId: string): boolean {
    return this.byId.has(notificationId);
  }

  async claim(request: ClaimRequest): Promise<readonly OutboxEntry[]> {
    const now = request.now.toISOString();
    const until = new Date(request.now.getTime() + request.leaseMs).toISOString();
    const claimed: OutboxEntry[] = [];
    for (const row of this.pending) {
      if (claimed.length >= request.limit) break;
      if (request.siteId !== undefined && row.notification.siteId !== request.siteId) continue;
      if (!isClaimable(row, now)) continue;
      row.leaseOwner = request.owner;
      row.leaseUntil = until;
      row.attempts += 1;
      claimed.push(entryOf(row));
    }
    return claimed;
  }

  async markDelivered(notificationIds: readonly string[], at: Date): Promise<void> {
    let delivered = false;
    for (const id of notificationIds) {
      const row = this.byId.get(id);
      if (!row || row.deliveredAt !== undefined) continue;
      row.deliveredAt = at.toISOString();
      row.leaseOwner = undefined;
      row.leaseUntil = undefined;
      delivered = true;
    }
    if (delivered) this.pending = this.pending.filter((row) => row.deliveredAt === undefined);
  }

  async markFailed(
    notificationId: string,
    owner: string,
    retryAt: Date,
    error: string,
  ): Promise<void> {
    const row = this.byId.get(notificationId);
    if (!row || row.deliveredAt !== undefined || row.leaseOwner !== owner) return;
    row.nextAttemptAt = retryAt.toISOString();
    row.lastError = error;
    row.leaseOwner = undefined;
    row.leaseUntil = undefined;
  }

  async list(
    options: { readonly siteId?: string; readonly undelivered?: boolean } = {},
  ): Promise<readonly OutboxEntry[]> {
    return (options.undelivered ? this.pending : this.rows)
      .filter((row) => options.siteId === undefined || row.notification.siteId === options.siteId)
      .map(entryOf);
  }
}

function entryOf(row: Row): OutboxEntry {
  return {
    ...row.notification,
    attempts: row.attempts,
    deliveredAt: row.deliveredAt,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
  };
}
