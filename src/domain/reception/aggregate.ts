import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { frontDeskDayGuard } from "../day-close/aggregate.js";
import { type ReceptionCommand, receptionCommands } from "./commands.js";
import { decideReception } from "./decide.js";
import { enlistPhoneCall } from "./enlist-phone-call.js";
import { type ReceptionEvent, receptionEvents } from "./events.js";
import { evolveReception } from "./evolve.js";
import { initialReceptionState, type ReceptionState } from "./state.js";

/**
 * Today's reception as a decider: consultants' rotation and visitors' hand-offs (V8–V14), phone
 * inquiries routed by the same rotation (P2), membership cards sold (S5).
 *
 * @example
 * ```ts
 * const today = replay(receptionDecider, events);
 * ```
 */
export const receptionDecider: Decider<ReceptionCommand, ReceptionEvent, ReceptionState> = {
  initialState: initialReceptionState,
  decide: decideReception,
  evolve: evolveReception,
};

/**
 * One stream per site and business day, `<siteId>/reception/<YYYY-MM-DD>`: the rotation is
 * "today's sign-in rotation" (V9) and starts empty every day. A phone inquiry routed here (P2)
 * enlists the answer back on its call.
 *
 * @example
 * ```ts
 * await ops.execute(SignInConsultant({ consultantId: "c-1" }), { actor: consultant });
 * ```
 */
export const receptionAggregate = defineAggregate({
  name: "reception",
  version: 1,
  decider: receptionDecider,
  commands: receptionCommands,
  events: receptionEvents,
  streamId: (_command, scope) => receptionStream(scope.siteId, scope.businessDay),
  enlist: enlistPhoneCall,
  // S7: no reception at the desk once the day's close has begun.
  guard: (command, scope) => frontDeskDayGuard(command, scope),
});

/**
 * The reception stream of a site on a business day.
 *
 * @example
 * ```ts
 * receptionStream("club-1", "2026-11-22"); // "club-1/reception/2026-11-22"
 * ```
 */
export function receptionStream(siteId: string, businessDay: string): string {
  return streamName(siteId, "reception", businessDay);
}
