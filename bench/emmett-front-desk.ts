/**
 * Emmett side of the "front-desk day" benchmark.
 *
 * N visits, each in its own stream `visit-<n>`. Every command goes through Emmett's real
 * command path: `DeciderCommandHandler` -> `eventStore.aggregateStream` (stream read + evolve)
 * -> `decide` -> `eventStore.appendToStream` with the expected stream version, against
 * Emmett's in-memory event store (`getInMemoryEventStore()`).
 *
 * Per visit n: CheckIn; for even n also ChargeTab(1500) + SettleTab(1500); then CheckOut.
 * That is 3N commands and 3N events in total. The rebuild runs `rebuildRuns` times (default 5)
 * and the median rate is reported.
 */

import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import {
  type Command,
  type Decider,
  DeciderCommandHandler,
  type Event,
  getInMemoryEventStore,
  IllegalStateError,
  type InMemoryEventStore,
  ValidationError,
} from "@event-driven-io/emmett";
import { TAB_AMOUNT } from "./front-desk-visit.js";

export interface ScenarioResult {
  commands: number;
  commandsPerSec: number;
  events: number;
  rebuildEventsPerSec: number;
  /** Commands per second of this process's CPU time (user + system) in the write phase. */
  commandsPerCpuSec?: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

// ---------------------------------------------------------------------------
// Commands and events
// ---------------------------------------------------------------------------

type Gender = "female" | "male";

type CheckIn = Command<
  "CheckIn",
  { visitId: string; memberCard: string; keyTag: string; gender: Gender; at: Date }
>;
type ChargeTab = Command<"ChargeTab", { visitId: string; amount: number }>;
type SettleTab = Command<"SettleTab", { visitId: string; amount: number }>;
type CheckOut = Command<"CheckOut", { visitId: string; keyTag: string }>;
export type VisitCommand = CheckIn | ChargeTab | SettleTab | CheckOut;

type MemberCheckedIn = Event<
  "MemberCheckedIn",
  { visitId: string; memberCard: string; keyTag: string; gender: Gender; at: Date }
>;
type TabCharged = Event<"TabCharged", { visitId: string; amount: number }>;
type TabSettled = Event<"TabSettled", { visitId: string; amount: number }>;
type MemberCheckedOut = Event<"MemberCheckedOut", { visitId: string; keyTag: string }>;
export type VisitEvent = MemberCheckedIn | TabCharged | TabSettled | MemberCheckedOut;

// ---------------------------------------------------------------------------
// Visit decider
// ---------------------------------------------------------------------------

export type Visit =
  | { status: "notCheckedIn" }
  | { status: "checkedIn"; keyTag: string; balance: number }
  | { status: "checkedOut" };

const initialState = (): Visit => ({ status: "notCheckedIn" });

const assertPositiveAmount = (amount: number): void => {
  if (!Number.isInteger(amount) || amount <= 0) {
    throw new ValidationError(`Amount must be a positive integer, got ${amount}`);
  }
};

const decide = (command: VisitCommand, state: Visit): VisitEvent => {
  switch (command.type) {
    case "CheckIn": {
      if (state.status !== "notCheckedIn") {
        throw new IllegalStateError(`Visit ${command.data.visitId} is already checked in`);
      }
      return { type: "MemberCheckedIn", data: { ...command.data } };
    }
    case "ChargeTab": {
      if (state.status !== "checkedIn") {
        throw new IllegalStateError(`Visit ${command.data.visitId} is not checked in`);
      }
      assertPositiveAmount(command.data.amount);
      return { type: "TabCharged", data: { ...command.data } };
    }
    case "SettleTab": {
      if (state.status !== "checkedIn") {
        throw new IllegalStateError(`Visit ${command.data.visitId} is not checked in`);
      }
      assertPositiveAmount(command.data.amount);
      if (command.data.amount > state.balance) {
        throw new IllegalStateError(
          `Visit ${command.data.visitId}: settling ${command.data.amount} exceeds balance ${state.balance}`,
        );
      }
      return { type: "TabSettled", data: { ...command.data } };
    }
    case "CheckOut": {
      if (state.status !== "checkedIn") {
        throw new IllegalStateError(`Visit ${command.data.visitId} is not checked in`);
      }
      if (state.balance > 0) {
        throw new IllegalStateError(
          `Visit ${command.data.visitId} has an open tab of ${state.balance}`,
        );
      }
      if (command.data.keyTag !== state.keyTag) {
        throw new IllegalStateError(
          `Visit ${command.data.visitId} holds key tag ${state.keyTag}, not ${command.data.keyTag}`,
        );
      }
      return { type: "MemberCheckedOut", data: { ...command.data } };
    }
  }
};

const evolve = (state: Visit, event: VisitEvent): Visit => {
  switch (event.type) {
    case "MemberCheckedIn":
      return { status: "checkedIn", keyTag: event.data.keyTag, balance: 0 };
    case "TabCharged":
      return state.status === "checkedIn"
        ? { ...state, balance: state.balance + event.data.amount }
        : state;
    case "TabSettled":
      return state.status === "checkedIn"
        ? { ...state, balance: state.balance - event.data.amount }
        : state;
    case "MemberCheckedOut":
      return { status: "checkedOut" };
  }
};

export const visitDecider: Decider<Visit, VisitCommand, VisitEvent> = {
  decide,
  evolve,
  initialState,
};

const handleVisit = DeciderCommandHandler<Visit, VisitCommand, VisitEvent>(visitDecider);

// ---------------------------------------------------------------------------
// Front-desk view (projection rebuilt from the store)
// ---------------------------------------------------------------------------

export interface FrontDeskView {
  female: number;
  male: number;
  tagsIssued: number;
  tagsReturned: number;
}

export const foldView = (view: FrontDeskView, event: VisitEvent): void => {
  switch (event.type) {
    case "MemberCheckedIn":
      view[event.data.gender] += 1;
      view.tagsIssued += 1;
      return;
    case "MemberCheckedOut":
      view.tagsReturned += 1;
      return;
    case "TabCharged":
    case "TabSettled":
      return;
  }
};

// ---------------------------------------------------------------------------
// Scenario
// ---------------------------------------------------------------------------

const DAY_START_MS = Date.UTC(2025, 0, 6, 6, 0, 0);

const streamOf = (n: number): string => `visit-${n}`;

const handle = async (
  eventStore: InMemoryEventStore,
  visitId: string,
  command: VisitCommand,
): Promise<number> => {
  const result = await handleVisit(eventStore, visitId, command);
  if (result.newEvents.length !== 1) {
    throw new Error(`${command.type} on ${visitId} produced ${result.newEvents.length} events`);
  }
  return result.newEvents.length;
};

export async function runEmmettFrontDesk(n: number, rebuildRuns = 5): Promise<ScenarioResult> {
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new RangeError(`n must be a positive integer, got ${n}`);
  }

