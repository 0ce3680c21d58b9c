import {
  type Actor,
  type AnyAggregate,
  createServiceOps,
  type EventStore,
  manualClock,
} from "svcops";

/**
 * The one-site setting of the kernel's guard and forward specs: site "s", a desk clerk and a
 * duty manager of it, and an app over a given store and aggregates at a fixed instant.
 *
 * @example
 * ```ts
 * const app = opsOnSiteS(recording(createMemoryStore()).store, [gate, notes]);
 * await app.execute(Note({ id: "n-1" }), { actor: deskOfS });
 * ```
 */
export const deskOfS: Actor = { id: "desk-1", role: "frontDesk", sites: ["s"] };
export const managerOfS: Actor = { id: "dm-1", role: "dutyManager", sites: ["s"] };

export function opsOnSiteS(store: EventStore, aggregates: readonly AnyAggregate[]) {
  return createServiceOps({
    site: { id: "s" },
    store,
    clock: manualClock("2026-12-06T02:00:00Z"),
    aggregates,
  });
}
