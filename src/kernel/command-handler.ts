import type { AnyAggregate, Enlistment, StreamScope } from "./aggregate.js";
import type { Clock } from "./clock.js";
import type { DecideContext } from "./decider.js";
import type { Actor, ActorRef, EventEnvelope, EventMetadata, NewEvent } from "./envelope.js";
import {
  DuplicateCommand,
  IdempotencyConflict,
  Unauthorized,
  ValidationError,
  VersionConflict,
} from "./errors.js";
import type { AppendToStream, CommandRecord, EventStore } from "./event-store.js";
import { fingerprint } from "./fingerprint.js";
import { GroupCommit, type GroupCommitOptions } from "./group-commit.js";
import { type IdGenerator, ulidIds } from "./ids.js";
import type { CommandDefinition, Message } from "./message.js";
import type { Site } from "./site.js";
import { StateCache, type VersionedState } from "./state-cache.js";
import { UpcasterRegistry } from "./upcasting.js";

/** How a command handler is wired. */
export interface CommandHandlerOptions {
  readonly store: EventStore;
  readonly site: Site;
  readonly clock: Clock;
  /** Event and command ids; default: ULIDs timed by `clock`. */
  readonly ids?: IdGenerator;
  readonly aggregates: readonly AnyAggregate[];
  /** How often a command is decided again after a VersionConflict (default 5). */
  readonly maxRetries?: number;
  /** How many stream states are kept between commands (default 10,000). */
  readonly cacheSize?: number;
  /** How commits are batched into the store's transactions (see GroupCommit). */
  readonly groupCommit?: GroupCommitOptions;
}

/** Who sends a command, and the ids that tie it to others. */
export interface ExecuteOptions {
  readonly actor: Actor;
  /** The caller's id for this command: sending it again returns the first result. */
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** What a command did. */
export interface CommandResult {
  readonly commandId: string;
  /** The events appended (the first time), in append order. */
  readonly events: readonly EventEnvelope[];
  /** True when this command id had been handled before and nothing was appended now. */
  readonly duplicate: boolean;
}

interface Route {
  readonly aggregate: AnyAggregate;
  readonly definition: CommandDefinition;
}

interface Leg {
  readonly aggregate: AnyAggregate;
  readonly streamId: string;
  /** The leg's StateCache key. */
  readonly key: string;
  readonly loadedVersion: number;
  /** Set when decided on an in-flight tip: the id of the last event of the commit it follows. */
  readonly afterEventId: string | undefined;
  state: unknown;
  readonly events: Message[];
}

/**
 * Which states a decision starts from:
 * - `cached`: the state this handler's in-flight commits leave, else the cached state (no
 *   store read), else the store's;
 * - `fresh` (after a VersionConflict): the in-flight commits' state, else the store's;
 * - `confirm` (to confirm a refusal): the store's only.
 */
type DecideMode = "cached" | "fresh" | "confirm";

/** One decision of a command: its legs so far, and what every decide in it shares. */
interface Pass {
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

/** The newest state of a stream with commits in flight (see `CommandHandler.claim`). */
interface Tip {
  version: number;
  state: unknown;
  /** The id of the stream's last event once the chain is written. */
  lastEventId: string;
  /** The last commit chained on this tip. */
  last: Promise<unknown>;
  /** Commits chained on it that have not settled. */
  count: number;
}

interface Claim {
  readonly key: string;
  /** The tip this commit extended; undefined when it built on an older state. */
  readonly tip: Tip | undefined;
  readonly after: VersionedState;
}

const MAX_ENLIST_DEPTH = 8;
/** How often one command decides again because its state fell behind an in-flight tip. */
const MAX_BEHIND = 3;

/**
 * The command path: parse the command with its schema → check the actor's site and role → load
 * state (cached by stream version) → decide (with the commands its events enlist on other
 * streams) → append atomically with the loaded versions → on VersionConflict load again and
 * retry, a bounded number of times. A command id seen before returns the first result and
 * appends nothing; bad input, a refused rule or a missing right appends nothing.
 *
 * @example
 * ```ts
 * const handler = new CommandHandler({ store, site, clock, aggregates: [visitAggregate, keyTagPoolAggregate] });
 * const result = await handler.execute(
 *   { type: "ChargeTab", data: { visitId: "v-1", amount: 1500, source: "waterBar" } },
 *   { actor: { id: "s-7", role: "waterBar", sites: ["club-1"] }, commandId: "kiosk-123" },
 * );
 * ```
 */
export class CommandHandler {
  readonly site: Site;
  private readonly store: EventStore;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly maxRetries: number;
  private readonly cache: StateCache;
  private readonly routes = new Map<string, Route>();
  private readonly upcasters: UpcasterRegistry;
  /**
   * Streams with commits of this handler still being written (by cache key): the state and
   * version the last of them leaves. See `claim`.
   */
  private readonly inflight = new Map<string, Tip>();
  /** Where this handler's commits queue for the store (group commit). */
  private readonly commits: GroupCommit;
  /** One ActorRef per actor object, shared by the metadata of all its commands. */
  private readonly actorRefs = new WeakMap<Actor, ActorRef>();

