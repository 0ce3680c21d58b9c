import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import { actorSignature } from "../shared/signature.js";
import type { CountersignHandover, HandoverBookCommand, WriteHandoverEntry } from "./commands.js";
import type { HandoverBookEvent } from "./events.js";
import type { HandoverBookState } from "./state.js";

/**
 * Decides a handover-book command (S5): one entry per shift, written by the outgoing staff
 * member and countersigned by a different, incoming one before the next entry.
 *
 * @example
 * ```ts
 * decideHandoverBook(WriteHandoverEntry({ shift: "early" }), initialHandoverBookState, ctx); // [HandoverEntryWritten]
 * ```
 */
export function decideHandoverBook(
  command: HandoverBookCommand,
  state: HandoverBookState,
  context: DecideContext,
): HandoverBookEvent[] {
  switch (command.type) {
    case "WriteHandoverEntry":
      return write(command, state, context);
    case "CountersignHandover":
      return countersign(command, state, context);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown handover-book command ${JSON.stringify(unknown)}`);
    }
  }
}

const signed = actorSignature;

function write(
  command: WriteHandoverEntry,
  state: HandoverBookState,
  context: DecideContext,
): HandoverBookEvent[] {
  const { shift, notableEvents, ordersFromAbove } = command.data;
  if (state.awaiting !== undefined) {
    throw new RuleViolation(
      "S5",
      `the ${state.awaiting} shift's entry still waits for the incoming staff member's signature.`,
    );
  }
  if (state.entries.has(shift)) {
    throw new RuleViolation("S5", `the ${shift} shift's entry is already written today.`);
  }
  return [
    {
      type: "HandoverEntryWritten",
      data: {
        businessDay: context.calendar.businessDayOf(context.now),
        shift,
        notableEvents,
        ordersFromAbove,
        outgoing: signed(context),
      },
    },
  ];
}

function countersign(
  command: CountersignHandover,
  state: HandoverBookState,
  context: DecideContext,
): HandoverBookEvent[] {
  const { shift } = command.data;
  const entry = state.entries.get(shift);
  if (!entry) throw new RuleViolation("S5", `no entry for the ${shift} shift is written today.`);
  if (entry.incoming) {
    throw new RuleViolation(
      "S5",
      `the ${shift} shift's entry was already countersigned by ${entry.incoming.staffId}.`,
    );
  }
  if (entry.outgoing.staffId === context.actor.id) {
    throw new RuleViolation(
      "S5",
      `${context.actor.id} wrote the ${shift} shift's entry; the incoming staff member countersigns it, not the same person.`,
    );
  }
  return [
    {
      type: "HandoverEntryCountersigned",
      data: {
        businessDay: context.calendar.businessDayOf(context.now),
        shift,
        incoming: signed(context),
      },
    },
  ];
}