  const eventStore = getInMemoryEventStore();
  let commands = 0;
  let appended = 0;

  // --- write side: 3N commands through DeciderCommandHandler ---------------
  const writeStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const visitId = streamOf(i);
    const keyTag = `T${i % 200}`;

    appended += await handle(eventStore, visitId, {
      type: "CheckIn",
      data: {
        visitId,
        memberCard: `M${i}`,
        keyTag,
        gender: i % 2 === 0 ? "female" : "male",
        at: new Date(DAY_START_MS + i * 1000),
      },
    });
    commands++;

    if (i % 2 === 0) {
      appended += await handle(eventStore, visitId, {
        type: "ChargeTab",
        data: { visitId, amount: TAB_AMOUNT },
      });
      appended += await handle(eventStore, visitId, {
        type: "SettleTab",
        data: { visitId, amount: TAB_AMOUNT },
      });
      commands += 2;
    }

    appended += await handle(eventStore, visitId, {
      type: "CheckOut",
      data: { visitId, keyTag },
    });
    commands++;
  }
  const writeSeconds = (performance.now() - writeStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);

  // --- read side: rebuild the front-desk view from the store ---------------
  // Emmett 0.42's in-memory store has no global-log read: `InMemoryEventStore` is
  // `EventStore<ReadEventMetadataWithGlobalPosition> & { database }`, i.e. only
  // aggregateStream / readStream / appendToStream / streamExists. Its events live in a
  // private per-stream Map, `streamEvents()` is commented out in the source, and
  // processors / consumers (inMemoryProjector, onAfterCommit hooks, inline projections)
  // only see events as they are appended, they cannot replay the log from the start.
  // So the rebuild iterates all N streams with `readStream`. Events still carry their
  // `metadata.globalPosition`; this view is a commutative count, so folding stream by
  // stream gives the same result as folding in global order. We check the global
  // positions form exactly 1..events, i.e. the whole log was read, each event once.
  // The rebuild is short (tens of ms), so it runs `rebuildRuns` times; the median rate counts.
  const rebuildOnce = async (): Promise<{
    view: FrontDeskView;
    folded: number;
    seconds: number;
  }> => {
    const view: FrontDeskView = { female: 0, male: 0, tagsIssued: 0, tagsReturned: 0 };
    const seenPositions = new Uint8Array(appended + 1);
    let folded = 0;
    const rebuildStart = performance.now();
    for (let i = 0; i < n; i++) {
      const { events } = await eventStore.readStream<VisitEvent>(streamOf(i));
      for (const event of events) {
        const position = Number(event.metadata.globalPosition);
        if (position < 1 || position > appended || seenPositions[position] === 1) {
          throw new Error(`Unexpected global position ${position} in ${streamOf(i)}`);
        }
        seenPositions[position] = 1;
        foldView(view, event);
        folded++;
      }
    }
    return { view, folded, seconds: (performance.now() - rebuildStart) / 1000 };
  };
  const rebuilds = [];
  for (let run = 0; run < rebuildRuns; run++) rebuilds.push(await rebuildOnce());
  const { view, folded } = rebuilds[0] as (typeof rebuilds)[number];
  const rebuildSeconds = median(rebuilds.map((r) => r.seconds));

  if (folded !== appended) {
    throw new Error(`Rebuild folded ${folded} events, but ${appended} were appended`);
  }
  if (view.tagsIssued !== n || view.tagsReturned !== n) {
    throw new Error(
      `Tag mismatch: issued ${view.tagsIssued}, returned ${view.tagsReturned}, expected ${n}`,
    );
  }
  if (view.female + view.male !== n) {
    throw new Error(`Gender mismatch: female ${view.female} + male ${view.male} !== ${n}`);
  }
  if (commands !== 3 * n) {
    throw new Error(`Issued ${commands} commands, expected ${3 * n}`);
  }

  return {
    commands,
    commandsPerSec: commands / writeSeconds,
    events: folded,
    rebuildEventsPerSec: folded / rebuildSeconds,
    commandsPerCpuSec: commands / ((cpu.user + cpu.system) / 1e6),
  };
}

// ---------------------------------------------------------------------------
// CLI: npx tsx bench/emmett-front-desk.ts [N]
// ---------------------------------------------------------------------------

const invokedPath = process.argv[1];
if (invokedPath !== undefined && resolve(invokedPath) === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2] ?? "2000";
  const n = Number(arg);
  if (!Number.isSafeInteger(n) || n <= 0) {
    console.error(`usage: tsx bench/emmett-front-desk.ts [N>0], got "${arg}"`);
    process.exit(2);
  }
  const result = await runEmmettFrontDesk(n);
  console.log(JSON.stringify(result));
}
