import { broadcastAggregate } from "./domain/broadcast/aggregate.js";
import type { broadcastCommands } from "./domain/broadcast/commands.js";
import { broadcastEvents } from "./domain/broadcast/events.js";
import { complaintAggregate } from "./domain/complaint/aggregate.js";
import type { complaintCommands } from "./domain/complaint/commands.js";
import { complaintEvents } from "./domain/complaint/events.js";
import { dayCloseAggregate } from "./domain/day-close/aggregate.js";
import type { dayCloseCommands } from "./domain/day-close/commands.js";
import { dayCloseEvents } from "./domain/day-close/events.js";
import { depositLoanAggregate } from "./domain/deposit-loan/aggregate.js";
import { agreementAccountAggregate } from "./domain/deposit-loan/agreement-account/aggregate.js";
import type { agreementAccountCommands } from "./domain/deposit-loan/agreement-account/commands.js";
import { agreementAccountEvents } from "./domain/deposit-loan/agreement-account/events.js";
import type { depositLoanCommands } from "./domain/deposit-loan/commands.js";
import { depositLoanEvents } from "./domain/deposit-loan/events.js";
import type { venueSessionCommands } from "./domain/deposit-loan/venue-session/commands.js";
import { venueSessionEvents } from "./domain/deposit-loan/venue-session/events.js";
import { handoverBookAggregate } from "./domain/handover-book/aggregate.js";
import type { handoverBookCommands } from "./domain/handover-book/commands.js";
import { handoverBookEvents } from "./domain/handover-book/events.js";
import { incidentAggregate } from "./domain/incident/aggregate.js";
import type { incidentCommands } from "./domain/incident/commands.js";
import { incidentEvents } from "./domain/incident/events.js";
import { inventoryAggregate } from "./domain/inventory/aggregate.js";
import type { inventoryCommands } from "./domain/inventory/commands.js";
import { inventoryEvents } from "./domain/inventory/events.js";
import { keyTagPoolAggregate } from "./domain/key-tag-pool/aggregate.js";
import type { keyTagPoolCommands } from "./domain/key-tag-pool/commands.js";
import { keyTagPoolEvents } from "./domain/key-tag-pool/events.js";
import { phoneDeskAggregate } from "./domain/phone-desk/aggregate.js";
import type { phoneDeskCommands } from "./domain/phone-desk/commands.js";
import { phoneDeskEvents } from "./domain/phone-desk/events.js";
import { receptionAggregate } from "./domain/reception/aggregate.js";
import type { receptionCommands } from "./domain/reception/commands.js";
import { receptionEvents } from "./domain/reception/events.js";
import { conductAggregate } from "./domain/shift/conduct/aggregate.js";
import type { conductCommands } from "./domain/shift/conduct/commands.js";
import { conductEvents } from "./domain/shift/conduct/events.js";
import { postDutyAggregate } from "./domain/shift/post-duty/aggregate.js";
import type { postDutyCommands } from "./domain/shift/post-duty/commands.js";
import { postDutyEvents } from "./domain/shift/post-duty/events.js";
import { rosterAggregate } from "./domain/shift/roster/aggregate.js";
import type { rosterCommands } from "./domain/shift/roster/commands.js";
import { rosterEvents } from "./domain/shift/roster/events.js";
import { shiftOpeningAggregate } from "./domain/shift-opening/aggregate.js";
import type { shiftOpeningCommands } from "./domain/shift-opening/commands.js";
import { shiftOpeningEvents } from "./domain/shift-opening/events.js";
import { surveyAggregate } from "./domain/survey/aggregate.js";
import type { surveyCommands } from "./domain/survey/commands.js";
import { surveyEvents } from "./domain/survey/events.js";
import { visitAggregate } from "./domain/visit/aggregate.js";
import type { visitCommands } from "./domain/visit/commands.js";
import { visitEvents } from "./domain/visit/events.js";
import { workOrderAggregate } from "./domain/work-order/aggregate.js";
import type { workOrderCommands } from "./domain/work-order/commands.js";
import { workOrderEvents } from "./domain/work-order/events.js";
import type { Aggregate, AnyAggregate } from "./kernel/aggregate.js";
import { type Clock, systemClock } from "./kernel/clock.js";
import { CommandHandler, type CommandResult } from "./kernel/command-handler.js";
import type { EventEnvelope } from "./kernel/envelope.js";
import { ValidationError } from "./kernel/errors.js";
import type { EventStore } from "./kernel/event-store.js";
import type { ExecuteOptions } from "./kernel/execute-options.js";
import type { GroupCommitOptions } from "./kernel/group-commit.js";
import type { IdGenerator } from "./kernel/ids.js";
import type { InputOf, Message, MessageOf } from "./kernel/message.js";
import type { NotificationMapping } from "./kernel/notification.js";
import { PersonalDataCodec } from "./kernel/personal-data-codec.js";
import type { PersonalDataKeyStore } from "./kernel/personal-data-keys.js";
import type { Projection } from "./kernel/projection.js";
import { ProjectionRunner } from "./kernel/projection-runner.js";
import type { RetryPolicy } from "./kernel/retry-policy.js";
import { checkSiteId, defineSite, type Site, type SiteConfig } from "./kernel/site.js";
import type { VersionedState } from "./kernel/state-cache.js";
import type { UpcasterRegistry } from "./kernel/upcasting.js";
import { createMemoryStore } from "./stores/memory/memory-store.js";

