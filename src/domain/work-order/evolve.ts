import { type Draft, produce } from "immer";
import type { WorkOrderEvent } from "./events.js";
import type { WorkOrderCase, WorkOrderState, WorkOrderStatus } from "./state.js";

type Existing = WorkOrderCase & { status: WorkOrderStatus };

/**
 * Folds one work-order event into the order (with immer's `produce`: the state given is never
 * changed).
 *
 * @example
 * ```ts
 * evolveWorkOrder(initialWorkOrderState, RepairBooked({ ... })).status; // "booked"
 * ```
 */
export function evolveWorkOrder(state: WorkOrderState, event: WorkOrderEvent): WorkOrderState {
  switch (event.type) {
    case "RepairBooked": {
      const { orderId, customer, fault, appointment, bookedBy, at } = event.data;
      const booked: Existing = {
        status: "booked",
        orderId,
        kind: "repair",
        fault,
        place: customer.address,
        contact: { name: customer.name, phone: customer.phone },
        appointment: { ...appointment },
        openedBy: { ...bookedBy },
        openedAt: at,
        callbacks: [],
      };
      return booked;
    }
    case "EmergencyRepairRaised": {
      const { orderId, department, fault, location, contact, raisedBy, at } = event.data;
      const raised: Existing = {
        status: "dispatched",
        orderId,
        kind: "emergency",
        fault,
        place: location,
        contact: { ...contact },
        department,
        openedBy: { ...raisedBy },
        openedAt: at,
        dispatch: { team: department, by: { ...raisedBy }, at },
        callbacks: [],
      };
      return raised;
    }
    case "EmergencyRepairNotified":
      return onOrder(state, (order) => {
        order.notified = {
          recipients: event.data.recipients.map((recipient) => ({ ...recipient })),
          message: event.data.message,
        };
      });
    case "WorkOrderCreated":
      return onOrder(state, (order) => {
        order.status = "created";
        order.category = event.data.category;
        order.createdBy = { ...event.data.createdBy };
      });
    case "WorkOrderDispatched":
      return onOrder(state, (order) => {
        const { team, technician, dispatchedBy, at } = event.data;
        order.status = "dispatched";
        order.dispatch = { team, by: { ...dispatchedBy }, at };
        if (technician !== undefined) order.dispatch.technician = technician;
      });
    case "RepairDone":
      return onOrder(state, (order) => {
        order.status = "repaired";
        order.repair = {
          work: event.data.work,
          by: { ...event.data.recordedBy },
          at: event.data.at,
        };
      });
    case "RepairCallbackAssigned":
      return onOrder(state, (order) => {
        order.callbackAgent = event.data.agentId;
      });
    case "RepairCallbackMade":
      return onOrder(state, (order) => {
        const { outcome, note, by, at } = event.data;
        order.callbacks.push({
          outcome,
          ...(note === undefined ? {} : { note }),
          by: { ...by },
          at,
        });
        if (outcome === "confirmed") {
          order.status = "confirmed";
          order.confirmedAt = at;
        } else if (outcome === "notFixed") {
          // back to the team: the repair must be done (and called back) again
          order.status = "dispatched";
          delete order.repair;
          delete order.callbackAgent;
        }
      });
    case "WorkOrderClosed":
      return onOrder(state, (order) => {
        order.status = "closed";
        order.closedAt = event.data.at;
      });
    default: {
      const unknown: never = event;
      throw new Error(`Unknown work-order event ${JSON.stringify(unknown)}`);
    }
  }
}

/** Applies a change to an existing order; an event on no order changes nothing. */
function onOrder(state: WorkOrderState, recipe: (order: Draft<Existing>) => void): WorkOrderState {
  if (state.status === "none") return state;
  return produce(state, (draft) => {
    recipe(draft as Draft<Existing>);
  });
}
