/**
 * Shared fixtures of the Visit, Key-tag pool and Reception specs: actors, event builders with
 * sensible defaults, and a façade wired to a memory store and a manual clock.
 */
import {
  type Actor,
  ConsultantSignedIn,
  createMemoryStore,
  createServiceOps,
  type ManualClock,
  MemberCheckedIn,
  type MemoryEventStore,
  manualClock,
  type PolicyOverrides,
  RegisterKeyTags,
  type ServiceOps,
  VisitorHandedOff,
  VisitorRegistered,
} from "svcops";
import { SPEC_SITE } from "svcops/testing";

/** The business day of the default spec instant (2026-11-22T02:00:00Z is 10:00 in Shanghai). */
export const DAY = "2026-11-22";
/** The instant `given(...)` specs decide at by default. */
export const NOW = "2026-11-22T02:00:00.000Z";
/** The site the façade specs run. */
export const SITE = "club-1";

const MINUTE = 60_000;

/** An instant `ms` milliseconds after NOW, as an ISO string. */
export function later(ms: number): string {
  return new Date(Date.parse(NOW) + ms).toISOString();
}
export const minutes = (n: number) => n * MINUTE;

/** Actors of the spec site (used by `given(...).when(cmd, { actor })`). */
export const specDesk: Actor = { id: "desk-1", role: "frontDesk", sites: [SPEC_SITE] };
export function specConsultant(id: string): Actor {
  return { id, role: "consultant", sites: [SPEC_SITE] };
}

/** Actors of the façade site. */
export const desk: Actor = { id: "desk-1", role: "frontDesk", sites: [SITE] };
export const desk2: Actor = { id: "desk-2", role: "frontDesk", sites: [SITE] };
export const lead: Actor = { id: "lead-1", role: "teamLead", sites: [SITE] };
export const waterBar: Actor = { id: "bar-1", role: "waterBar", sites: [SITE] };
export function consultant(id: string): Actor {
  return { id, role: "consultant", sites: [SITE] };
}

/** A member checked in on visit v-1 with tag 17 (override any field). */
export function checkedIn(overrides: Partial<Parameters<typeof MemberCheckedIn>[0]> = {}) {
  return MemberCheckedIn({
    visitId: "v-1",
    memberCard: "M-1",
    keyTag: "17",
    category: "member",
    gender: "female",
    businessDay: DAY,
    ...overrides,
  });
}

/** A consultant signed in today. */
export function signedIn(consultantId: string) {
  return ConsultantSignedIn({ consultantId, businessDay: DAY });
}

/** A first-time visitor registered by desk-1 (override any field). */
export function registered(overrides: Partial<Parameters<typeof VisitorRegistered>[0]> = {}) {
  return VisitorRegistered({
    visitorId: "g-1",
    name: "Li Wei",
    phone: "13800000000",
    gender: "male",
    firstVisit: true,
    businessDay: DAY,
    deskSignature: { staffId: "desk-1", role: "frontDesk" },
    ...overrides,
  });
}

/** The desk handed visitor g-1 to a consultant at NOW (arrival due 2 min later). */
export function handedOff(overrides: Partial<Parameters<typeof VisitorHandedOff>[0]> = {}) {
  return VisitorHandedOff({
    visitorId: "g-1",
    consultantId: "c-1",
    reason: "rotation",
    arrivalDue: later(minutes(2)),
    deskSignature: { staffId: "desk-1", role: "frontDesk" },
    ...overrides,
  });
}

/** The façade over a fresh memory store, at NOW on a manual clock. */
export interface Desk {
  readonly ops: ServiceOps;
  readonly store: MemoryEventStore;
  readonly clock: ManualClock;
}

/** A site `club-1` with a memory store, a manual clock at NOW and (by default) tags 1–5 registered. */
export async function openDesk(
  options: { tags?: readonly string[]; policy?: PolicyOverrides } = {},
): Promise<Desk> {
  const store = createMemoryStore();
  const clock = manualClock(NOW);
  const ops = createServiceOps({
    site: { id: SITE, ...(options.policy ? { policy: options.policy } : {}) },
    store,
    clock,
  });
  const tags = options.tags ?? ["1", "2", "3", "4", "5"];
  if (tags.length > 0) await ops.execute(RegisterKeyTags({ tags: [...tags] }), { actor: lead });
  return { ops, store, clock };
}

/** Every stored event of one type, in log order. */
export async function storedOfType(store: MemoryEventStore, type: string) {
  const { events } = await store.readAll({ limit: 100_000 });
  return events.filter((event) => event.type === type);
}

/** The data of the `index`-th event of a list, typed as the spec expects it; throws if missing. */
export function dataOf<T>(events: readonly { readonly data: unknown }[], index = 0): T {
  const event = events[index];
  if (!event) throw new Error(`expected an event at index ${index}, got ${events.length} events`);
  return event.data as T;
}
