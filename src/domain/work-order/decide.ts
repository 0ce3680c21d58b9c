import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import type { Signature } from "../shared/signature.js";
import type {
  AssignRepairCallback,
  BookRepair,
  CloseWorkOrder,
  CreateWorkOrder,
  DispatchWorkOrder,
  RaiseEmergencyRepair,
  RecordRepairCallback,
  RecordRepairDone,
  WorkOrderCommand,
} from "./commands.js";
import type { WorkOrderEvent } from "./events.js";
import { openWorkOrder, requireWorkOrderStatus } from "./open-work-order.js";
import type { WorkOrderState } from "./state.js";

/**
 * Decides a work-order command (W1): book, create and dispatch a customer's repair; raise an
 * emergency repair and notify the people concerned; record the repair done, the callback, and
 * close only after a callback confirmed the repair. A step out of order is a RuleViolation W1.
 *
 * @example
 * ```ts
 * decideWorkOrder(CloseWorkOrder({ orderId: "wo-1" }), state, ctx); // [WorkOrderClosed] or throws W1
 * ```
 */
export function decideWorkOrder(
  command: WorkOrderCommand,
  state: WorkOrderState,
  context: DecideContext,
): WorkOrderEvent[] {
  switch (command.type) {
    case "BookRepair":
      return book(command, state, context);
    case "CreateWorkOrder":
      return create(command, state, context);
    case "DispatchWorkOrder":
      return dispatch(command, state, context);
    case "RaiseEmergencyRepair":
      return raise(command, state, context);
    case "RecordRepairDone":
      return repairDone(command, state, context);
    case "AssignRepairCallback":
      return assignCallback(command, state, context);
    case "RecordRepairCallback":
      return callback(command, state, context);
    case "CloseWorkOrder":
      return close(command, state, context);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown work-order command ${JSON.stringify(unknown)}`);
    }
  }
}

const signer = (context: DecideContext): Signature => ({
  staffId: context.actor.id,
  role: context.actor.role,
});
const at = (context: DecideContext) => context.now.toISOString();

function book(
  command: BookRepair,
  state: WorkOrderState,
  context: DecideContext,
): WorkOrderEvent[] {
  const { orderId, customer, fault, appointment } = command.data;
  if (state.status !== "none") {
    throw new RuleViolation("W1", `work order ${orderId} already exists; book under a new id.`);
  }
  if (Date.parse(appointment.to) <= context.now.getTime()) {
    throw new RuleViolation(
      "W1",
      `the slot of work order ${orderId} ends at ${appointment.to}, before the booking at ${at(context)}; book a slot to come.`,
    );
  }
  return [
    {
      type: "RepairBooked",
      data: {
        orderId,
        customer: { ...customer },
        fault,
        appointment: { ...appointment },
        bookedBy: signer(context),
        at: at(context),
      },
    },
  ];
}

function create(
  command: CreateWorkOrder,
  state: WorkOrderState,
  context: DecideContext,
): WorkOrderEvent[] {
  const { orderId, category, notes } = command.data;
  const order = openWorkOrder(state, orderId);
  requireWorkOrderStatus(order, ["booked"], "create the order");
  return [
    {
      type: "WorkOrderCreated",
      data: {
        orderId,
        category,
        ...(notes === undefined ? {} : { notes }),
        createdBy: signer(context),
        at: at(context),
      },
    },
  ];
}

function dispatch(
  command: DispatchWorkOrder,
  state: WorkOrderState,
  context: DecideContext,
): WorkOrderEvent[] {
  const { orderId, team, technician } = command.data;
  const order = openWorkOrder(state, orderId);
  requireWorkOrderStatus(order, ["created", "dispatched"], "dispatch it");
  if (order.dispatch?.team === team && order.dispatch.technician === technician) {
    throw new RuleViolation("W1", `work order ${orderId} is already with team ${team}.`);
  }
  return [
    {
      type: "WorkOrderDispatched",
      data: {
        orderId,
        team,
        ...(technician === undefined ? {} : { technician }),
        dispatchedBy: signer(context),
        at: at(context),
      },
    },
  ];
}

function raise(
  command: RaiseEmergencyRepair,
  state: WorkOrderState,
  context: DecideContext,
): WorkOrderEvent[] {
  const { orderId, department, fault, location, contact, notify, message } = command.data;
  if (state.status !== "none") {
    throw new RuleViolation("W1", `work order ${orderId} already exists; raise under a new id.`);
  }
  if (notify.length === 0) {
    throw new RuleViolation(
      "W1",
      `an emergency repair notifies the people concerned; emergency repair ${orderId} names nobody to notify.`,
    );
  }
  const by = signer(context);
  return [
    {
      type: "EmergencyRepairRaised",
      data: {
        orderId,
        department,
        fault,
        location,
        contact: { ...contact },
        raisedBy: by,
        at: at(context),
      },
    },
    {
      type: "EmergencyRepairNotified",
      data: {
        orderId,
        channel: "sms",
        recipients: notify.map((recipient) => ({ ...recipient })),
        message:
          message ??
          `Emergency repair ${orderId} at ${location}: ${fault} (${department} repairing).`,
        notifiedBy: by,
        at: at(context),
      },
    },
  ];
}

function repairDone(
  command: RecordRepairDone,
  state: WorkOrderState,
  context: DecideContext,
): WorkOrderEvent[] {
  const { orderId, work } = command.data;
  const order = openWorkOrder(state, orderId);
  requireWorkOrderStatus(order, ["dispatched"], "record the repair done");
  return [
    { type: "RepairDone", data: { orderId, work, recordedBy: signer(context), at: at(context) } },
  ];
}

function assignCallback(
  command: AssignRepairCallback,
  state: WorkOrderState,
  context: DecideContext,
): WorkOrderEvent[] {
  const { orderId, agentId } = command.data;
  const order = openWorkOrder(state, orderId);
  requireWorkOrderStatus(order, ["repaired"], "assign the callback");
  if (order.callbackAgent === agentId) {
    throw new RuleViolation("W1", `the callback of work order ${orderId} is already ${agentId}'s.`);
  }
  return [
    {
      type: "RepairCallbackAssigned",
      data: { orderId, agentId, assignedBy: signer(context), at: at(context) },
    },
  ];
}

