import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { type WorkOrderCommand, workOrderCommands } from "./commands.js";
import { decideWorkOrder } from "./decide.js";
import { type WorkOrderEvent, workOrderEvents } from "./events.js";
import { evolveWorkOrder } from "./evolve.js";
import { workOrderNotifications } from "./notifications.js";
import { initialWorkOrderState, type WorkOrderState } from "./state.js";

/**
 * A repair work order of the call centre as a decider (W1): booked, created, dispatched (or
 * raised as an emergency with the people notified), repaired, called back, closed.
 *
 * @example
 * ```ts
 * const order = replay(workOrderDecider, events);
 * ```
 */
export const workOrderDecider: Decider<WorkOrderCommand, WorkOrderEvent, WorkOrderState> = {
  initialState: initialWorkOrderState,
  decide: decideWorkOrder,
  evolve: evolveWorkOrder,
};

/**
 * One stream per order, `<siteId>/work-order/<orderId>`.
 *
 * @example
 * ```ts
 * await ops.execute(CreateWorkOrder({ orderId: "wo-1", category: "no signal" }), { actor: agent });
 * ```
 */
export const workOrderAggregate = defineAggregate({
  name: "work-order",
  version: 1,
  decider: workOrderDecider,
  commands: workOrderCommands,
  events: workOrderEvents,
  streamId: (command, scope) => workOrderStream(scope.siteId, command.data.orderId),
  // W1: an emergency repair's people are told through the outbox, in the same append.
  notifications: workOrderNotifications,
});

/**
 * A work order's stream id.
 *
 * @example
 * ```ts
 * workOrderStream("centre-1", "wo-1"); // "centre-1/work-order/wo-1"
 * ```
 */
export function workOrderStream(siteId: string, orderId: string): string {
  return streamName(siteId, "work-order", orderId);
}