/** The aggregates svcops ships, routed by default. */
export const defaultAggregates = [
  visitAggregate,
  keyTagPoolAggregate,
  receptionAggregate,
  complaintAggregate,
  incidentAggregate,
  depositLoanAggregate,
  agreementAccountAggregate,
  inventoryAggregate,
  workOrderAggregate,
  phoneDeskAggregate,
  handoverBookAggregate,
  broadcastAggregate,
  surveyAggregate,
  shiftOpeningAggregate,
  dayCloseAggregate,
  rosterAggregate,
  postDutyAggregate,
  conductAggregate,
] as const;

/** The type of `defaultAggregates`. */
export type DefaultAggregates = typeof defaultAggregates;

/**
 * Every command svcops ships, as it may be sent: built by its definition (`CheckInMember({…})`)
 * or written out, with defaulted fields left out. An event, or a command of no aggregate, does
 * not compile where one is expected.
 */
export type ShippedCommand = InputOf<
  | (typeof visitCommands)[number]
  | (typeof keyTagPoolCommands)[number]
  | (typeof receptionCommands)[number]
  | (typeof complaintCommands)[number]
  | (typeof incidentCommands)[number]
  | (typeof depositLoanCommands)[number]
  | (typeof venueSessionCommands)[number]
  | (typeof agreementAccountCommands)[number]
  | (typeof inventoryCommands)[number]
  | (typeof workOrderCommands)[number]
  | (typeof phoneDeskCommands)[number]
  | (typeof handoverBookCommands)[number]
  | (typeof broadcastCommands)[number]
  | (typeof surveyCommands)[number]
  | (typeof shiftOpeningCommands)[number]
  | (typeof dayCloseCommands)[number]
  | (typeof rosterCommands)[number]
  | (typeof postDutyCommands)[number]
  | (typeof conductCommands)[number]
>;

/** Every event svcops ships, as stored: `switch (event.type)` narrows its `data`. */
export type ShippedEvent = MessageOf<
  | (typeof visitEvents)[number]
  | (typeof keyTagPoolEvents)[number]
  | (typeof receptionEvents)[number]
  | (typeof complaintEvents)[number]
  | (typeof incidentEvents)[number]
  | (typeof depositLoanEvents)[number]
  | (typeof venueSessionEvents)[number]
  | (typeof agreementAccountEvents)[number]
  | (typeof inventoryEvents)[number]
  | (typeof workOrderEvents)[number]
  | (typeof phoneDeskEvents)[number]
  | (typeof handoverBookEvents)[number]
  | (typeof broadcastEvents)[number]
  | (typeof surveyEvents)[number]
  | (typeof shiftOpeningEvents)[number]
  | (typeof dayCloseEvents)[number]
  | (typeof rosterEvents)[number]
  | (typeof postDutyEvents)[number]
  | (typeof conductEvents)[number]
>;

