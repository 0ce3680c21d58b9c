import { type AnyAggregate, type StreamScope, siteOfStream } from "./aggregate.js";
import type { Clock } from "./clock.js";
import { CommandRouter, type Route } from "./command-router.js";
import { type DecideMode, LegDecider, type Pass } from "./decide-legs.js";
import type { DecideContext } from "./decider.js";
import type { Actor, ActorRef, EventEnvelope, EventMetadata, NewEvent } from "./envelope.js";
import {
  ClockError,
  DuplicateCommand,
  IdempotencyConflict,
  SvcOpsError,
  Unauthorized,
  ValidationError,
  VersionConflict,
} from "./errors.js";
import type {
  AppendToStream,
  CommandRecord,
  CommandStamp,
  Commit,
  EventStore,
} from "./event-store.js";
import { checkExecuteOptions, type ExecuteOptions } from "./execute-options.js";
import { fingerprint } from "./fingerprint.js";
import { GroupCommit, type GroupCommitOptions } from "./group-commit.js";
import { type IdGenerator, MAX_ULID_TIME, ulidIds } from "./ids.js";
import { InflightTips } from "./inflight-tips.js";
import { isoInstant } from "./iso-instant.js";
import type { Message } from "./message.js";
import type { Notification, NotificationDraft, NotificationMapping } from "./notification.js";
import type { PersonalDataCodec } from "./personal-data-codec.js";
import { checkRetryPolicy, type RetryPolicy, RetrySchedule } from "./retry-policy.js";
import type { Site } from "./site.js";
import type { VersionedState } from "./state-cache.js";
import { StateLoader } from "./state-loader.js";
import { BAD_TEXT_MESSAGE, isCleanText } from "./text.js";
import { UpcasterRegistry } from "./upcasting.js";

/** How a command handler is wired. */
export interface CommandHandlerOptions {
  readonly store: EventStore;
  readonly site: Site;
  readonly clock: Clock;
  /** Event and command ids; default: ULIDs timed by `clock`. */
  readonly ids?: IdGenerator;
  readonly aggregates: readonly AnyAggregate[];
  /** How long a command keeps deciding again after VersionConflicts (see RetryPolicy). */
  readonly retry?: RetryPolicy;
  /** How many stream states are kept between commands (default 10,000; 0 keeps none). */
  readonly cacheSize?: number;
  /** How commits are batched into the store's transactions (see GroupCommit). */
  readonly groupCommit?: GroupCommitOptions;
  /**
   * The app's own notifications, besides those the aggregates declare: called on every event
   * appended, written to the store's outbox in the same append (see `Aggregate.notifications`).
   */
  readonly notifications?: NotificationMapping;
  /**
   * Encrypts personal fields on their way into the store and decrypts them on the way out
   * (see PersonalDataCodec); without it events are stored as decided, at no cost.
   */
  readonly personalData?: PersonalDataCodec;
}

/** What a command did. */
export interface CommandResult {
  readonly commandId: string;
  /** The events appended (the first time), in append order. */
  readonly events: readonly EventEnvelope[];
  /** True when this command id had been handled before and nothing was appended now. */
  readonly duplicate: boolean;
}

/** A parsed, authorised command with everything its decisions share. */
interface Prepared {
  readonly route: Route;
  readonly command: Message;
  readonly stamp: CommandStamp;
  /** The caller gave the command id (so it may have been handled before). */
  readonly callerId: boolean;
  readonly context: DecideContext;
  readonly scope: StreamScope;
  readonly metadata: EventMetadata;
}

/** How often one command decides again because its state fell behind an in-flight tip. */
const MAX_BEHIND = 3;
const ignore = () => undefined;

