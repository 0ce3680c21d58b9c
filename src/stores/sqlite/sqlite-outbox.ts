import type Database from "better-sqlite3";
import type { AppendToStream } from "../../kernel/event-store.js";
import type { Notification } from "../../kernel/notification.js";
import type { ClaimRequest, NotificationOutbox, OutboxEntry } from "../../kernel/outbox.js";
import { retryBusy } from "./retry-busy.js";

/** A row of `svcops_notifications` as the outbox reads it. */
interface OutboxRow {
  readonly position: number;
  readonly body: string;
  readonly attempts: number;
  readonly next_attempt_at: string | null;
  readonly delivered_at: string | null;
  readonly last_error: string | null;
}

const ROW = "position, body, attempts, next_attempt_at, delivered_at, last_error";

/**
 * The SQLite store's outbox, in the table `svcops_notifications` of the same file (migration 4).
 * The store's append writes a request's notifications inside its own `BEGIN IMMEDIATE`
 * transaction (`write`), so they commit with the events or not at all; an append without
 * notifications runs no statement of this class. A claim is one `UPDATE … RETURNING` under
 * SQLite's single writer, so two processes never claim one row at once.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore({ path: "front-desk.db" });
 * const due = await store.outbox.claim({ owner: "desk-pc-1", now: new Date(), leaseMs: 60_000, limit: 10 });
 * ```
 */
export class SqliteOutbox implements NotificationOutbox {
  private readonly insert: Database.Statement<[string, string, string, string]>;
  private readonly claimRows: Database.Statement<
    [string, string, string, string, string | null, string | null, number],
    OutboxRow
  >;
  private readonly deliver: Database.Statement<[string, string]>;
  private readonly fail: Database.Statement<[string, string, string, string]>;
  private readonly listRows: Database.Statement<
    [string | null, string | null, string | null],
    OutboxRow
  >;
  private readonly deliverMany: Database.Transaction<(ids: readonly string[], at: string) => void>;

  constructor(
    db: Database.Database,
    private readonly busyRetries: number,
  ) {
    this.insert = db.prepare(
      `INSERT INTO svcops_notifications (notification_id, site_id, event_id, body)
       VALUES (?, ?, ?, ?)`,
    );
    this.claimRows = db.prepare(
      `UPDATE svcops_notifications
          SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
        WHERE position IN (
          SELECT position FROM svcops_notifications
           WHERE delivered_at IS NULL
             AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
             AND (lease_until IS NULL OR lease_until <= ?)
             AND (? IS NULL OR site_id = ?)
           ORDER BY position LIMIT ?)
       RETURNING ${ROW}`,
    );
    this.deliver = db.prepare(
      `UPDATE svcops_notifications SET delivered_at = ?, lease_owner = NULL, lease_until = NULL
        WHERE notification_id = ? AND delivered_at IS NULL`,
    );
    this.fail = db.prepare(
      `UPDATE svcops_notifications
          SET next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL
        WHERE notification_id = ? AND lease_owner = ? AND delivered_at IS NULL`,
    );
    this.listRows = db.prepare(
      `SELECT ${ROW} FROM svcops_notifications
        WHERE (? IS NULL OR site_id = ?) AND (? IS NULL OR delivered_at IS NULL)
        ORDER BY position`,
    );
    this.deliverMany = db.transaction((ids: readonly string[], at: string) => {
      for (const id of ids) this.deliver.run(at, id);
    });
  }

  /**
   * Writes a request's notifications; called inside the store's append transaction, after the
   * request's events, only for a request that has some (checked with `checkNotifications`).
   */
  write(request: AppendToStream): void {
    for (const n of request.notifications ?? []) {
      this.insert.run(n.notificationId, n.siteId, n.eventId, JSON.stringify(n));
    }
  }

  async claim(request: ClaimRequest): Promise<readonly OutboxEntry[]> {
    const now = request.now.toISOString();
    const until = new Date(request.now.getTime() + request.leaseMs).toISOString();
    const site = request.siteId ?? null;
    const rows = await retryBusy(
      () => this.claimRows.all(request.owner, until, now, now, site, site, request.limit),
      this.busyRetries,
    );
    return rows.sort((a, b) => a.position - b.position).map(entryOf);
  }

  async markDelivered(notificationIds: readonly string[], at: Date): Promise<void> {
    if (notificationIds.length === 0) return;
    const instant = at.toISOString();
    await retryBusy(() => this.deliverMany.immediate(notificationIds, instant), this.busyRetries);
  }

  async markFailed(
    notificationId: string,
    owner: string,
    retryAt: Date,
    error: string,
  ): Promise<void> {
    await retryBusy(
      () => this.fail.run(retryAt.toISOString(), error, notificationId, owner),
      this.busyRetries,
    );
  }

  async list(
    options: { readonly siteId?: string; readonly undelivered?: boolean } = {},
  ): Promise<readonly OutboxEntry[]> {
    const rows = await retryBusy(
      () =>
        this.listRows.all(
          options.siteId ?? null,
          options.siteId ?? null,
          options.undelivered ? "yes" : null,
        ),
      this.busyRetries,
    );
    return rows.map(entryOf);
  }
}

function entryOf(row: OutboxRow): OutboxEntry {
  return {
    ...(JSON.parse(row.body) as Notification),
    attempts: row.attempts,
    deliveredAt: row.delivered_at ?? undefined,
    nextAttemptAt: row.next_attempt_at ?? undefined,
    lastError: row.last_error ?? undefined,
  };
}
