import type { DecideContext } from "../../../kernel/decider.js";
import type { Fen } from "../../../kernel/money.js";
import { actorSignature } from "../../shared/signature.js";
import type { ConductCommand } from "./commands.js";
import type { ConductEvent } from "./events.js";
import type { ConductState } from "./state.js";

/**
 * Decides a conduct penalty (S9). Eating at the post: a fine of half the day's wage given on the
 * command, rounded down to the fen. Failing to stand for a visiting official: the first time on
 * the person's record a warning (fine 0), every time after a fine of `failingToStandFine`.
 *
 * @example
 * ```ts
 * decideConduct(RecordEatingAtPost({ staffId: "a1", dailyWage: 15001, note: "noodles" }), state, ctx);
 * // [ConductPenaltyRecorded { outcome: "fine", fine: 7500 }]
 * ```
 */
export function decideConduct(
  command: ConductCommand,
  state: ConductState,
  context: DecideContext,
): ConductEvent[] {
  const _at = context.now.toISOString();
  const day = context.calendar.businessDayOf(context.now);
  const by = actorSignature(context);
  switch (command.type) {
    case "RecordEatingAtPost": {
      const { staffId, dailyWage, note } = command.data;
      const occurrence = state.occurrences.eatingAtPost + 1;
      const fine = Math.floor(dailyWage / 2) as Fen;
      return [
        {
          type: "ConductPenaltyRecorded",
          data: {
            staffId,
            offence: "eatingAtPost",
            outcome: "fine",
            fine,
            dailyWage,
            occurrence,
            note,
            day,
            by,
          },
        },
      ];
    }
    case "RecordFailureToStand": {
      const { staffId, official, note } = command.data;
      const occurrence = state.occurrences.failingToStand + 1;
      const warning = occurrence === 1;
      return [
        {
          type: "ConductPenaltyRecorded",
          data: {
            staffId,
            offence: "failingToStand",
            outcome: warning ? "warning" : "fine",
            fine: (warning ? 0 : context.policy.failingToStandFine) as Fen,
            official,
            occurrence,
            ...(note === undefined ? {} : { note }),
            day,
            by,
          },
        },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}
