import type { EventEnvelope } from "./envelope.js";
import { type Checkpoint, type EventStore, START } from "./event-store.js";
import type { Message } from "./message.js";
import type { PersonalDataCodec } from "./personal-data-codec.js";
import type { Projection } from "./projection.js";
import type { UpcasterRegistry } from "./upcasting.js";

/** How a ProjectionRunner reads the global log. */
export interface ProjectionRunnerOptions {
  /** Events per read (default 1,000). */
  readonly batchSize?: number;
  /** Only events of this site (by `metadata.siteId`); default: every site in the store. */
  readonly siteId?: string;
  /** Upgrades old event versions before they are folded. */
  readonly upcasters?: UpcasterRegistry;
  /** Decrypts personal fields before events are folded (see PersonalDataCodec). */
  readonly personalData?: PersonalDataCodec;
}

/**
 * Keeps one projection's view up to date from a store's global log: it remembers a checkpoint,
 * `catchUp()` folds what was appended since, and `rebuild()` starts again from zero.
 *
 * @example
 * ```ts
 * const runner = new ProjectionRunner(store, keyTagLedger);
 * await runner.catchUp();
 * runner.view.out; // tags out now
 * ```
 */
export class ProjectionRunner<V, E extends Message = Message> {
  private current: V;
  private position: Checkpoint = START;
  private readonly batchSize: number;
  private readonly types: ReadonlySet<string> | undefined;
  private readonly siteId: string | undefined;
  private readonly upcasters: UpcasterRegistry | undefined;
  private readonly codec: PersonalDataCodec | undefined;

  constructor(
    private readonly store: EventStore,
    readonly projection: Projection<V, E>,
    options: ProjectionRunnerOptions = {},
  ) {
    this.current = projection.initialView;
    this.batchSize = options.batchSize ?? 1000;
    this.siteId = options.siteId;
    this.codec = options.personalData;
    this.upcasters = options.upcasters?.hasUpcasters ? options.upcasters : undefined;
    this.types = projection.eventTypes ? new Set<string>(projection.eventTypes) : undefined;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`ProjectionRunner batchSize must be a whole number >= 1`);
    }
  }

  /** The view as of the checkpoint. */
  get view(): V {
    return this.current;
  }

  /** Where the next read starts. */
  get checkpoint(): Checkpoint {
    return this.position;
  }

  /** Folds every event appended since the checkpoint. Returns how many events were read. */
  async catchUp(): Promise<number> {
    let read = 0;
    for (;;) {
      const batch = await this.store.readAll({ after: this.position, limit: this.batchSize });
      if (batch.events.length === 0) return read;
      const events = this.codec ? await this.codec.open(batch.events, this.siteId) : batch.events;
      this.current = this.foldBatch(this.current, events);
      this.position = batch.checkpoint;
      read += batch.events.length;
    }
  }

  /** Forgets the view and the checkpoint and folds the whole log again. */
  async rebuild(): Promise<number> {
    this.current = this.projection.initialView;
    this.position = START;
    return this.catchUp();
  }

  private foldBatch(view: V, events: readonly EventEnvelope[]): V {
    const { types, siteId, projection, upcasters } = this;
    let next = view;
    for (const event of events) {
      if (types !== undefined && !types.has(event.type)) continue;
      if (siteId !== undefined && event.metadata.siteId !== siteId) continue;
      next = projection.fold(
        next,
        (upcasters ? upcasters.upcast(event) : event) as EventEnvelope<E>,
      );
    }
    return next;
  }
}