const shippedEventTypes: ReadonlySet<string> = new Set(
  [
    ...visitEvents,
    ...keyTagPoolEvents,
    ...receptionEvents,
    ...complaintEvents,
    ...incidentEvents,
    ...depositLoanEvents,
    ...venueSessionEvents,
    ...agreementAccountEvents,
    ...inventoryEvents,
    ...workOrderEvents,
    ...phoneDeskEvents,
    ...handoverBookEvents,
    ...broadcastEvents,
    ...surveyEvents,
    ...shiftOpeningEvents,
    ...dayCloseEvents,
    ...rosterEvents,
    ...postDutyEvents,
    ...conductEvents,
  ].map((event) => event.type),
);

/**
 * Narrows an envelope read from a store (`readAll`, `readStream`) to the events svcops ships,
 * by its type, so that its `data` is typed. Run upcasters first for events of older schema
 * versions (`ops.read` with a projection does).
 *
 * @example
 * ```ts
 * for (const envelope of (await store.readAll()).events) {
 *   if (isShippedEvent(envelope) && envelope.type === "MemberCheckedIn") envelope.data.keyTag; // string
 * }
 * ```
 */
export function isShippedEvent(envelope: EventEnvelope): envelope is EventEnvelope<ShippedEvent> {
  return shippedEventTypes.has(envelope.type);
}

/**
 * The commands a list of aggregates routes: the shipped ones as they may be sent, and those of
 * an app's own aggregates as their deciders take them.
 */
export type CommandsOf<A extends readonly AnyAggregate[]> = A extends DefaultAggregates
  ? ShippedCommand
  : // biome-ignore lint/suspicious/noExplicitAny: an aggregate of any command, event and state
    A[number] extends Aggregate<infer C, any, any>
    ? C
    : never;

/** The events a list of aggregates appends: the shipped ones typed, and an app's own. */
export type EventsOf<A extends readonly AnyAggregate[]> = A extends DefaultAggregates
  ? ShippedEvent
  : // biome-ignore lint/suspicious/noExplicitAny: an aggregate of any command, event and state
    A[number] extends Aggregate<any, infer E, any>
    ? E
    : never;

/** How to start svcops for one site. */
export interface ServiceOpsOptions<A extends readonly AnyAggregate[] = DefaultAggregates> {
  /** Site id, calendar and policy (or a Site made with `defineSite`). */
  readonly site: SiteConfig | Site;
  /** Where events live; default: a new memory store. */
  readonly store?: EventStore;
  /** Default: the system clock. Tests and demos pass a `manualClock`. */
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Aggregates to route; default: all that svcops ships. */
  readonly aggregates?: A;
  /** How long a command keeps deciding again after VersionConflicts (see RetryPolicy). */
  readonly retry?: RetryPolicy;
  /** How many stream states are kept between commands (default 10,000; 0 keeps none). */
  readonly cacheSize?: number;
  /** How the handler batches its commits into the store's transactions (see GroupCommit). */
  readonly groupCommit?: GroupCommitOptions;
  /**
   * The app's own notifications (besides the aggregates', e.g. I1's): a pure mapping called on
   * every event appended; what it returns is written to the store's outbox in the same atomic
   * append. Deliver them with `createNotificationDispatcher`.
   */
  readonly notifications?: NotificationMapping<EventsOf<A>>;
  /**
   * Opt-in: encrypt the fields marked `personal` in the event schemas with a key per data
   * subject from `keys`, so that `erasePersonalData` can erase them (docs/personal-data.md).
   * Without it events are stored as decided.
   */
  readonly personalData?: { readonly keys: PersonalDataKeyStore };
}

/** svcops for one site: send commands, read projections and aggregate state. */
export interface ServiceOps<C extends Message = ShippedCommand> {
  /** The site, frozen. */
  readonly site: Site;
  /** The upcasters of the routed aggregates' events (for reading stored events yourself). */
  readonly upcasters: UpcasterRegistry;
  /** Handles a command (see CommandHandler.execute). */
  execute(command: C, options: ExecuteOptions): Promise<CommandResult>;
  /** Brings a projection up to date with this site's events and returns its view. */
  read<V, E extends Message>(projection: Projection<V, E>): Promise<V>;
  /** The current state of one aggregate stream of this site (another site's stream: Unauthorized). */
  state<C2 extends Message, E extends Message, S>(
    aggregate: Aggregate<C2, E, S>,
    streamId: string,
  ): Promise<VersionedState<S>>;
  /**
   * Erases a data subject's personal data at this site (crypto-shredding): their key goes, and
   * from then on replays, projections and `state` show their personal fields as `ERASED_TEXT`
   * or `ERASED_NUMBER`. A subject id is `<kind>:<id>`, e.g. `member:M-1`, `visitor:vis-1`,
   * `loan:L-1`, `complaint:c-1`, `incident:i-1`, `signer:ID-1101`, `work-order:wo-1`,
   * `recipient:eng-duty` (docs/personal-data.md lists whose each field is). True when a key was
   * erased.
   * Needs the `personalData` option.
   */
  erasePersonalData(subjectId: string): Promise<boolean>;
}

