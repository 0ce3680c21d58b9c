import type { EventStore } from "../kernel/event-store.js";
import { afterEventIdGuarantees } from "./conformance/after-event-id.js";
import { appendGuarantees } from "./conformance/appends.js";
import { batchGuarantees } from "./conformance/batches.js";
import { commandIdGuarantees } from "./conformance/command-ids.js";
import { globalLogGuarantees } from "./conformance/global-log.js";
import {
  type ConformanceContext,
  type ConformanceOptions,
  prefix,
  type StoreTest,
} from "./conformance/helpers.js";
import { liveReaderGuarantees } from "./conformance/live-reader.js";
import { outboxGuarantees } from "./conformance/outbox.js";
import { snapshotGuarantees } from "./conformance/snapshots.js";

export {
  type ConformanceOptions,
  newEvent,
  readAllFrom,
  type SuiteFunctions,
} from "./conformance/helpers.js";

/**
 * The behaviour every EventStore must show, as one suite. Run it against your adapter with
 * your test runner's `describe` and `it`; svcops runs it against memory, SQLite and PostgreSQL.
 * Each test uses its own stream ids, so `makeStore` may return one shared store.
 *
 * Each guarantee's tests are a file of their own in `src/testing/conformance/`, registered here in
 * order: appends, the global log, command ids, snapshots, `afterEventId`, `appendBatch`, a
 * live reader under concurrent writers, and the outbox of notifications (when the store has one).
 *
 * @example
 * ```ts
 * import { describe, it } from "vitest";
 * import { eventStoreConformance } from "svcops/testing";
 * import { createMemoryStore } from "svcops";
 *
 * eventStoreConformance(() => createMemoryStore(), { describe, it, name: "memory" });
 * ```
 */
export function eventStoreConformance(
  makeStore: () => EventStore | Promise<EventStore>,
  options: ConformanceOptions,
): void {
  const { describe } = options;
  const withStore = (body: StoreTest) => async () => {
    const store = await makeStore();
    try {
      await body(store, prefix());
    } finally {
      await options.release?.(store);
    }
  };
  const context: ConformanceContext = {
    options,
    rounds: options.rounds ?? 20,
    loadRuns: options.loadRuns ?? 20,
    withStore,
  };

  describe(`EventStore conformance${options.name ? `: ${options.name}` : ""}`, () => {
    appendGuarantees(context);
    globalLogGuarantees(context);
    commandIdGuarantees(context);
    snapshotGuarantees(context);
    afterEventIdGuarantees(context);
    batchGuarantees(context);
    liveReaderGuarantees(context);
    outboxGuarantees(context);
  });
}
