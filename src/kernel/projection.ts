import type { EventEnvelope } from "./envelope.js";
import type { Message } from "./message.js";

/**
 * A read model as a pure fold over stored events: `(view, envelope) => view`. Never mutate the
 * view you are given; return a new one (or the same one when the event changes nothing).
 *
 * @example
 * ```ts
 * const entries = defineProjection<number, VisitEvent>({
 *   name: "entries",
 *   initialView: 0,
 *   fold: (view, event) => (event.type === "MemberCheckedIn" ? view + 1 : view),
 * });
 * ```
 */
export interface Projection<V, E extends Message = Message> {
  readonly name: string;
  readonly initialView: V;
  /** Event types this projection reads; others are skipped without calling `fold`. */
  readonly eventTypes?: readonly E["type"][];
  fold(view: V, event: EventEnvelope<E>): V;
}

/**
 * Declares a projection; the identity function that carries its types.
 *
 * @example
 * ```ts
 * const count = defineProjection({ name: "count", initialView: 0, fold: (n: number) => n + 1 });
 * ```
 */
export function defineProjection<V, E extends Message = Message>(
  projection: Projection<V, E>,
): Projection<V, E> {
  return projection;
}

/**
 * Folds a list of envelopes into a projection's view, from `from` (default: its initial view).
 *
 * @example
 * ```ts
 * const view = foldProjection(keyTagLedger, await store.readStream("club-1/key-tag-pool/main"));
 * ```
 */
export function foldProjection<V, E extends Message>(
  projection: Projection<V, E>,
  events: Iterable<EventEnvelope>,
  from: V = projection.initialView,
): V {
  const types = projection.eventTypes ? new Set<string>(projection.eventTypes) : undefined;
  let view = from;
  for (const event of events) {
    if (types && !types.has(event.type)) continue;
    view = projection.fold(view, event as EventEnvelope<E>);
  }
  return view;
}
