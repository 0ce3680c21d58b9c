import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { type PhoneDeskCommand, phoneDeskCommands } from "./commands.js";
import { decidePhoneDesk } from "./decide.js";
import { enlistReception } from "./enlist-reception.js";
import { type PhoneDeskEvent, phoneDeskEvents } from "./events.js";
import { evolvePhoneDesk } from "./evolve.js";
import { initialPhoneCallState, type PhoneCallState } from "./state.js";

/**
 * One phone call at the desk as a decider: answer, inquiry, hold, end, callback (P1–P3).
 *
 * @example
 * ```ts
 * const call = replay(phoneDeskDecider, events);
 * ```
 */
export const phoneDeskDecider: Decider<PhoneDeskCommand, PhoneDeskEvent, PhoneCallState> = {
  initialState: initialPhoneCallState,
  decide: decidePhoneDesk,
  evolve: evolvePhoneDesk,
};

/**
 * One stream per call, `<siteId>/phone-call/<callId>`: a callback promised today and made
 * tomorrow stays on its call. An inquiry enlists today's reception stream (P2).
 *
 * @example
 * ```ts
 * await ops.execute(AnswerCall({ callId: "t-1", rings: 2 }), { actor: desk });
 * ```
 */
export const phoneDeskAggregate = defineAggregate({
  name: "phone-desk",
  version: 1,
  decider: phoneDeskDecider,
  commands: phoneDeskCommands,
  events: phoneDeskEvents,
  streamId: (command: PhoneDeskCommand, scope) =>
    phoneCallStream(scope.siteId, command.data.callId),
  enlist: enlistReception,
});

/**
 * The stream of one call at a site.
 *
 * @example
 * ```ts
 * phoneCallStream("club-1", "t-1"); // "club-1/phone-call/t-1"
 * ```
 */
export function phoneCallStream(siteId: string, callId: string): string {
  return streamName(siteId, "phone-call", callId);
}
