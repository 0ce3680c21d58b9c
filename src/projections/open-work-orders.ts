import { workOrderDecider } from "../domain/work-order/aggregate.js";
import { type WorkOrderEvent, workOrderEvents } from "../domain/work-order/events.js";
import type { WorkOrderState, WorkOrderStatus } from "../domain/work-order/state.js";
import { defineProjection } from "../kernel/projection.js";

/** What an open order waits for next (W1). */
export type WorkOrderNextStep = "create" | "dispatch" | "repair" | "callback" | "close";

const NEXT: Record<Exclude<WorkOrderStatus, "closed">, WorkOrderNextStep> = {
  booked: "create",
  created: "dispatch",
  dispatched: "repair",
  repaired: "callback",
  confirmed: "close",
};

/** A work order not closed yet, with its next step and the order as the decider folds it. */
export interface OpenWorkOrder {
  readonly orderId: string;
  readonly streamId: string;
  readonly next: WorkOrderNextStep;
  readonly state: WorkOrderState;
}

/**
 * The work orders not closed, keyed by order id, each with what it waits for: `callback` lists
 * the repairs done whose customer has not confirmed yet (the team lead's list of callbacks to
 * give to the seat agents), `close` those confirmed and ready to complete (W1).
 *
 * @example
 * ```ts
 * const open = await ops.read(openWorkOrders);
 * [...open.values()].filter((order) => order.next === "callback").map((order) => order.orderId);
 * ```
 */
export const openWorkOrders = defineProjection<ReadonlyMap<string, OpenWorkOrder>, WorkOrderEvent>({
  name: "open-work-orders",
  initialView: new Map(),
  eventTypes: workOrderEvents.map((event) => event.type),
  fold(view, event) {
    const orderId = event.data.orderId;
    const before = view.get(orderId)?.state ?? workOrderDecider.initialState;
    const state = workOrderDecider.evolve(before, event);
    if (state.status === "none") return view;
    const next = new Map(view);
    if (state.status === "closed") next.delete(orderId);
    else next.set(orderId, { orderId, streamId: event.streamId, next: NEXT[state.status], state });
    return next;
  },
});
