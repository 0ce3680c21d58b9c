import { deepStrictEqual, equal } from "node:assert/strict";
import type { EventEnvelope } from "../../kernel/envelope.js";
import { VersionConflict } from "../../kernel/errors.js";
import { type ConformanceContext, newEvent, readAllFrom } from "./helpers.js";

/**
 * A live reader of the global log under concurrent writers: for each writer count in
 * `options.writers` (default 8, 32 and 64), `loadRuns` runs in which a reader follows `readAll`
 * while the writers append, and reads every committed event exactly once, each stream in version
 * order (an event that commits late is never skipped).
 *
 * @example
 * ```ts
 * describe("EventStore conformance", () => liveReaderGuarantees(context));
 * ```
 */
export function liveReaderGuarantees(context: ConformanceContext): void {
  const { options, loadRuns, withStore } = context;
  const { it } = options;

  for (const writers of options.writers ?? [8, 32, 64]) {
    it(
      `${writers} concurrent writers and a live global reader: every committed event read exactly once, ${loadRuns} of ${loadRuns} runs`,
      withStore(async (store, p) => {
        for (let run = 0; run < loadRuns; run++) {
          const r = `${p}/r${run}`;
          const { checkpoint: start } = await readAllFrom(store);
          const seen: EventEnvelope[] = [];
          let done = false;
          const reader = (async () => {
            let checkpoint = start;
            for (;;) {
              const finished = done;
              const batch = await store.readAll({ after: checkpoint, limit: 50 });
              seen.push(...batch.events);
              checkpoint = batch.checkpoint;
              if (finished && batch.events.length === 0) return;
              if (batch.events.length === 0) await new Promise((t) => setTimeout(t, 1));
            }
          })();
          const committed = await Promise.all(
            Array.from({ length: writers }, async (_, w) => {
              const written: EventEnvelope[] = [];
              for (let k = 0; k < 4; k++) {
                const shared = `${r}/shared-${(w + k) % 4}`;
                for (;;) {
                  const version = (await store.readStream(shared)).length;
                  try {
                    written.push(
                      ...(await store.appendMany([
                        {
                          streamId: `${r}/own-${w}`,
                          expectedVersion: k === 0 ? "no-stream" : k,
                          events: [newEvent("Own", { w, k })],
                        },
                        {
                          streamId: shared,
                          expectedVersion: version === 0 ? "no-stream" : version,
                          events: [newEvent("Shared", { w, k })],
                        },
                      ])),
                    );
                    break;
                  } catch (error) {
                    if (!(error instanceof VersionConflict)) throw error;
                  }
                }
              }
              return written;
            }),
          );
          done = true;
          await reader;
          const mine = seen.filter((e) => e.streamId.startsWith(`${r}/`));
          const expected = committed.flat();
          equal(mine.length, expected.length, `run ${run}: events read`);
          deepStrictEqual(
            new Set(mine.map((e) => e.eventId)),
            new Set(expected.map((e) => e.eventId)),
            `run ${run}: the same events`,
          );
          const versions = new Map<string, number[]>();
          for (const e of mine)
            versions.set(e.streamId, [...(versions.get(e.streamId) ?? []), e.streamVersion]);
          for (const [streamId, list] of versions) {
            deepStrictEqual(
              list,
              Array.from({ length: list.length }, (_, i) => i + 1),
              `run ${run}: ${streamId} in version order`,
            );
          }
        }
      }),
      300_000,
    );
  }
}
