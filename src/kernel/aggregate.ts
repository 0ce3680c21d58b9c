import type { Decider } from "./decider.js";
import type { CommandDefinition, EventDefinition, Message } from "./message.js";
import type { NotificationContext, NotificationDraft } from "./notification.js";

/** What a stream id may depend on besides the command: the site and today's business day. */
export interface StreamScope {
  readonly siteId: string;
  readonly businessDay: string;
}

/** A command on another aggregate's stream that an event brings into the same atomic append. */
export interface Enlistment {
  // biome-ignore lint/suspicious/noExplicitAny: an enlistment may name any aggregate
  readonly aggregate: Aggregate<any, any, any>;
  readonly command: Message;
}

/**
 * A decider with everything the command handler needs to route to it: a name, a version (bump it
 * when `evolve` changes, to drop cached and snapshot states), its command and event schemas, how
 * to find the stream of a command, and which commands on other streams its events enlist.
 *
 * Enlisting is how an invariant that spans streams holds (V2: a key tag is out on one visit at a
 * time): the visit's `MemberCheckedIn` enlists `IssueKeyTag` on the key-tag pool, both are
 * decided against current state and appended in one atomic `appendMany`, and a conflict on
 * either stream retries the whole command.
 *
 * @example
 * ```ts
 * export const visitAggregate = defineAggregate({
 *   name: "visit", version: 1, decider: visitDecider, commands, events,
 *   streamId: (command, scope) => streamName(scope.siteId, "visit", command.data.visitId),
 * });
 * ```
 */
export interface Aggregate<C extends Message, E extends Message, S> {
  readonly name: string;
  /** Bump when `evolve` or the state's shape changes: cached states and snapshots of another version are ignored. */
  readonly version: number;
  readonly decider: Decider<C, E, S>;
  readonly commands: readonly CommandDefinition[];
  readonly events: readonly EventDefinition[];
  streamId(command: C, scope: StreamScope): string;
  enlist?(event: E, command: C, scope: StreamScope): readonly Enlistment[];
  /**
   * The notifications an event of this aggregate causes (I1: an incident tells the CS manager
   * and the coach), pure; usually none. They are written to the store's outbox in the same
   * atomic append as the event, and a dispatcher delivers them (see
   * `createNotificationDispatcher`).
   */
  notifications?(event: E, context: NotificationContext): readonly NotificationDraft[];
  /**
   * Commands on other streams that a command of this aggregate must pass first, without writing
   * there (a guard): each is decided on its stream's state like an enlisted command, and a
   * refusal refuses the whole command; that stream's version is then checked in the same atomic
   * append (a request with no events), so a writer that moves it meanwhile (S7: the day close)
   * makes the command decide again on the new state. A guard's stream is read from the cache
   * like any other, so the check costs no store read while the stream does not move.
   */
  guard?(command: C, scope: StreamScope): readonly Enlistment[];
  /**
   * Commands on other streams that a command of this aggregate is passed on to, read from its
   * state (a route): called after `decide` accepted the command, with the state its events left.
   * A command that `decide` answers with no event and forwards (N2: the key-tag pool finds the
   * visit a tag is out on and passes the charge to its tab) writes nothing on this stream, yet its
   * version is checked in the same atomic append, as a guard's is, so the route it read still
   * holds when the append lands. An event costs a write, an id and a fold on every replay; a
   * route is a read.
   */
  forward?(command: C, state: S, scope: StreamScope): readonly Enlistment[];
  /** Take a snapshot of long streams of this aggregate (when the store keeps snapshots). */
  readonly snapshot?: SnapshotPolicy<S>;
}

/**
 * When and how an aggregate's state is snapshotted: every `every` events, through a JSON-safe
 * encoding (Sets and Maps become arrays).
 *
 * @example
 * ```ts
 * const snapshot: SnapshotPolicy<PoolState> = {
 *   every: 200,
 *   encode: (s) => ({ out: [...s.out] }),
 *   decode: (json) => ({ out: new Map((json as { out: [string, string][] }).out) }),
 * };
 * ```
 */
export interface SnapshotPolicy<S> {
  readonly every: number;
  encode(state: S): unknown;
  decode(encoded: unknown): S;
}

// biome-ignore lint/suspicious/noExplicitAny: registries hold aggregates of every type
export type AnyAggregate = Aggregate<any, any, any>;

/**
 * Declares an aggregate: gives its type parameters a home, and returns it as an object of one
 * shape whichever optional hooks it has (each absent one `undefined`), frozen. The command path
 * reads `decider`, `enlist`, `guard`, `forward`, `snapshot` of every aggregate it meets; with one
 * shape for all of them those reads stay monomorphic (one hidden class) as an app adds
 * aggregates, where each literal of its own made them polymorphic and, past four, megamorphic.
 *
 * @example
 * ```ts
 * const counter = defineAggregate({ name: "counter", version: 1, decider, commands, events,
 *   streamId: (c, scope) => streamName(scope.siteId, "counter", c.data.id) });
 * ```
 */
export function defineAggregate<C extends Message, E extends Message, S>(
  aggregate: Aggregate<C, E, S>,
): Aggregate<C, E, S> {
  return Object.freeze({
    name: aggregate.name,
    version: aggregate.version,
    decider: aggregate.decider,
    commands: aggregate.commands,
    events: aggregate.events,
    streamId: aggregate.streamId,
    enlist: aggregate.enlist,
    notifications: aggregate.notifications,
    guard: aggregate.guard,
    forward: aggregate.forward,
    snapshot: aggregate.snapshot,
  });
}

/**
 * The stream id convention: `<siteId>/<aggregate>/<key>`, so one store serves a chain of sites.
 *
 * @example
 * ```ts
 * streamName("club-1", "visit", "v-42"); // "club-1/visit/v-42"
 * ```
 */
export function streamName(siteId: string, aggregate: string, key: string): string {
  return `${siteId}/${aggregate}/${key}`;
}

/**
 * The site a stream id belongs to (the part before the first `/`).
 *
 * @example
 * ```ts
 * siteOfStream("club-1/visit/v-42"); // "club-1"
 * ```
 */
export function siteOfStream(streamId: string): string {
  const slash = streamId.indexOf("/");
  return slash < 0 ? "" : streamId.slice(0, slash);
}