  constructor(options: CommandHandlerOptions) {
    this.store = options.store;
    this.site = options.site;
    this.clock = options.clock;
    this.ids = options.ids ?? ulidIds(options.clock);
    this.maxRetries = options.maxRetries ?? 5;
    this.cache = new StateCache(options.cacheSize ?? 10_000);
    this.commits = new GroupCommit(options.store, options.groupCommit);
    this.upcasters = new UpcasterRegistry(options.aggregates.flatMap((a) => a.events));
    for (const aggregate of options.aggregates) {
      for (const definition of aggregate.commands) {
        const known = this.routes.get(definition.type);
        if (known && known.aggregate !== aggregate) {
          throw new Error(
            `Command ${definition.type} is declared by both ${known.aggregate.name} and ${aggregate.name}`,
          );
        }
        this.routes.set(definition.type, { aggregate, definition });
      }
    }
  }

  /** The command types this handler routes. */
  get commandTypes(): readonly string[] {
    return [...this.routes.keys()];
  }

  /** Handles one command. See the class comment for the path it takes. */
  async execute(input: unknown, options: ExecuteOptions): Promise<CommandResult> {
    const { route, command } = this.parse(input);
    const actor = this.authorize(route.definition, options.actor);
    const commandId = options.commandId ?? this.ids.next();
    const print = fingerprint(command.type, command.data);
    // Only a caller's id can have been handled before; a generated one is new. The append still
    // refuses a known id (DuplicateCommand), so skipping the read here loses no guarantee.
    const stamp = { siteId: this.site.id, id: commandId, fingerprint: print };
    if (options.commandId !== undefined) {
      const seen = await this.store.findCommand(stamp);
      if (seen) return this.replayed(seen, print);
    }

    const now = this.clock.now();
    const context: DecideContext = {
      now,
      siteId: this.site.id,
      policy: this.site.policy,
      calendar: this.site.calendar,
      actor,
    };
    const scope: StreamScope = {
      siteId: this.site.id,
      businessDay: this.site.calendar.businessDayOf(now),
    };
    const at = isoInstant(now);
    const metadata: EventMetadata = {
      commandId,
      correlationId: options.correlationId ?? commandId,
      causationId: options.causationId ?? commandId,
      actor: this.actorRef(actor),
      siteId: this.site.id,
      occurredAt: at,
      recordedAt: at,
    };

    // The first decision uses the newest state this handler knows of each stream: the one its
    // commits still in flight will leave, else the cached one. A state another writer has moved
    // on fails the append's expected version (VersionConflict); a refusal (RuleViolation, …) is
    // only final when decided on states read from the store.
    let mode: DecideMode = "cached";
    let behind = 0;
    for (let attempt = 0; ; attempt++) {
      const legs = new Map<string, Leg>();
      const pass: Pass = {
        legs,
        context,
        scope,
        mode,
        startsStream: route.definition.startsStream,
        usedCache: false,
        awaited: [],
      };
      try {
        const pending = this.decide(pass, route.aggregate, command, 0);
        if (pending) await pending;
      } catch (error) {
        if (!pass.usedCache && pass.awaited.length === 0) throw error;
        // Let the commits it was decided on land, then decide again on the store's states.
        if (pass.awaited.length > 0) await Promise.allSettled(pass.awaited);
        mode = "confirm";
        attempt--;
        continue;
      }
      // A state read from the store while this handler chained a commit on that stream is
      // already behind: decide again on the chain's tip rather than send a commit bound to
      // conflict (a few times at most, so that a busy stream cannot hold a command here).
      if (pass.mode !== "confirm" && behind < MAX_BEHIND && this.behindTip(legs)) {
        behind++;
        attempt--;
        continue;
      }
      const requests: AppendToStream[] = [];
      for (const leg of legs.values()) {
        if (leg.events.length === 0) continue;
        const request: AppendToStream = {
          streamId: leg.streamId,
          expectedVersion: leg.loadedVersion === 0 ? "no-stream" : leg.loadedVersion,
          events: leg.events.map((event) => this.toNewEvent(event, metadata)),
        };
        requests.push(
          leg.afterEventId === undefined ? request : { ...request, afterEventId: leg.afterEventId },
        );
      }
      const written = this.commits.submit({
        requests,
        command: stamp,
      });
      const claimed = this.claim(legs, requests, written);
      try {
        const events = await written;
        this.settle(claimed, true);
        for (const leg of legs.values()) {
          if (leg.events.length === 0) continue;
          const after = { version: leg.loadedVersion + leg.events.length, state: leg.state };
          if (
            snapshotDue(leg.aggregate, leg.loadedVersion, after.version) &&
            this.store.snapshots
          ) {
            await this.saveSnapshot(leg.aggregate, leg.streamId, after);
          }
        }
        return { commandId, events, duplicate: false };
      } catch (error) {
        this.settle(claimed, false);
        if (error instanceof VersionConflict) {
          if (attempt < this.maxRetries) {
            mode = "fresh";
            continue;
          }
          // Giving up: forget the stale state, or the next command would decide on it again.
          const stale = legs.get(error.streamId);
          if (stale) this.cache.delete(stale.key);
        }
        if (error instanceof DuplicateCommand) {
          const first = await this.store.findCommand(stamp);
          if (first) return this.replayed(first, print);
        }
        throw error;
      }
    }
  }

