import type { SiteCalendar } from "./calendar.js";
import type { Actor } from "./envelope.js";
import type { Message } from "./message.js";
import type { Policy } from "./policy.js";

/** What `decide` may know besides the command and the state. It never reads a clock itself. */
export interface DecideContext {
  /** The instant the command is handled, from the clock port. */
  readonly now: Date;
  readonly siteId: string;
  readonly policy: Policy;
  readonly calendar: SiteCalendar;
  readonly actor: Actor;
}

/**
 * A pure decision model of one stream: no I/O, no clock, no randomness.
 *
 * @example
 * ```ts
 * const counter: Decider<Increment, Incremented, number> = {
 *   initialState: 0,
 *   decide: (command) => [{ type: "Incremented", data: { by: command.data.by } }],
 *   evolve: (state, event) => state + event.data.by,
 * };
 * ```
 */
export interface Decider<C extends Message, E extends Message, S> {
  readonly initialState: S;
  /** Returns the events a command causes, or throws a RuleViolation. */
  decide(command: C, state: S, context: DecideContext): readonly E[];
  /** Folds one event into the state. Must not mutate `state`. */
  evolve(state: S, event: E): S;
}

/**
 * Folds events into a state from the decider's initial state.
 *
 * @example
 * ```ts
 * const state = replay(visitDecider, events);
 * ```
 */
export function replay<E extends Message, S>(
  decider: Pick<Decider<Message, E, S>, "initialState" | "evolve">,
  events: Iterable<E>,
  from: S = decider.initialState,
): S {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
