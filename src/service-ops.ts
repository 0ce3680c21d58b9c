import { keyTagPoolAggregate } from "./domain/key-tag-pool/aggregate.js";
import { receptionAggregate } from "./domain/reception/aggregate.js";
import { visitAggregate } from "./domain/visit/aggregate.js";
import { type Aggregate, type AnyAggregate, siteOfStream } from "./kernel/aggregate.js";
import { type Clock, systemClock } from "./kernel/clock.js";
import {
  CommandHandler,
  type CommandResult,
  type ExecuteOptions,
} from "./kernel/command-handler.js";
import { Unauthorized } from "./kernel/errors.js";
import type { EventStore } from "./kernel/event-store.js";
import type { GroupCommitOptions } from "./kernel/group-commit.js";
import type { IdGenerator } from "./kernel/ids.js";
import type { Message } from "./kernel/message.js";
import type { Projection } from "./kernel/projection.js";
import { ProjectionRunner } from "./kernel/projection-runner.js";
import { defineSite, type Site, type SiteConfig } from "./kernel/site.js";
import type { VersionedState } from "./kernel/state-cache.js";
import { createMemoryStore } from "./stores/memory/memory-store.js";

/** The aggregates svcops ships, routed by default. */
export const defaultAggregates: readonly AnyAggregate[] = [
  visitAggregate,
  keyTagPoolAggregate,
  receptionAggregate,
];

/** How to start svcops for one site. */
export interface ServiceOpsOptions {
  /** Site id, calendar and policy (or a Site made with `defineSite`). */
  readonly site: SiteConfig | Site;
  /** Where events live; default: a new memory store. */
  readonly store?: EventStore;
  /** Default: the system clock. Tests and demos pass a `manualClock`. */
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Aggregates to route; default: all that svcops ships. */
  readonly aggregates?: readonly AnyAggregate[];
  /** How often a command is decided again after a VersionConflict (default 5). */
  readonly maxRetries?: number;
  /** How many stream states are kept between commands (default 10,000). */
  readonly cacheSize?: number;
  /** How the handler batches its commits into the store's transactions (see GroupCommit). */
  readonly groupCommit?: GroupCommitOptions;
}

/** svcops for one site: send commands, read projections and aggregate state. */
export interface ServiceOps {
  readonly site: Site;
  readonly store: EventStore;
  readonly handler: CommandHandler;
  /** Handles a command (see CommandHandler.execute). */
  execute(command: Message, options: ExecuteOptions): Promise<CommandResult>;
  /** Brings a projection up to date with this site's events and returns its view. */
  read<V, E extends Message>(projection: Projection<V, E>): Promise<V>;
  /** The current state of one aggregate stream of this site (another site's stream: Unauthorized). */
  state<C extends Message, E extends Message, S>(
    aggregate: Aggregate<C, E, S>,
    streamId: string,
  ): Promise<VersionedState<S>>;
}

/**
 * Starts svcops for a site: the façade an app begins with.
 *
 * @example
 * ```ts
 * import { createServiceOps, CheckInMember, keyTagLedger, manualClock } from "svcops";
 *
 * const ops = createServiceOps({ site: { id: "club-1" }, clock: manualClock("2026-11-22T01:00:00Z") });
 * const desk = { id: "s-1", role: "frontDesk", sites: ["club-1"] };
 * await ops.execute(CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "17", gender: "female" }), { actor: desk });
 * (await ops.read(keyTagLedger)).out.get("17");
 * ```
 */
export function createServiceOps(options: ServiceOpsOptions): ServiceOps {
  const site = "calendar" in options.site ? options.site : defineSite(options.site);
  const store = options.store ?? createMemoryStore();
  const handler = new CommandHandler({
    store,
    site,
    clock: options.clock ?? systemClock,
    aggregates: options.aggregates ?? defaultAggregates,
    ...(options.ids ? { ids: options.ids } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.cacheSize !== undefined ? { cacheSize: options.cacheSize } : {}),
    ...(options.groupCommit ? { groupCommit: options.groupCommit } : {}),
  });
  const runners = new Map<Projection<unknown, Message>, ProjectionRunner<unknown, Message>>();
  return {
    site,
    store,
    handler,
    execute: (command, executeOptions) => handler.execute(command, executeOptions),
    async read<V, E extends Message>(projection: Projection<V, E>): Promise<V> {
      let runner = runners.get(projection as Projection<unknown, Message>) as
        | ProjectionRunner<V, E>
        | undefined;
      if (!runner) {
        runner = new ProjectionRunner(store, projection, {
          siteId: site.id,
          upcasters: handler.upcasterRegistry,
        });
        runners.set(
          projection as Projection<unknown, Message>,
          runner as ProjectionRunner<unknown, Message>,
        );
      }
      await runner.catchUp();
      return runner.view;
    },
    async state<C extends Message, E extends Message, S>(
      aggregate: Aggregate<C, E, S>,
      streamId: string,
    ): Promise<VersionedState<S>> {
      if (siteOfStream(streamId) !== site.id) {
        throw new Unauthorized(`stream ${streamId} does not belong to site ${site.id}.`);
      }
      return handler.load<S>(aggregate, streamId);
    },
  };
}
