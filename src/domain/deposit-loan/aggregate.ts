import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { frontDeskDayGuard } from "../day-close/aggregate.js";
import { type DepositLoanCommand, depositLoanCommands } from "./commands.js";
import { decideDepositLoan } from "./decide.js";
import { type DepositLoanEvent, depositLoanEvents } from "./events.js";
import { evolveDepositLoan } from "./evolve.js";
import { type DepositLoanState, initialDepositLoanState } from "./state.js";
import { venueSessionCommands } from "./venue-session/commands.js";
import { venueSessionEvents } from "./venue-session/events.js";
import { venueSessionNotifications } from "./venue-session/notifications.js";

/**
 * A loan against a deposit as a decider: an umbrella (D1–D3) or a venue use with its equipment
 * (D4, D6), or a venue session on it (G1), closing once and balanced (D7).
 *
 * @example
 * ```ts
 * const state = replay(depositLoanDecider, events);
 * ```
 */
export const depositLoanDecider: Decider<DepositLoanCommand, DepositLoanEvent, DepositLoanState> = {
  initialState: initialDepositLoanState,
  decide: decideDepositLoan,
  evolve: evolveDepositLoan,
};

/**
 * One stream per loan, `<siteId>/deposit-loan/<loanId>`.
 *
 * @example
 * ```ts
 * await ops.execute(LendUmbrella({ loanId: "u-1", customer, umbrellaNumber: "U-07", paymentMethod: "cash" }), { actor: desk });
 * ```
 */
export const depositLoanAggregate = defineAggregate({
  name: "deposit-loan",
  version: 2,
  decider: depositLoanDecider,
  commands: [...depositLoanCommands, ...venueSessionCommands],
  events: [...depositLoanEvents, ...venueSessionEvents],
  streamId: (command, scope) => depositLoanStream(scope.siteId, command.data.loanId),
  // S7: umbrellas are lent and taken back at the desk, so not once the day's close has begun.
  guard: (command, scope) =>
    command.type === "LendUmbrella" || command.type === "ReturnUmbrella"
      ? frontDeskDayGuard(command, scope)
      : [],
  // G1: the reminder before a session's booked end tells the venue staff through the outbox.
  notifications: venueSessionNotifications,
});

/**
 * The stream of a loan.
 *
 * @example
 * ```ts
 * depositLoanStream("mall-1", "u-1"); // "mall-1/deposit-loan/u-1"
 * ```
 */
export function depositLoanStream(siteId: string, loanId: string): string {
  return streamName(siteId, "deposit-loan", loanId);
}
