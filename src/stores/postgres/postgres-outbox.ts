import type { Pool, QueryConfig } from "pg";
import type { Commit } from "../../kernel/event-store.js";
import type { Notification } from "../../kernel/notification.js";
import {
  type ClaimRequest,
  checkNotifications,
  type NotificationOutbox,
  type OutboxEntry,
} from "../../kernel/outbox.js";
import { asUnavailable } from "./postgres-unavailable.js";

/** A row of `notifications` as the outbox reads it. */
interface OutboxRow {
  readonly position: string;
  readonly body: Notification;
  readonly attempts: number;
  readonly next_attempt_at: Date | null;
  readonly delivered_at: Date | null;
  readonly last_error: string | null;
}

const ROW = "n.position, n.body, n.attempts, n.next_attempt_at, n.delivered_at, n.last_error";

/**
 * The PostgreSQL store's outbox, in `<schema>.notifications` (migration 6).
 *
 * Written with the events: an append whose commits carry notifications runs, in one
 * transaction (`BEGIN` … `COMMIT`, one round trip on a pipelined connection), the usual
 * `append_commits` call and then one INSERT of the notifications whose event that transaction
 * wrote (`transaction_id = pg_current_xact_id_if_assigned()`): a refused commit's events were
 * not written, so neither are its notifications. An append without notifications runs exactly
 * what it ran before.
 *
 * Claimed with `FOR UPDATE SKIP LOCKED`: two instances claiming at once take different rows.
 *
 * @example
 * ```ts
 * const store = createPostgresStore({ connectionString });
 * await store.migrate();
 * const due = await store.outbox.claim({ owner: "app-1", now: new Date(), leaseMs: 60_000, limit: 10 });
 * ```
 */
export class PostgresOutbox implements NotificationOutbox {
  private readonly insertStatement: string;
  private readonly claimStatement: string;

  constructor(
    private readonly pool: Pool,
    private readonly s: string,
    schema: string,
  ) {
    this.insertStatement = `svcops_outbox_insert:${schema}`;
    this.claimStatement = `svcops_outbox_claim:${schema}`;
  }

  /**
   * The INSERT of a batch's notifications, or undefined when no commit carries any (checked
   * with `checkNotifications` first; a commit that fails the check is refused by the caller).
   */
  insertCall(commits: readonly Commit[]): QueryConfig | undefined {
    let notifications: Notification[] | undefined;
    for (const commit of commits) {
      for (const request of commit.requests) {
        if (!request.notifications) continue;
        notifications ??= [];
        notifications.push(...request.notifications);
      }
    }
    if (!notifications) return undefined;
    return {
      name: this.insertStatement,
      text: `INSERT INTO ${this.s}.notifications (notification_id, site_id, event_id, body)
             SELECT x.n ->> 'notificationId', x.n ->> 'siteId', x.n ->> 'eventId', x.n
               FROM jsonb_array_elements($1::jsonb) AS x(n)
              WHERE EXISTS (SELECT 1 FROM ${this.s}.events e
                             WHERE e.event_id = x.n ->> 'eventId'
                               AND e.transaction_id = pg_current_xact_id_if_assigned())
             ON CONFLICT (notification_id) DO NOTHING`,
      values: [JSON.stringify(notifications)],
    };
  }

  async claim(request: ClaimRequest): Promise<readonly OutboxEntry[]> {
    const until = new Date(request.now.getTime() + request.leaseMs);
    const rows = await this.query<OutboxRow>("a claim", {
      name: this.claimStatement,
      text: `UPDATE ${this.s}.notifications n
                SET lease_owner = $1, lease_until = $2, attempts = n.attempts + 1
              WHERE n.position IN (
                SELECT c.position FROM ${this.s}.notifications c
                 WHERE c.delivered_at IS NULL
                   AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= $3)
                   AND (c.lease_until IS NULL OR c.lease_until <= $3)
                   AND ($4::text IS NULL OR c.site_id = $4)
                 ORDER BY c.position LIMIT $5
                 FOR UPDATE SKIP LOCKED)
             RETURNING ${ROW}`,
      values: [request.owner, until, request.now, request.siteId ?? null, request.limit],
    });
    return rows.sort((a, b) => Number(a.position) - Number(b.position)).map(entryOf);
  }

  async markDelivered(notificationIds: readonly string[], at: Date): Promise<void> {
    if (notificationIds.length === 0) return;
    await this.query("a delivered mark", {
      text: `UPDATE ${this.s}.notifications
                SET delivered_at = $2, lease_owner = NULL, lease_until = NULL
              WHERE notification_id = ANY ($1::text[]) AND delivered_at IS NULL`,
      values: [notificationIds, at],
    });
  }

  async markFailed(
    notificationId: string,
    owner: string,
    retryAt: Date,
    error: string,
  ): Promise<void> {
    await this.query("a failed mark", {
      text: `UPDATE ${this.s}.notifications
                SET next_attempt_at = $3, last_error = $4, lease_owner = NULL, lease_until = NULL
              WHERE notification_id = $1 AND lease_owner = $2 AND delivered_at IS NULL`,
      values: [notificationId, owner, retryAt, error],
    });
  }

  async list(
    options: { readonly siteId?: string; readonly undelivered?: boolean } = {},
  ): Promise<readonly OutboxEntry[]> {
    const rows = await this.query<OutboxRow>("a list", {
      text: `SELECT ${ROW} FROM ${this.s}.notifications n
              WHERE ($1::text IS NULL OR n.site_id = $1)
                AND (NOT $2::boolean OR n.delivered_at IS NULL)
              ORDER BY n.position`,
      values: [options.siteId ?? null, options.undelivered === true],
    });
    return rows.map(entryOf);
  }

  private async query<Row extends object>(what: string, call: QueryConfig): Promise<Row[]> {
    try {
      return (await this.pool.query(call)).rows as Row[];
    } catch (error) {
      throw asUnavailable(what, error);
    }
  }
}

/** Checks every request of a commit that carries notifications (see `checkNotifications`). */
export function checkCommitNotifications(commit: Commit): void {
  for (const request of commit.requests) if (request.notifications) checkNotifications(request);
}

function entryOf(row: OutboxRow): OutboxEntry {
  return {
    ...row.body,
    attempts: row.attempts,
    deliveredAt: row.delivered_at?.toISOString(),
    nextAttemptAt: row.next_attempt_at?.toISOString(),
    lastError: row.last_error ?? undefined,
  };
}