  /** Whether a leg that appends was decided on a state older than its stream's in-flight tip. */
  private behindTip(legs: ReadonlyMap<string, Leg>): boolean {
    if (this.inflight.size === 0) return false;
    for (const leg of legs.values()) {
      const tip = leg.events.length > 0 ? this.inflight.get(leg.key) : undefined;
      if (tip && tip.version !== leg.loadedVersion) return true;
    }
    return false;
  }

  /**
   * Records the states this commit will leave, so that the next command on one of its streams
   * is decided on them while the commit is still being written (it is queued behind this one,
   * so its expected version is checked after this one lands). Only a leg decided on the newest
   * known state extends it; a leg decided on an older one is bound to conflict, and is not
   * built on.
   */
  private claim(
    legs: ReadonlyMap<string, Leg>,
    requests: readonly AppendToStream[],
    written: Promise<unknown>,
  ): Claim[] {
    const claimed: Claim[] = [];
    let r = 0;
    for (const leg of legs.values()) {
      if (leg.events.length === 0) continue;
      const lastEventId = requests[r++]?.events.at(-1)?.eventId ?? "";
      const after = { version: leg.loadedVersion + leg.events.length, state: leg.state };
      let tip = this.inflight.get(leg.key);
      if (tip && tip.version === leg.loadedVersion) {
        tip.version = after.version;
        tip.state = after.state;
        tip.lastEventId = lastEventId;
        tip.last = written;
        tip.count += 1;
      } else if (!tip) {
        tip = { version: after.version, state: after.state, lastEventId, last: written, count: 1 };
        this.inflight.set(leg.key, tip);
      } else {
        tip = undefined;
      }
      claimed.push({ key: leg.key, tip, after });
    }
    return claimed;
  }

  /**
   * A commit has landed (`ok`) or been refused. Landed: its states become the cached ones.
   * Refused: the states chained on it will not be, so its streams' in-flight tips are dropped
   * (the commits already chained on them fail their expected versions and decide again).
   */
  private settle(claimed: readonly Claim[], ok: boolean): void {
    for (const { key, tip, after } of claimed) {
      if (ok) this.remember(key, after);
      if (!tip) continue;
      tip.count -= 1;
      if ((!ok || tip.count === 0) && this.inflight.get(key) === tip) this.inflight.delete(key);
    }
  }

  /** Caches a stream's state unless the cache already holds a later version. */
  private remember(key: string, value: VersionedState): void {
    const known = this.cache.peek(key);
    if (known && known.version > value.version) return;
    this.cache.set(key, value);
  }

  /**
   * The current state of an aggregate's stream (folded from the store, cached by version).
   *
   * @example
   * ```ts
   * const { state, version } = await handler.load(visitAggregate, "club-1/visit/v-1");
   * ```
   */
  async load<S>(aggregate: AnyAggregate, streamId: string): Promise<VersionedState<S>> {
    return this.loadKeyed(aggregate, streamId, cacheKey(aggregate, streamId));
  }

