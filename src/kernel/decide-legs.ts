import type { AnyAggregate, Enlistment, StreamScope } from "./aggregate.js";
import type { DecideContext } from "./decider.js";
import { Unauthorized } from "./errors.js";
import type { InflightTips, Leg, Tip } from "./inflight-tips.js";
import type { Message } from "./message.js";
import type { VersionedState } from "./state-cache.js";
import { cacheKey, type StateLoader } from "./state-loader.js";

const MAX_ENLIST_DEPTH = 8;

/**
 * Which states a decision starts from:
 * - `cached`: the state this handler's in-flight commits leave, else the cached state (no
 *   store read), else the store's;
 * - `fresh` (after a VersionConflict): the in-flight commits' state, else the store's;
 * - `confirm` (to confirm a refusal): the store's only.
 */
export type DecideMode = "cached" | "fresh" | "confirm";

/** One decision of a command: its legs so far, and what every decide in it shares. */
export interface Pass {
  readonly legs: Map<string, Leg>;
  readonly context: DecideContext;
  readonly scope: StreamScope;
  readonly mode: DecideMode;
  /** The command opens its own stream (see `CommandDefinition.startsStream`). */
  readonly startsStream: boolean;
  /** Whether a state was taken from the cache without reading the store. */
  usedCache: boolean;
  /** The in-flight commits whose states were decided on. */
  readonly awaited: Promise<unknown>[];
}

/**
 * The decide step of the command path: a command's guards (see `Aggregate.guard`) are decided
 * first, each on its stream, then the command on the newest state of its stream that the pass's
 * mode allows (an in-flight tip, the cached state, an assumed new stream, or the store's), its
 * events are folded into that state, and the commands its events enlist on other streams are
 * decided the same way, depth first (up to 8 deep), each stream once per pass, then the commands
 * the aggregate forwards from its new state (see `Aggregate.forward`). A guarded stream, or one
 * that forwarded, goes into the append with its version even when nothing is written to it.
 *
 * @example
 * ```ts
 * const legs = new LegDecider(tips, loader);
 * const pending = legs.decide(pass, visitAggregate, command, 0); // undefined when nothing was read
 * if (pending) await pending;
 * ```
 */
export class LegDecider {
  constructor(
    private readonly tips: InflightTips,
    private readonly loader: StateLoader,
  ) {}

  /**
   * Decides a command on its stream, then the commands its events enlist, depth first. Returns a
   * promise only when a state had to be read from the store: on cached states the decision runs
   * synchronously, without an async frame and a promise per stream.
   */
  decide(
    pass: Pass,
    aggregate: AnyAggregate,
    command: Message,
    depth: number,
    asGuard = false,
  ): Promise<void> | undefined {
    if (depth > MAX_ENLIST_DEPTH) {
      throw new Error(
        `Command ${command.type} enlists commands more than ${MAX_ENLIST_DEPTH} deep`,
      );
    }
    const guards = aggregate.guard?.(command, pass.scope);
    if (guards !== undefined && guards.length > 0) {
      const checking = this.checkEach(pass, guards, 0, depth + 1);
      if (checking) {
        return checking.then(() => this.decideHere(pass, aggregate, command, depth, asGuard));
      }
    }
    return this.decideHere(pass, aggregate, command, depth, asGuard);
  }

  /** Decides a command on its own stream (its guards passed). */
  private decideHere(
    pass: Pass,
    aggregate: AnyAggregate,
    command: Message,
    depth: number,
    asGuard: boolean,
  ): Promise<void> | undefined {
    const streamId = aggregate.streamId(command, pass.scope);
    const site = pass.scope.siteId;
    if (streamId.charCodeAt(site.length) !== 47 || !streamId.startsWith(site)) {
      throw new Unauthorized(
        `aggregate ${aggregate.name} put ${command.type} on stream ${streamId}, outside site ${site}.`,
      );
    }
    const leg = pass.legs.get(streamId);
    if (leg) return this.decideOn(pass, leg, command, depth, asGuard);
    const key = cacheKey(aggregate, streamId);
    const tip = pass.mode === "confirm" ? undefined : this.tips.get(key);
    if (tip) {
      pass.awaited.push(tip.last);
      return this.decideOn(
        pass,
        addLeg(pass, aggregate, streamId, key, tip),
        command,
        depth,
        asGuard,
      );
    }
    const cached =
      pass.mode !== "cached"
        ? undefined
        : (this.loader.cached(key) ??
          (depth === 0 && pass.startsStream
            ? { version: 0, state: aggregate.decider.initialState }
            : undefined));
    if (cached) {
      pass.usedCache = true;
      return this.decideOn(
        pass,
        addLeg(pass, aggregate, streamId, key, cached),
        command,
        depth,
        asGuard,
      );
    }
    return this.loader
      .load(aggregate, streamId, key)
      .then((loaded) =>
        this.decideOn(
          pass,
          addLeg(pass, aggregate, streamId, key, loaded),
          command,
          depth,
          asGuard,
        ),
      );
  }

  private decideOn(
    pass: Pass,
    leg: Leg,
    command: Message,
    depth: number,
    asGuard = false,
  ): Promise<void> | undefined {
    const { aggregate } = leg;
    const events = aggregate.decider.decide(command, leg.state, pass.context);
    // A guard that passed: its stream's version goes into the commit.
    if (asGuard) leg.checked = true;
    for (const event of events) {
      leg.state = aggregate.decider.evolve(leg.state, event);
      leg.events.push(event);
    }
    if (!aggregate.enlist && !aggregate.forward) return undefined;
    const enlisted: Enlistment[] = [];
    if (aggregate.enlist) {
      for (const event of events) enlisted.push(...aggregate.enlist(event, command, pass.scope));
    }
    if (aggregate.forward) {
      const onward = aggregate.forward(command, leg.state, pass.scope);
      if (onward.length > 0) {
        // A route read this stream: its version goes into the commit, events or not.
        leg.checked = true;
        enlisted.push(...onward);
      }
    }
    return enlisted.length === 0 ? undefined : this.decideEach(pass, enlisted, 0, depth + 1);
  }

  /**
   * Decides the guards of a command, each on its stream; the legs they pass on are marked
   * checked, so that their versions go into the commit.
   */
  private checkEach(
    pass: Pass,
    guards: readonly Enlistment[],
    from: number,
    depth: number,
  ): Promise<void> | undefined {
    for (let i = from; i < guards.length; i++) {
      const { aggregate, command } = guards[i] as Enlistment;
      const pending = this.decide(pass, aggregate, command, depth, true);
      if (pending) return pending.then(() => this.checkEach(pass, guards, i + 1, depth));
    }
    return undefined;
  }

  private decideEach(
    pass: Pass,
    enlisted: readonly Enlistment[],
    from: number,
    depth: number,
  ): Promise<void> | undefined {
    for (let i = from; i < enlisted.length; i++) {
      const { aggregate, command } = enlisted[i] as Enlistment;
      const pending = this.decide(pass, aggregate, command, depth);
      if (pending) return pending.then(() => this.decideEach(pass, enlisted, i + 1, depth));
    }
    return undefined;
  }
}

function addLeg(
  pass: Pass,
  aggregate: AnyAggregate,
  streamId: string,
  key: string,
  loaded: VersionedState | Tip,
): Leg {
  const leg: Leg = {
    aggregate,
    streamId,
    key,
    loadedVersion: loaded.version,
    afterEventId: "lastEventId" in loaded ? loaded.lastEventId : undefined,
    state: loaded.state,
    events: [],
    checked: false,
  };
  pass.legs.set(streamId, leg);
  return leg;
}
