import type { AnyAggregate } from "./aggregate.js";
import type { AppendToStream } from "./event-store.js";
import type { Message } from "./message.js";
import type { VersionedState } from "./state-cache.js";

/** One stream of a command's decision: the state it was decided on and the events it adds. */
export interface Leg {
  readonly aggregate: AnyAggregate;
  readonly streamId: string;
  /** The leg's state key (see `cacheKey`). */
  readonly key: string;
  readonly loadedVersion: number;
  /** Set when decided on an in-flight tip: the id of the last event of the commit it follows. */
  readonly afterEventId: string | undefined;
  state: unknown;
  readonly events: Message[];
  /**
   * A guard was decided on this leg, or it forwarded a command (see `Aggregate.guard`,
   * `Aggregate.forward`): it goes into the append even with no events, as a request that only
   * checks the stream's version.
   */
  checked: boolean;
}

/** The newest state of a stream with commits in flight (see `InflightTips.claim`). */
export interface Tip {
  version: number;
  state: unknown;
  /** The id of the stream's last event once the chain is written. */
  lastEventId: string;
  /** The last commit chained on this tip. */
  last: Promise<unknown>;
  /** Commits chained on it that have not settled. */
  count: number;
}

/** What a commit claimed of one stream, settled when the commit lands or is refused. */
export interface Claim {
  readonly key: string;
  /** The tip this commit extended; undefined when it built on an older state. */
  readonly tip: Tip | undefined;
  readonly after: VersionedState;
}

/**
 * The streams with commits of one handler still being written, and the state and version the
 * last of them leaves (its tip). The next command on such a stream is decided on the tip while
 * the commits are in flight, and its own commit queues behind them (group commit keeps the
 * order), so that its expected version is checked after they land.
 *
 * @example
 * ```ts
 * const claimed = tips.claim(legs, requests, written);
 * written.then(() => tips.settle(claimed, true, remember), () => tips.settle(claimed, false, remember));
 * ```
 */
export class InflightTips {
  private readonly tips = new Map<string, Tip>();

  /** The tip of a stream with commits in flight, if any. */
  get(key: string): Tip | undefined {
    return this.tips.get(key);
  }

  /** Whether a leg that appends was decided on a state older than its stream's tip. */
  behind(legs: ReadonlyMap<string, Leg>): boolean {
    if (this.tips.size === 0) return false;
    for (const leg of legs.values()) {
      const tip = leg.events.length > 0 || leg.checked ? this.tips.get(leg.key) : undefined;
      if (tip && tip.version !== leg.loadedVersion) return true;
    }
    return false;
  }

  /**
   * Records the states a commit will leave. Only a leg decided on the newest known state
   * extends its stream's tip; a leg decided on an older one is bound to conflict, and is not
   * built on.
   */
  claim(
    legs: ReadonlyMap<string, Leg>,
    requests: readonly AppendToStream[],
    written: Promise<unknown>,
  ): Claim[] {
    const claimed: Claim[] = [];
    let r = 0;
    for (const leg of legs.values()) {
      if (leg.events.length === 0) {
        // A guard's request checks a version and leaves the stream as it was: no tip.
        if (leg.checked) r++;
        continue;
      }
      const lastEventId = requests[r++]?.events.at(-1)?.eventId ?? "";
      const after = { version: leg.loadedVersion + leg.events.length, state: leg.state };
      let tip = this.tips.get(leg.key);
      if (tip && tip.version === leg.loadedVersion) {
        tip.version = after.version;
        tip.state = after.state;
        tip.lastEventId = lastEventId;
        tip.last = written;
        tip.count += 1;
      } else if (!tip) {
        tip = { version: after.version, state: after.state, lastEventId, last: written, count: 1 };
        this.tips.set(leg.key, tip);
      } else {
        tip = undefined;
      }
      claimed.push({ key: leg.key, tip, after });
    }
    return claimed;
  }

  /**
   * A commit has landed (`ok`: its states are handed to `remember`) or been refused: the
   * states chained on it will not be, so its streams' tips are dropped (the commits already
   * chained on them fail their expected versions and decide again).
   */
  settle(
    claimed: readonly Claim[],
    ok: boolean,
    remember: (key: string, value: VersionedState) => void,
  ): void {
    for (const { key, tip, after } of claimed) {
      if (ok) remember(key, after);
      if (!tip) continue;
      tip.count -= 1;
      if ((!ok || tip.count === 0) && this.tips.get(key) === tip) this.tips.delete(key);
    }
  }
}