  private async loadKeyed<S>(
    aggregate: AnyAggregate,
    streamId: string,
    key: string,
  ): Promise<VersionedState<S>> {
    const cached = this.cache.get<S>(key);
    const from: VersionedState<S> =
      cached ??
      (aggregate.snapshot && this.store.snapshots
        ? await this.fromSnapshot<S>(aggregate, streamId)
        : { version: 0, state: aggregate.decider.initialState as S });
    const tail = this.upcasters.upcastAll(
      await this.store.readStream(streamId, { afterVersion: from.version }),
    );
    if (tail.length === 0) {
      // Cache what was read, a stream that does not exist yet included: a command that waits
      // or retries decides on it again without another read.
      if (!cached) this.remember(key, from);
      return from;
    }
    let state = from.state;
    for (const event of tail) state = aggregate.decider.evolve(state, event) as S;
    const loaded = { version: from.version + tail.length, state };
    this.remember(key, loaded);
    if (snapshotDue(aggregate, from.version, loaded.version) && this.store.snapshots) {
      await this.saveSnapshot(aggregate, streamId, loaded);
    }
    return loaded;
  }

  /** The upcaster registry built from the aggregates' event definitions. */
  get upcasterRegistry(): UpcasterRegistry {
    return this.upcasters;
  }

  private async fromSnapshot<S>(
    aggregate: AnyAggregate,
    streamId: string,
  ): Promise<VersionedState<S>> {
    const initial = { version: 0, state: aggregate.decider.initialState as S };
    if (!aggregate.snapshot || !this.store.snapshots) return initial;
    const snapshot = await this.store.snapshots.load(streamId, aggregate.name);
    if (!snapshot || snapshot.aggregateVersion !== aggregate.version) return initial;
    return {
      version: snapshot.streamVersion,
      state: aggregate.snapshot.decode(snapshot.state) as S,
    };
  }

  private async saveSnapshot(
    aggregate: AnyAggregate,
    streamId: string,
    after: VersionedState,
  ): Promise<void> {
    await this.store.snapshots?.save({
      streamId,
      aggregate: aggregate.name,
      aggregateVersion: aggregate.version,
      streamVersion: after.version,
      state: aggregate.snapshot?.encode(after.state),
    });
  }

  /**
   * Decides a command on its stream, then the commands its events enlist, depth first. Returns a
   * promise only when a state had to be read from the store: on cached states the decision runs
   * synchronously, without an async frame and a promise per stream.
   */
  private decide(
    pass: Pass,
    aggregate: AnyAggregate,
    command: Message,
    depth: number,
  ): Promise<void> | undefined {
    if (depth > MAX_ENLIST_DEPTH) {
      throw new Error(
        `Command ${command.type} enlists commands more than ${MAX_ENLIST_DEPTH} deep`,
      );
    }
    const streamId = aggregate.streamId(command, pass.scope);
    const leg = pass.legs.get(streamId);
    if (leg) return this.decideOn(pass, leg, command, depth);
    const key = cacheKey(aggregate, streamId);
    const tip = pass.mode === "confirm" ? undefined : this.inflight.get(key);
    if (tip) {
      pass.awaited.push(tip.last);
      const leg = addLeg(pass, aggregate, streamId, key, tip);
      return this.decideOn(pass, leg, command, depth);
    }
    const cached =
      pass.mode !== "cached"
        ? undefined
        : (this.cache.get(key) ??
          (depth === 0 && pass.startsStream
            ? { version: 0, state: aggregate.decider.initialState }
            : undefined));
    if (cached) {
      pass.usedCache = true;
      return this.decideOn(pass, addLeg(pass, aggregate, streamId, key, cached), command, depth);
    }
    return this.loadKeyed(aggregate, streamId, key).then((loaded) =>
      this.decideOn(pass, addLeg(pass, aggregate, streamId, key, loaded), command, depth),
    );
  }

