import { type Clock, systemClock } from "./clock.js";
import { SvcOpsError } from "./errors.js";
import type { EventStore } from "./event-store.js";
import type { NotificationOutbox, OutboxEntry } from "./outbox.js";

/**
 * The app's way out: sends one notification (SMS, WeChat, e-mail, a screen at the desk).
 * Resolving means delivered; throwing (or rejecting) means try again later. It may be called
 * more than once for one notification (at least once): use `notificationId` to drop repeats.
 *
 * @example
 * ```ts
 * const handler: NotificationHandler = async (n) => {
 *   if (await sentBefore(n.notificationId)) return;
 *   await sms.send(phoneOfStaff(n.to), `${n.type}: ${JSON.stringify(n.data)}`);
 * };
 * ```
 */
export type NotificationHandler = (notification: OutboxEntry) => Promise<void> | void;

/** How a dispatcher delivers. */
export interface NotificationDispatcherOptions {
  /** A store with an `outbox` (memory, SQLite, PostgreSQL). */
  readonly store: EventStore;
  readonly handler: NotificationHandler;
  /** Where `now` comes from for claims, leases and backoff (default: the system clock). */
  readonly clock?: Clock;
  /** This dispatcher's id in the claims (default: a random one). One per app instance. */
  readonly owner?: string;
  /** Deliver only this site's notifications (default: every site's in the store). */
  readonly siteId?: string;
  /**
   * How long a claim holds (default 60 s). Longer than a handler call takes: when it runs out
   * before the delivered mark, another instance may deliver the notification again.
   */
  readonly leaseMs?: number;
  /** Most notifications claimed at once (default 20). */
  readonly batchSize?: number;
  /** Wait after the first failure (default 1 s), doubled per attempt up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  /** Longest wait between attempts (default 10 min). */
  readonly maxBackoffMs?: number;
  /** Told of each failed attempt (default: nothing; the failure is kept in the outbox). */
  readonly onFailure?: (notification: OutboxEntry, error: unknown) => void;
}

/** What one round of a dispatcher did. */
export interface DispatchReport {
  /** Notifications claimed in the round. */
  readonly claimed: number;
  /** Ids the handler delivered, marked delivered. */
  readonly delivered: readonly string[];
  /** Ids the handler failed on, given back with a backoff. */
  readonly failed: readonly string[];
}

/**
 * A running delivery of the outbox (see `createNotificationDispatcher`).
 *
 * @example
 * ```ts
 * const { delivered, failed } = await dispatcher.dispatchOnce();
 * ```
 */
export interface NotificationDispatcher {
  /** This dispatcher's owner id in the claims. */
  readonly owner: string;
  /** One round: claim what is due, call the handler on each in order, mark the outcome. */
  dispatchOnce(): Promise<DispatchReport>;
  /** Rounds until one claims nothing (what is left is leased elsewhere or waiting a backoff). */
  drain(): Promise<DispatchReport>;
  /** Starts polling: a round every `intervalMs` (default 1000), at once again after a full one. */
  start(options?: { readonly intervalMs?: number }): void;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/**
 * Delivers the outbox's notifications at least once to the app's handler. Each round claims the
 * oldest due notifications for this owner (a lease of `leaseMs`, so other instances on the same
 * store skip them), calls the handler on each, marks each delivered as soon as the handler
 * resolves, and gives a failed one back with a backoff (1 s, 2 s, 4 s… up to 10 min, from the
 * clock port). A crash between the handler and the mark, or a handler slower than the lease,
 * means a second delivery once the lease runs out: never a lost one.
 *
 * @example
 * ```ts
 * const dispatcher = createNotificationDispatcher({
 *   store,
 *   siteId: "club-1",
 *   handler: async (n) => sms.send(phoneOf(n.to), textOf(n)),
 * });
 * dispatcher.start({ intervalMs: 2000 });
 * // on shutdown:
 * await dispatcher.stop();
 * ```
 */
export function createNotificationDispatcher(
  options: NotificationDispatcherOptions,
): NotificationDispatcher {
  const outbox = options.store.outbox;
  if (!outbox) {
    throw new SvcOpsError(
      "store_unsupported",
      "This store has no outbox of notifications; use the memory, SQLite or PostgreSQL store.",
    );
  }
  const clock = options.clock ?? systemClock;
  const owner = options.owner ?? `dispatcher-${Math.random().toString(36).slice(2, 12)}`;
  const leaseMs = positive("leaseMs", options.leaseMs ?? 60_000);
  const limit = positive("batchSize", options.batchSize ?? 20);
  const backoffMs = positive("backoffMs", options.backoffMs ?? 1000);
  const maxBackoffMs = positive("maxBackoffMs", options.maxBackoffMs ?? 600_000);
  const claimRequest = () => ({
    owner,
    now: clock.now(),
    leaseMs,
    limit,
    ...(options.siteId !== undefined ? { siteId: options.siteId } : {}),
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  async function deliver(o: NotificationOutbox, entry: OutboxEntry): Promise<boolean> {
    try {
      await options.handler(entry);
    } catch (error) {
      options.onFailure?.(entry, error);
      const wait = Math.min(maxBackoffMs, backoffMs * 2 ** Math.min(entry.attempts - 1, 30));
      const retryAt = new Date(clock.now().getTime() + wait);
      await o.markFailed(entry.notificationId, owner, retryAt, messageOf(error));
      return false;
    }
    await o.markDelivered([entry.notificationId], clock.now());
    return true;
  }

  async function dispatchOnce(): Promise<DispatchReport> {
    const claimed = await (outbox as NotificationOutbox).claim(claimRequest());
    const delivered: string[] = [];
    const failed: string[] = [];
    for (const entry of claimed) {
      if (await deliver(outbox as NotificationOutbox, entry)) delivered.push(entry.notificationId);
      else failed.push(entry.notificationId);
    }
    return { claimed: claimed.length, delivered, failed };
  }

  async function drain(): Promise<DispatchReport> {
    const delivered: string[] = [];
    const failed: string[] = [];
    let claimed = 0;
    for (;;) {
      const round = await dispatchOnce();
      if (round.claimed === 0) return { claimed, delivered, failed };
      claimed += round.claimed;
      delivered.push(...round.delivered);
      failed.push(...round.failed);
    }
  }

  function schedule(intervalMs: number, wait: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      const round = dispatchOnce().then(
        (report) => (report.claimed >= limit ? 0 : intervalMs),
        () => intervalMs,
      );
      running = round;
      void round.then((next) => schedule(intervalMs, next));
    }, wait);
  }

  return {
    owner,
    dispatchOnce,
    drain,
    start(startOptions = {}) {
      const intervalMs = positive("intervalMs", startOptions.intervalMs ?? 1000);
      if (!stopped) return;
      stopped = false;
      schedule(intervalMs, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number >= 1, got ${value}`);
  }
  return value;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}
