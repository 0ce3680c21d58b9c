import {
  type Actor,
  type Aggregate,
  defineAggregate,
  defineCommand,
  defineEvent,
  type MessageOf,
  RuleViolation,
  streamName,
} from "svcops";
import { z } from "zod";

/** A tiny aggregate for kernel tests: a counter that refuses to go above a limit. */
export const Increment = defineCommand(
  "Increment",
  z.object({ id: z.string().min(1), by: z.number().int().positive() }),
  {
    roles: ["frontDesk"],
  },
);
/** The same, from a desk that knows the counter is new (see `startsStream`). */
export const Start = defineCommand(
  "Start",
  z.object({ id: z.string().min(1), by: z.number().int().positive() }),
  { roles: ["frontDesk"], startsStream: true },
);
export const Incremented = defineEvent(
  "Incremented",
  z.object({ id: z.string(), by: z.number().int() }),
);
export type Increment = MessageOf<typeof Increment>;
export type Start = MessageOf<typeof Start>;
export type Incremented = MessageOf<typeof Incremented>;

export function counterAggregate(
  options: { version?: number; every?: number; limit?: number } = {},
): Aggregate<Increment | Start, Incremented, number> {
  return defineAggregate({
    name: "counter",
    version: options.version ?? 1,
    decider: {
      initialState: 0,
      decide(command, state) {
        if (state + command.data.by > (options.limit ?? 1_000_000)) {
          throw new RuleViolation("T1", `counter would exceed ${options.limit}`);
        }
        return [{ type: "Incremented", data: { id: command.data.id, by: command.data.by } }];
      },
      evolve: (state, event) => state + event.data.by * (options.version === 2 ? 10 : 1),
    },
    commands: [Increment, Start],
    events: [Incremented],
    streamId: (command, scope) => streamName(scope.siteId, "counter", command.data.id),
    ...(options.every
      ? {
          snapshot: {
            every: options.every,
            encode: (s: number) => s,
            decode: (e: unknown) => e as number,
          },
        }
      : {}),
  });
}

export const desk: Actor = { id: "desk-1", role: "frontDesk", sites: ["club-1"] };

// The counter's own rule, declared as an app declares the rule ids of its own aggregates.
declare module "svcops" {
  interface CustomRuleIds {
    T1: true;
  }
}