  private decideOn(
    pass: Pass,
    leg: Leg,
    command: Message,
    depth: number,
  ): Promise<void> | undefined {
    const { aggregate } = leg;
    const events = aggregate.decider.decide(command, leg.state, pass.context);
    for (const event of events) {
      leg.state = aggregate.decider.evolve(leg.state, event);
      leg.events.push(event);
    }
    if (!aggregate.enlist) return undefined;
    const enlisted: Enlistment[] = [];
    for (const event of events) enlisted.push(...aggregate.enlist(event, command, pass.scope));
    return this.decideEach(pass, enlisted, 0, depth + 1);
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

  private actorRef(actor: Actor): ActorRef {
    const known = this.actorRefs.get(actor);
    if (known && known.id === actor.id && known.role === actor.role) return known;
    const ref = { id: actor.id, role: actor.role };
    this.actorRefs.set(actor, ref);
    return ref;
  }

  private toNewEvent(event: Message, metadata: EventMetadata): NewEvent {
    return {
      eventId: this.ids.next(),
      type: event.type,
      schemaVersion: this.upcasters.currentVersion(event.type),
      data: event.data,
      metadata,
    };
  }

  private replayed(record: CommandRecord, print: string): CommandResult {
    if (record.fingerprint !== print) throw new IdempotencyConflict(record.commandId);
    return { commandId: record.commandId, events: record.events, duplicate: true };
  }

  private parse(input: unknown): { route: Route; command: Message } {
    if (typeof input !== "object" || input === null) {
      throw new ValidationError("Command", [
        { path: "", message: "must be an object { type, data }" },
      ]);
    }
    const { type, data } = input as { type?: unknown; data?: unknown };
    if (typeof type !== "string") {
      throw new ValidationError("Command", [{ path: "type", message: "must be a string" }]);
    }
    const route = this.routes.get(type);
    if (!route) {
      throw new ValidationError("Command", [
        { path: "type", message: `unknown command type "${type}"` },
      ]);
    }
    const parsed = route.definition.schema.safeParse(data);
    if (!parsed.success) throw ValidationError.fromZod(type, parsed.error, "data");
    return { route, command: { type, data: parsed.data } };
  }

  private authorize(definition: CommandDefinition, actor: Actor | undefined): Actor {
    if (
      !actor ||
      typeof actor.id !== "string" ||
      actor.id === "" ||
      typeof actor.role !== "string" ||
      !Array.isArray(actor.sites)
    ) {
      throw new ValidationError("Actor", [
        { path: "actor", message: "must be { id, role, sites } with a non-empty id" },
      ]);
    }
    if (!actor.sites.includes(this.site.id)) {
      throw new Unauthorized(
        `${actor.id} does not belong to site ${this.site.id} (belongs to: ${actor.sites.join(", ") || "none"}).`,
      );
    }
    if (definition.roles.length === 0) {
      throw new Unauthorized(
        `${definition.type} is only issued by svcops itself, as part of another command.`,
      );
    }
    if (!definition.roles.includes(actor.role)) {
      throw new Unauthorized(
        `role ${actor.role} may not issue ${definition.type}; allowed: ${definition.roles.join(", ")}.`,
        definition.authorityRule,
      );
    }
    return actor;
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
  };
  pass.legs.set(streamId, leg);
  return leg;
}

/** Whether going from stream version `before` to `after` passes a snapshot point. */
function snapshotDue(aggregate: AnyAggregate, before: number, after: number): boolean {
  const every = aggregate.snapshot?.every;
  return every !== undefined && Math.floor(after / every) !== Math.floor(before / every);
}

const isoText = new Uint8Array(24);
const isoDecoder = new TextDecoder();
let isoMinute = Number.NaN;

/**
 * `instant.toISOString()` in a fifth of the time: the text up to the minute is kept from the
 * previous call, seconds and milliseconds are written as bytes, and the string is decoded flat
 * in one step (a template literal would keep a chain of cons strings in every stored event).
 */
function isoInstant(instant: Date): string {
  const ms = instant.getTime();
  const minute = Math.floor(ms / 60_000);
  if (minute !== isoMinute) {
    const text = instant.toISOString();
    if (text.length !== 24) {
      isoMinute = Number.NaN; // a year outside 0000–9999: "+012345-…"
      return text;
    }
    for (let i = 0; i < 17; i++) isoText[i] = text.charCodeAt(i); // "YYYY-MM-DDTHH:mm:"
    isoMinute = minute;
  }
  const rest = ms - minute * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  isoText[17] = 48 + Math.floor(seconds / 10);
  isoText[18] = 48 + (seconds % 10);
  isoText[19] = 46; // "."
  isoText[20] = 48 + Math.floor(millis / 100);
  isoText[21] = 48 + (Math.floor(millis / 10) % 10);
  isoText[22] = 48 + (millis % 10);
  isoText[23] = 90; // "Z"
  return isoDecoder.decode(isoText);
}

function cacheKey(aggregate: AnyAggregate, streamId: string): string {
  return `${aggregate.name}@${aggregate.version}:${streamId}`;
}
