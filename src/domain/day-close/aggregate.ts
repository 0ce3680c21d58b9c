import {
  defineAggregate,
  type Enlistment,
  type StreamScope,
  streamName,
} from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import type { Message } from "../../kernel/message.js";
import { CheckFrontDeskOpen, type DayCloseCommand, dayCloseCommands } from "./commands.js";
import { decideDayClose } from "./decide.js";
import { type DayCloseEvent, dayCloseEvents } from "./events.js";
import { evolveDayClose } from "./evolve.js";
import { type DayCloseState, initialDayCloseState } from "./state.js";

/**
 * A business day's close as a decider.
 *
 * @example
 * ```ts
 * const state = replay(dayCloseDecider, events);
 * ```
 */
export const dayCloseDecider: Decider<DayCloseCommand, DayCloseEvent, DayCloseState> = {
  initialState: initialDayCloseState,
  decide: decideDayClose,
  evolve: evolveDayClose,
};

/**
 * One stream per site and business day, `<siteId>/day-close/<YYYY-MM-DD>`: the close's phase,
 * count, discrepancies and closing list. The front-desk aggregates guard their commands with it
 * (`frontDeskDayGuard`).
 *
 * @example
 * ```ts
 * await ops.execute(BeginDayClose({ businessDay: "2026-12-06" }), { actor: dutyManager });
 * ```
 */
export const dayCloseAggregate = defineAggregate({
  name: "day-close",
  version: 1,
  decider: dayCloseDecider,
  commands: dayCloseCommands,
  events: dayCloseEvents,
  streamId: (command, scope) => dayCloseStream(scope.siteId, command.data.businessDay),
});

/**
 * A business day's close stream id.
 *
 * @example
 * ```ts
 * dayCloseStream("club-1", "2026-12-06"); // "club-1/day-close/2026-12-06"
 * ```
 */
export function dayCloseStream(siteId: string, businessDay: string): string {
  return streamName(siteId, "day-close", businessDay);
}

/**
 * S7 as a guard (`Aggregate.guard`): a front-desk command is dated in the business day it is
 * handled on (`scope.businessDay`), and passes only while that day's close has not begun. The
 * check runs on the day's close stream, whose version goes into the command's append: a close
 * that lands first makes the command decide again and be refused; nothing of it is appended.
 * Built as a plain message (no parse: its data comes from the scope and the command's type), once
 * per day and command type.
 *
 * @example
 * ```ts
 * defineAggregate({ name: "visit", …, guard: frontDeskDayGuard });
 * ```
 */
export function frontDeskDayGuard(command: Message, scope: StreamScope): readonly Enlistment[] {
  const key = `${scope.businessDay}\u0000${command.type}`;
  let guard = guards.get(key);
  if (!guard) {
    // A handful of days and command types: the same frozen enlistment serves every command.
    if (guards.size >= 1024) guards.clear();
    guard = Object.freeze([
      Object.freeze({
        aggregate: dayCloseAggregate,
        command: Object.freeze({
          type: CheckFrontDeskOpen.type,
          data: Object.freeze({ businessDay: scope.businessDay, command: command.type }),
        }),
      }),
    ]);
    guards.set(key, guard);
  }
  return guard;
}

const guards = new Map<string, readonly Enlistment[]>();