/**
 * The command path: check the options, parse the command with its schema and check the
 * actor's site and role (`CommandRouter`) → load state (`StateLoader`, cached by stream
 * version) → decide (with the commands its events enlist on other streams) → append atomically
 * with the loaded versions (`GroupCommit`) → settle (the states become the cached ones). On a
 * VersionConflict it loads again and decides again, with backoff, for as long as its
 * `RetryPolicy` allows. A command id seen before at this site returns the first result and
 * appends nothing, whenever it is sent again; bad input, a refused rule or a missing right
 * appends nothing.
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
  private readonly retry: Required<RetryPolicy>;
  private readonly router: CommandRouter;
  private readonly loader: StateLoader;
  private readonly upcasters: UpcasterRegistry;
  /** Streams with commits of this handler still being written, and the states they leave. */
  private readonly tips = new InflightTips();
  /** The decide step, on this handler's tips and states. */
  private readonly legs: LegDecider;
  /** Where this handler's commits queue for the store (group commit). */
  private readonly commits: GroupCommit;
  /** One ActorRef per actor object, shared by the metadata of all its commands. */
  private readonly actorRefs = new WeakMap<Actor, ActorRef>();
  /** The caller's command ids being handled now: a second call with one waits for the first. */
  private readonly running = new Map<string, Promise<unknown>>();
  /** The app's notification mapping, if any (the aggregates' are on each aggregate). */
  private readonly appNotifications: NotificationMapping | undefined;
  private readonly remember = (key: string, value: VersionedState) =>
    this.loader.remember(key, value);
  private readonly codec: PersonalDataCodec | undefined;
  /** Settles when the last sealed commit was handed to the group commit (keeps their order). */
  private sealed: Promise<void> = Promise.resolve();

  constructor(options: CommandHandlerOptions) {
    this.store = options.store;
    this.site = options.site;
    this.clock = options.clock;
    this.ids = options.ids ?? ulidIds(options.clock);
    this.retry = checkRetryPolicy(options.retry);
    this.router = new CommandRouter(options.aggregates);
    this.upcasters = new UpcasterRegistry(options.aggregates.flatMap((a) => a.events));
    this.codec = options.personalData;
    this.loader = new StateLoader(
      options.store,
      this.upcasters,
      options.cacheSize ?? 10_000,
      this.codec,
    );
    this.commits = new GroupCommit(options.store, options.groupCommit);
    this.legs = new LegDecider(this.tips, this.loader);
    this.appNotifications = options.notifications;
  }

  /** The command types this handler routes. */
  get commandTypes(): readonly string[] {
    return this.router.types;
  }

  /** The upcaster registry built from the aggregates' event definitions. */
  get upcasterRegistry(): UpcasterRegistry {
    return this.upcasters;
  }

  /** Handles one command. See the class comment for the path it takes. */
  async execute(input: unknown, options: ExecuteOptions): Promise<CommandResult> {
    const prepared = this.prepare(input, options);
    if (!prepared.callerId) return this.run(prepared);
    // The same id sent again while it is being handled (a double tap): wait for the first,
    // then answer from what it left in the store.
    const id = prepared.stamp.id;
    for (let earlier = this.running.get(id); earlier; earlier = this.running.get(id)) {
      await earlier.then(ignore, ignore);
    }
    const run = this.run(prepared);
    this.running.set(id, run);
    try {
      return await run;
    } finally {
      if (this.running.get(id) === run) this.running.delete(id);
    }
  }

  /**
   * The current state of an aggregate's stream of this handler's site (folded from the store,
   * cached by version). Another site's stream is Unauthorized.
   *
   * @example
   * ```ts
   * const { state, version } = await handler.load(visitAggregate, "club-1/visit/v-1");
   * ```
   */
  async load<S>(aggregate: AnyAggregate, streamId: string): Promise<VersionedState<S>> {
    if (typeof streamId !== "string" || streamId.length > 512 || !isCleanText(streamId)) {
      throw new ValidationError("Stream id", [
        {
          path: "streamId",
          message: `must be a string of at most 512 characters; ${BAD_TEXT_MESSAGE}`,
        },
      ]);
    }
    if (siteOfStream(streamId) !== this.site.id) {
      throw new Unauthorized(`stream ${streamId} does not belong to site ${this.site.id}.`);
    }
    return this.loader.load<S>(aggregate, streamId);
  }

  /**
   * Forgets every cached stream state, so the next load folds the store's events again (after
   * a data subject's key was erased, their fields read as erased).
   */
  forgetStates(): void {
    this.loader.clear();
  }

  /** Options, parse, authority and clock: everything checked before a read. */
  private prepare(input: unknown, options: ExecuteOptions): Prepared {
    const checked = checkExecuteOptions(options);
    const { route, command } = this.router.parse(input);
    const actor = this.router.authorize(route.definition, checked.actor, this.site.id);
    const now = this.clock.now();
    const time = now instanceof Date ? now.getTime() : Number.NaN;
    if (!(time >= 0 && time <= MAX_ULID_TIME)) throw new ClockError(now);
    const commandId = checked.commandId ?? this.ids.next();
    const at = isoInstant(now);
    return {
      route,
      command,
      stamp: {
        siteId: this.site.id,
        id: commandId,
        fingerprint: fingerprint(command.type, command.data),
      },
      callerId: checked.commandId !== undefined,
      context: {
        now,
        siteId: this.site.id,
        policy: this.site.policy,
        calendar: this.site.calendar,
        actor,
      },
      scope: { siteId: this.site.id, businessDay: this.site.calendar.businessDayOf(now) },
      metadata: {
        commandId,
        correlationId: checked.correlationId ?? commandId,
        causationId: checked.causationId ?? commandId,
        actor: this.actorRef(actor),
        siteId: this.site.id,
        occurredAt: at,
        recordedAt: at,
      },
    };
  }

  private async run(prepared: Prepared): Promise<CommandResult> {
    const { route, command, stamp, callerId } = prepared;
    // Only a caller's id can have been handled before; a generated one is new. The append still
    // refuses a known id (DuplicateCommand), so skipping the read here loses no guarantee.
    if (callerId) {
      const seen = await this.findCommand(stamp);
      if (seen) return replayed(seen, stamp);
    }
    // The first decision uses the newest state this handler knows of each stream: the one its
    // commits still in flight will leave, else the cached one. A state another writer has moved
    // on fails the append's expected version (VersionConflict); a refusal (RuleViolation, …) is
    // only final when decided on states read from the store.
    let mode: DecideMode = "cached";
    let behind = 0;
    let retries: RetrySchedule | undefined;
    for (;;) {
      const pass: Pass = {
        legs: new Map(),
        context: prepared.context,
        scope: prepared.scope,
        mode,
        startsStream: route.definition.startsStream,
        usedCache: false,
        awaited: [],
      };
      try {
        const pending = this.legs.decide(pass, route.aggregate, command, 0);
        if (pending) await pending;
      } catch (error) {
        if (pass.usedCache || pass.awaited.length > 0) {
          // Let the commits it was decided on land, then decide again on the store's states.
          if (pass.awaited.length > 0) await Promise.allSettled(pass.awaited);
          mode = "confirm";
          continue;
        }
        // A final refusal. With the caller's id, the command may have been handled meanwhile
        // by another app instance, its effect being what refuses it now: answer with that.
        const seen = callerId ? await this.findCommand(stamp) : undefined;
        if (seen) return replayed(seen, stamp);
        throw error;
      }
      // A state read from the store while this handler chained a commit on that stream is
      // already behind: decide again on the chain's tip rather than send a commit bound to
      // conflict (a few times at most, so that a busy stream cannot hold a command here).
      if (pass.mode !== "confirm" && behind < MAX_BEHIND && this.tips.behind(pass.legs)) {
        behind++;
        continue;
      }
      try {
        return { commandId: stamp.id, events: await this.append(pass, prepared), duplicate: false };
      } catch (error) {
        if (error instanceof DuplicateCommand) {
          const first = await this.findCommand(stamp);
          if (first) return replayed(first, stamp);
        }
        if (!(error instanceof VersionConflict)) throw error;
        retries ??= new RetrySchedule(this.retry);
        const wait = retries.next();
        if (wait === undefined) {
          // Giving up: forget the stale state, or the next command would decide on it again.
          const stale = pass.legs.get(error.streamId);
          if (stale) this.loader.forget(stale.key);
          throw error;
        }
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        mode = "fresh";
      }
    }
  }

  /** Sends a decision's events as one commit, claims its tips, and settles them. */
  private async append(pass: Pass, prepared: Prepared): Promise<readonly EventEnvelope[]> {
    const requests: AppendToStream[] = [];
    for (const leg of pass.legs.values()) {
      // A guarded stream with no events of its own goes in too: its version is checked.
      if (leg.events.length === 0 && !leg.checked) continue;
      const events = leg.events.map((event) => this.toNewEvent(event, prepared.metadata));
      // Only an aggregate (or app) that declares notifications pays for them; none: no field.
      const notifications =
        events.length > 0 && (leg.aggregate.notifications || this.appNotifications)
          ? this.notificationsOf(leg.aggregate, leg.streamId, leg.events, events, prepared)
          : undefined;
      let request: AppendToStream = {
        streamId: leg.streamId,
        expectedVersion: leg.loadedVersion === 0 ? "no-stream" : leg.loadedVersion,
        events,
      };
      if (leg.afterEventId !== undefined) request = { ...request, afterEventId: leg.afterEventId };
      if (notifications) request = { ...request, notifications };
      requests.push(request);
    }
    const commit = { requests, command: prepared.stamp };
    const written = this.codec
      ? this.submitSealed(this.codec, commit)
      : this.commits.submit(commit);
    const claimed = this.tips.claim(pass.legs, requests, written);
    let events: readonly EventEnvelope[];
    try {
      events = await written;
    } catch (error) {
      this.tips.settle(claimed, false, this.remember);
      throw error;
    }
    this.tips.settle(claimed, true, this.remember);
    for (const leg of pass.legs.values()) {
      if (leg.events.length === 0) continue;
      const after = { version: leg.loadedVersion + leg.events.length, state: leg.state };
      const saving = this.loader.snapshotIfDue(
        leg.aggregate,
        leg.streamId,
        leg.loadedVersion,
        after,
      );
      if (saving) await saving;
    }
    return events;
  }

  /**
   * The notifications a leg's events cause (the aggregate's mapping, then the app's), each tied
   * to its event; undefined when there are none. A store without an outbox cannot write them
   * with the events: the command is refused before anything is appended.
   */
  private notificationsOf(
    aggregate: AnyAggregate,
    streamId: string,
    messages: readonly Message[],
    events: readonly NewEvent[],
    prepared: Prepared,
  ): Notification[] | undefined {
    let notifications: Notification[] | undefined;
    const context = { siteId: this.site.id, streamId, now: prepared.context.now };
    const add = (drafts: readonly NotificationDraft[] | undefined, event: NewEvent) => {
      if (!drafts) return;
      for (const draft of drafts) {
        notifications ??= [];
        notifications.push({
          notificationId: this.ids.next(),
          siteId: this.site.id,
          eventId: event.eventId,
          streamId,
          createdAt: prepared.metadata.recordedAt,
          type: draft.type,
          to: draft.to,
          ...(draft.rule !== undefined ? { rule: draft.rule } : {}),
          data: draft.data,
        });
      }
    };
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i] as Message;
      const event = events[i] as NewEvent;
      add(aggregate.notifications?.(message, context), event);
      add(this.appNotifications?.(message, context), event);
    }
    if (notifications && !this.store.outbox) {
      throw new SvcOpsError(
        "store_unsupported",
        `${messages[0]?.type ?? "This command"} causes notifications, and this store has no outbox to write them in the same append; use a store with an outbox (memory, SQLite, PostgreSQL).`,
      );
    }
    return notifications;
  }

  /** A command's record at this site, its events' personal fields decrypted. */
  private findCommand(stamp: CommandStamp): Promise<CommandRecord | undefined> {
    const codec = this.codec;
    if (!codec) return this.store.findCommand(stamp);
    return this.store
      .findCommand(stamp)
      .then(async (seen) =>
        seen ? { ...seen, events: await codec.open(seen.events, this.site.id) } : seen,
      );
  }

  /**
   * Encrypts a commit's personal fields and submits it, in the order the commits were decided
   * (a commit chained on another one of this handler must reach the store after it); resolves
   * with the events as written, their data as decided.
   */
  private async submitSealed(
    codec: PersonalDataCodec,
    commit: Commit,
  ): Promise<readonly EventEnvelope[]> {
    const sealing = codec.seal(this.site.id, commit.requests);
    const before = this.sealed;
    let handed!: () => void;
    this.sealed = new Promise((resolve) => {
      handed = resolve;
    });
    let requests: readonly AppendToStream[];
    let written: Promise<readonly EventEnvelope[]>;
    try {
      requests = await sealing;
      await before;
      written = this.commits.submit(
        requests === commit.requests ? commit : { ...commit, requests },
      );
    } finally {
      // Handed to the group commit (or failed): the next commit may go, into the same batch.
      handed();
    }
    if (requests === commit.requests) return written;
    const plain = new Map<string, unknown>();
    for (const request of commit.requests) {
      for (const event of request.events) plain.set(event.eventId, event.data);
    }
    return (await written).map((event) =>
      plain.has(event.eventId)
        ? ({ ...event, data: plain.get(event.eventId) } as EventEnvelope)
        : event,
    );
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
}

/** The first result of a command id, or IdempotencyConflict when it was another command. */
function replayed(record: CommandRecord, stamp: CommandStamp): CommandResult {
  if (record.fingerprint !== stamp.fingerprint) throw new IdempotencyConflict(record.commandId);
  return { commandId: record.commandId, events: record.events, duplicate: true };
}