/**
 * Starts svcops for a site: the façade an app begins with.
 *
 * @example
 * ```ts
 * import { createServiceOps, CheckInMember, keyTagLedger, manualClock, type Actor } from "svcops";
 *
 * const ops = createServiceOps({ site: { id: "club-1" }, clock: manualClock("2026-11-22T01:00:00Z") });
 * const desk: Actor = { id: "s-1", role: "frontDesk", sites: ["club-1"] };
 * await ops.execute(CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "17", gender: "female" }), { actor: desk });
 * (await ops.read(keyTagLedger)).out.get("17");
 * ```
 */
export function createServiceOps<const A extends readonly AnyAggregate[] = DefaultAggregates>(
  options: ServiceOpsOptions<A>,
): ServiceOps<CommandsOf<A>> {
  const given = "calendar" in options.site ? options.site : defineSite(options.site);
  // A Site built by hand is held to the same id rule as defineSite's, and frozen: its id keys
  // every stream and command of the site.
  checkSiteId(given.id);
  const site: Site = Object.freeze({
    id: given.id,
    calendar: given.calendar,
    policy: given.policy,
  });
  const store = options.store ?? createMemoryStore();
  const aggregates = options.aggregates ?? defaultAggregates;
  const codec = options.personalData
    ? new PersonalDataCodec(
        options.personalData.keys,
        aggregates.flatMap((a) => a.events),
      )
    : undefined;
  const handler = new CommandHandler({
    store,
    site,
    clock: options.clock ?? systemClock,
    aggregates,
    ...(options.ids ? { ids: options.ids } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.cacheSize !== undefined ? { cacheSize: options.cacheSize } : {}),
    ...(options.groupCommit ? { groupCommit: options.groupCommit } : {}),
    ...(options.notifications
      ? { notifications: options.notifications as NotificationMapping }
      : {}),
    ...(codec ? { personalData: codec } : {}),
  });
  const runners = new Map<Projection<unknown, Message>, ProjectionRunner<unknown, Message>>();
  // Neither the store nor the handler is handed back: the store holds every site's events and
  // the handler holds the store. Each way into a site's data here is bound to this site.
  const ops: ServiceOps<CommandsOf<A>> = {
    site,
    upcasters: handler.upcasterRegistry,
    execute: (command, executeOptions) => handler.execute(command, executeOptions),
    async read<V, E extends Message>(projection: Projection<V, E>): Promise<V> {
      let runner = runners.get(projection as Projection<unknown, Message>) as
        | ProjectionRunner<V, E>
        | undefined;
      if (!runner) {
        runner = new ProjectionRunner(store, projection, {
          siteId: site.id,
          upcasters: handler.upcasterRegistry,
          ...(codec ? { personalData: codec } : {}),
        });
        runners.set(
          projection as Projection<unknown, Message>,
          runner as ProjectionRunner<unknown, Message>,
        );
      }
      await runner.catchUp();
      return runner.view;
    },
    state: (aggregate, streamId) => handler.load(aggregate, streamId),
    async erasePersonalData(subjectId: string): Promise<boolean> {
      if (!codec) {
        throw new ValidationError("erasePersonalData", [
          { path: "personalData", message: "createServiceOps was started without personalData" },
        ]);
      }
      if (typeof subjectId !== "string" || !/^[A-Za-z][\w-]*:./.test(subjectId)) {
        throw new ValidationError("erasePersonalData", [
          { path: "subjectId", message: `expected "<kind>:<id>", e.g. "member:M-1"` },
        ]);
      }
      const erased = await codec.keys.erase(site.id, subjectId);
      // States and views folded before hold the plain values: fold them again from the store.
      handler.forgetStates();
      runners.clear();
      return erased;
    },
  };
  return Object.freeze(ops);
}
