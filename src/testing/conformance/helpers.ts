import type { EventEnvelope, NewEvent } from "../../kernel/envelope.js";
import {
  type Checkpoint,
  type CommandKey,
  type CommandStamp,
  type EventStore,
  START,
} from "../../kernel/event-store.js";

/**
 * The test functions of your runner (vitest, jest, node:test, mocha all fit).
 *
 * @example
 * ```ts
 * import { describe, it } from "node:test";
 * const suite: SuiteFunctions = { describe, it };
 * ```
 */
export interface SuiteFunctions {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void> | void, timeout?: number): void;
}

/**
 * Options of the conformance suite.
 *
 * @example
 * ```ts
 * const options: ConformanceOptions = { describe, it, name: "redis", release: (store) => store.close() };
 * ```
 */
export interface ConformanceOptions extends SuiteFunctions {
  /** Name of the store in the suite's title. */
  readonly name?: string;
  /** Runs after each test with the store it made (close it, drop it). */
  readonly release?: (store: EventStore) => Promise<void> | void;
  /** Rounds of the concurrent-creation race (default 20). */
  readonly rounds?: number;
  /** Writer counts of the live-reader test (default 8, 32 and 64). */
  readonly writers?: readonly number[];
  /** Runs of the live-reader test per writer count (default 20). */
  readonly loadRuns?: number;
}

/** A conformance test's body: the store under test and the prefix of the test's own stream ids. */
export type StoreTest = (store: EventStore, p: string) => Promise<void>;

/**
 * What each guarantee registers its tests with; `eventStoreConformance` makes one and hands it to
 * every guarantee, in order, inside its `describe`.
 *
 * @example
 * ```ts
 * const { options, withStore } = context;
 * options.it("appends", withStore(async (store, p) => { await store.readStream(`${p}/a`); }));
 * ```
 */
export interface ConformanceContext {
  /** The suite's options: `it` registers a test. */
  readonly options: ConformanceOptions;
  /** Rounds of the concurrent-creation race (`options.rounds`, default 20). */
  readonly rounds: number;
  /** Runs of the live-reader test per writer count (`options.loadRuns`, default 20). */
  readonly loadRuns: number;
  /** Wraps a test body: makes a store, runs the body with a fresh prefix, releases the store. */
  readonly withStore: (body: StoreTest) => () => Promise<void>;
}

/** The site of the suite's commands (command ids are unique per site). */
const SITE = "conformance";

/** A command stamp of the suite's site (or another). */
export function stamp(id: string, fingerprint: string, siteId = SITE): CommandStamp {
  return { siteId, id, fingerprint };
}

/** A command key of the suite's site (or another). */
export function key(id: string, siteId = SITE): CommandKey {
  return { siteId, id };
}

let unique = 0;
/** A fresh prefix for one test's stream and command ids (time, process id and a counter). */
export function prefix(): string {
  unique += 1;
  return `conf${Date.now().toString(36)}${process.pid.toString(36)}${unique}`;
}

/**
 * Builds a NewEvent for conformance tests.
 *
 * @example
 * ```ts
 * await store.append({ streamId: "s", expectedVersion: "no-stream", events: [newEvent("Happened", { n: 1 })] });
 * ```
 */
export function newEvent(type: string, data: unknown, commandId = "cmd"): NewEvent {
  unique += 1;
  return {
    eventId: `${prefix()}-${unique}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: "conformance", role: "system" },
      siteId: "conformance",
      occurredAt: "2026-11-22T02:00:00.000Z",
      recordedAt: "2026-11-22T02:00:00.000Z",
    },
  };
}

/**
 * Reads the whole global log in batches of `limit`, from `after`.
 *
 * @example
 * ```ts
 * const { events, checkpoint } = await readAllFrom(store, START, 100);
 * ```
 */
export async function readAllFrom(
  store: EventStore,
  after: Checkpoint = START,
  limit = 500,
): Promise<{ events: EventEnvelope[]; checkpoint: Checkpoint }> {
  const events: EventEnvelope[] = [];
  let checkpoint = after;
  for (;;) {
    const batch = await store.readAll({ after: checkpoint, limit });
    if (batch.events.length === 0) return { events, checkpoint };
    events.push(...batch.events);
    checkpoint = batch.checkpoint;
  }
}
