import { RuleViolation } from "../../kernel/errors.js";
import type { WorkOrderState, WorkOrderStatus } from "./state.js";

/** A work order that exists (booked or raised), at any status. */
export type ExistingWorkOrder = Extract<WorkOrderState, { status: WorkOrderStatus }>;

/**
 * The work order a step is about: booked or raised, and not closed (W1).
 *
 * @example
 * ```ts
 * const order = openWorkOrder(state, "wo-1"); // throws W1 before BookRepair or after the close
 * ```
 */
export function openWorkOrder(state: WorkOrderState, orderId: string): ExistingWorkOrder {
  if (state.status === "none") {
    throw new RuleViolation(
      "W1",
      `work order ${orderId} does not exist; book the repair (or raise the emergency repair) first.`,
    );
  }
  if (state.status === "closed") {
    throw new RuleViolation("W1", `work order ${orderId} is closed.`);
  }
  return state;
}

/**
 * Refuses a step unless the order is at one of the statuses it may follow (W1).
 *
 * @example
 * ```ts
 * requireWorkOrderStatus(order, ["dispatched"], "record the repair done");
 * ```
 */
export function requireWorkOrderStatus(
  order: ExistingWorkOrder,
  allowed: readonly WorkOrderStatus[],
  step: string,
): void {
  if (allowed.includes(order.status)) return;
  throw new RuleViolation(
    "W1",
    `work order ${order.orderId} is ${order.status}; to ${step} it must be ${allowed.join(" or ")}.`,
  );
}