function callback(
  command: RecordRepairCallback,
  state: WorkOrderState,
  context: DecideContext,
): WorkOrderEvent[] {
  const { orderId, outcome, note } = command.data;
  const order = openWorkOrder(state, orderId);
  requireWorkOrderStatus(order, ["repaired"], "call the customer back");
  if (order.callbackAgent !== undefined && order.callbackAgent !== context.actor.id) {
    throw new RuleViolation(
      "W1",
      `the team lead gave the callback of work order ${orderId} to ${order.callbackAgent}, not to ${context.actor.id}.`,
    );
  }
  return [
    {
      type: "RepairCallbackMade",
      data: {
        orderId,
        outcome,
        ...(note === undefined ? {} : { note }),
        by: signer(context),
        at: at(context),
      },
    },
  ];
}

function close(
  command: CloseWorkOrder,
  state: WorkOrderState,
  context: DecideContext,
): WorkOrderEvent[] {
  const { orderId } = command.data;
  const order = openWorkOrder(state, orderId);
  if (order.status !== "confirmed" || order.confirmedAt === undefined) {
    const calls = order.callbacks.length;
    const why =
      order.status === "repaired"
        ? calls === 0
          ? "the repair is done but nobody has called the customer back"
          : `the repair is done; ${calls} callback${calls === 1 ? "" : "s"} made, none confirmed it`
        : `it is ${order.status}, and the repair is not done`;
    throw new RuleViolation(
      "W1",
      `work order ${orderId} closes only after a callback in which the customer confirms the repair; ${why}.`,
    );
  }
  return [
    {
      type: "WorkOrderClosed",
      data: { orderId, confirmedAt: order.confirmedAt, closedBy: signer(context), at: at(context) },
    },
  ];
}
