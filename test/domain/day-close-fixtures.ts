/**
 * Fixtures of the day-close and opening specs: the people of a club's evening, a façade with a
 * stand-in for the handover book (its entry enlists `RecordHandoverWritten`, as the real book's
 * will), and the instants of the day.
 */

import {
  type Actor,
  type CalendarConfig,
  type Clock,
  createServiceOps,
  dayCloseAggregate,
  defaultAggregates,
  defineAggregate,
  defineCommand,
  defineEvent,
  type EventStore,
  RecordHandoverWritten,
  streamName,
} from "svcops";
import { z } from "zod";

export const SITE = "club-1";
/** 2026-12-06 in Shanghai; the club opens 10:00–22:00 (arrive by 09:50, S7). */
export const DAY = "2026-12-06";
export const HOURS: CalendarConfig = { openingHours: { opens: "10:00", closes: "22:00" } };
/** An instant of DAY at a local wall-clock time (Shanghai is UTC+8). */
export function at(time: string, day = DAY): string {
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const local = Date.parse(`${day}T00:00:00.000Z`) + (hh * 60 + mm) * 60_000;
  return new Date(local - 8 * 3600_000).toISOString();
}

const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
export const desk = person("desk-1", "frontDesk");
export const desk2 = person("desk-2", "frontDesk");
export const lead = person("lead-1", "teamLead");
export const csManager = person("csm-1", "csManager");
export const dutyManager = person("dm-1", "dutyManager");
export const cashier = person("cash-1", "cashier");
export const bar = person("bar-1", "waterBar");

/** A stand-in for the handover book: its entry enlists the close's `RecordHandoverWritten`. */
const WriteHandover = defineCommand(
  "WriteHandover",
  z.strictObject({ handoverId: z.string(), businessDay: z.string() }),
  { roles: ["frontDesk", "teamLead"] },
);
const HandoverEntryWritten = defineEvent(
  "HandoverEntryWritten",
  z.object({ handoverId: z.string(), businessDay: z.string() }),
);
type WriteHandover = ReturnType<typeof WriteHandover>;
type HandoverEntryWritten = ReturnType<typeof HandoverEntryWritten>;
export const handoverStandIn = defineAggregate<WriteHandover, HandoverEntryWritten, null>({
  name: "handover-stand-in",
  version: 1,
  decider: {
    initialState: null,
    decide: (command) => [{ type: "HandoverEntryWritten", data: command.data }],
    evolve: (state) => state,
  },
  commands: [WriteHandover],
  events: [HandoverEntryWritten],
  streamId: (command, scope) =>
    streamName(scope.siteId, "handover-stand-in", command.data.handoverId),
  enlist: (event) => [
    {
      aggregate: dayCloseAggregate,
      command: RecordHandoverWritten({
        businessDay: event.data.businessDay,
        handoverId: event.data.handoverId,
      }),
    },
  ],
});
export { WriteHandover };

/** svcops for the club with the shipped aggregates and the handover stand-in. */
export function clubOps(clock: Clock, store?: EventStore) {
  return createServiceOps({
    site: { id: SITE, ...HOURS },
    clock,
    aggregates: [...defaultAggregates, handoverStandIn],
    ...(store ? { store } : {}),
  });
}
