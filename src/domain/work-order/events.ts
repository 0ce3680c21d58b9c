import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { personal } from "../../kernel/personal-data.js";
import { Signature } from "../shared/signature.js";
import {
  CallbackOutcome,
  NotificationRecipient,
  RepairCustomer,
  repairSubject,
} from "./commands.js";

/** The instant the step was decided (the command's `now`), ISO. Every work-order event has one. */
const at = z.string();

/** W1, 約單: a customer's repair booked for a slot. */
export const RepairBooked = defineEvent(
  "RepairBooked",
  z.object({
    orderId: z.string(),
    customer: RepairCustomer,
    fault: z.string(),
    appointment: z.object({ from: z.string(), to: z.string() }),
    bookedBy: Signature,
    at,
  }),
);
/** W1, 創單: the booking made into a work order. */
export const WorkOrderCreated = defineEvent(
  "WorkOrderCreated",
  z.object({
    orderId: z.string(),
    category: z.string(),
    notes: z.string().optional(),
    createdBy: Signature,
    at,
  }),
);
/** W1, 派單: the order sent to a repair team (again: moved to another team). */
export const WorkOrderDispatched = defineEvent(
  "WorkOrderDispatched",
  z.object({
    orderId: z.string(),
    team: z.string(),
    technician: z.string().optional(),
    dispatchedBy: Signature,
    at,
  }),
);
/** W1: an emergency repair (搶修單) created by the team lead, with the department repairing. */
export const EmergencyRepairRaised = defineEvent(
  "EmergencyRepairRaised",
  z.object({
    orderId: z.string(),
    department: z.string(),
    fault: z.string(),
    location: z.string(),
    contact: z.object({
      name: personal(z.string(), repairSubject),
      phone: personal(z.string(), repairSubject),
    }),
    raisedBy: Signature,
    at,
  }),
);
/**
 * W1: the people an emergency repair concerns are notified, by SMS: who, and the message. Written
 * in the same append as `EmergencyRepairRaised`; delivering it is the notification outbox's work.
 */
export const EmergencyRepairNotified = defineEvent(
  "EmergencyRepairNotified",
  z.object({
    orderId: z.string(),
    channel: z.literal("sms"),
    recipients: z.array(NotificationRecipient),
    message: z.string(),
    notifiedBy: Signature,
    at,
  }),
);
/** W1: the repair is over, with what was done and who passed the word on. */
export const RepairDone = defineEvent(
  "RepairDone",
  z.object({ orderId: z.string(), work: z.string(), recordedBy: Signature, at }),
);
/** W1: the team lead gave the callback to a seat agent. */
export const RepairCallbackAssigned = defineEvent(
  "RepairCallbackAssigned",
  z.object({ orderId: z.string(), agentId: z.string(), assignedBy: Signature, at }),
);
/** W1, 回訪: the callback made, with the customer's answer. */
export const RepairCallbackMade = defineEvent(
  "RepairCallbackMade",
  z.object({
    orderId: z.string(),
    outcome: CallbackOutcome,
    note: z.string().optional(),
    by: Signature,
    at,
  }),
);
/** W1: the order completed, after a callback confirmed the repair. */
export const WorkOrderClosed = defineEvent(
  "WorkOrderClosed",
  z.object({ orderId: z.string(), confirmedAt: z.string(), closedBy: Signature, at }),
);

export type RepairBooked = MessageOf<typeof RepairBooked>;
export type WorkOrderCreated = MessageOf<typeof WorkOrderCreated>;
export type WorkOrderDispatched = MessageOf<typeof WorkOrderDispatched>;
export type EmergencyRepairRaised = MessageOf<typeof EmergencyRepairRaised>;
export type EmergencyRepairNotified = MessageOf<typeof EmergencyRepairNotified>;
export type RepairDone = MessageOf<typeof RepairDone>;
export type RepairCallbackAssigned = MessageOf<typeof RepairCallbackAssigned>;
export type RepairCallbackMade = MessageOf<typeof RepairCallbackMade>;
export type WorkOrderClosed = MessageOf<typeof WorkOrderClosed>;

export type WorkOrderEvent =
  | RepairBooked
  | WorkOrderCreated
  | WorkOrderDispatched
  | EmergencyRepairRaised
  | EmergencyRepairNotified
  | RepairDone
  | RepairCallbackAssigned
  | RepairCallbackMade
  | WorkOrderClosed;

export const workOrderEvents = [
  RepairBooked,
  WorkOrderCreated,
  WorkOrderDispatched,
  EmergencyRepairRaised,
  EmergencyRepairNotified,
  RepairDone,
  RepairCallbackAssigned,
  RepairCallbackMade,
  WorkOrderClosed,
];
