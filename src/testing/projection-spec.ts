import { deepStrictEqual } from "node:assert/strict";
import type { EventEnvelope, EventMetadata } from "../kernel/envelope.js";
import type { Message } from "../kernel/message.js";
import { foldProjection, type Projection } from "../kernel/projection.js";
import { SPEC_SITE } from "./decider-spec.js";

/** An event for a projection spec, optionally with when it happened. */
export type SpecEvent<E extends Message> = E | { readonly event: E; readonly at: string };

/**
 * Wraps plain events in envelopes as a store would (positions 1…n, one stream per call).
 *
 * @example
 * ```ts
 * const envelopes = envelop([checkedIn(), { event: checkedOut(), at: "2026-11-22T03:00:00Z" }]);
 * ```
 */
export function envelop<E extends Message>(
  events: readonly SpecEvent<E>[],
  options: { streamId?: string; at?: string } = {},
): EventEnvelope<E>[] {
  return events.map((item, index) => {
    const { event, at } =
      "event" in item ? item : { event: item, at: options.at ?? "2026-11-22T02:00:00.000Z" };
    const metadata: EventMetadata = {
      commandId: `cmd-${index + 1}`,
      correlationId: `cmd-${index + 1}`,
      causationId: `cmd-${index + 1}`,
      actor: { id: "desk-1", role: "frontDesk" },
      siteId: SPEC_SITE,
      occurredAt: at,
      recordedAt: at,
    };
    return {
      eventId: `evt-${index + 1}`,
      streamId: options.streamId ?? `${SPEC_SITE}/spec/1`,
      streamVersion: index + 1,
      globalPosition: index + 1,
      schemaVersion: 1,
      type: event.type,
      data: event.data,
      metadata,
    } as EventEnvelope<E>;
  });
}

/**
 * given events / then view, for any projection.
 *
 * @example
 * ```ts
 * projectionSpec(dailyEntryCounts).given([checkedIn({ gender: "female" })]).then((view) => {
 *   expect(view.get("2026-11-22")?.member.female).toBe(1);
 * });
 * ```
 */
export function projectionSpec<V, E extends Message>(projection: Projection<V, E>) {
  return {
    given(events: readonly SpecEvent<E>[]) {
      const view = foldProjection(projection, envelop(events));
      return {
        /** The view equals `expected`, or passes the given check. */
        // biome-ignore lint/suspicious/noThenProperty: given/when/then is the spec vocabulary; do not await a spec
        then(expected: V | ((view: V) => void)): void {
          if (typeof expected === "function") (expected as (view: V) => void)(view);
          else deepStrictEqual(view, expected);
        },
      };
    },
  };
}
