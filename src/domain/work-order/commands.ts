import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { personal, type SubjectRef } from "../../kernel/personal-data.js";
import { id } from "../shared/people.js";
import type { Role } from "../shared/roles.js";

/**
 * Call-centre roles that take a customer's repair request: the seat agent (坐席) and the
 * complaint handler (投訴處理席), who also takes the repairs the operator passes on (W1).
 *
 * @example
 * ```ts
 * REPAIR_DESK_ROLES.includes("callAgent"); // true
 * ```
 */
export const REPAIR_DESK_ROLES = [
  "callAgent",
  "complaintHandler",
] as const satisfies readonly Role[];

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);
const instant = z.iso.datetime({ offset: true, message: "must be an ISO instant" });
const phone = z.string().trim().min(5, "must have at least 5 characters").max(20);

/**
 * Whose a repair's customer and contact particulars are: the order's (`work-order:<orderId>`).
 *
 * @example
 * ```ts
 * await ops.erasePersonalData(`${repairSubject.kind}:wo-1`); // the customer of order wo-1
 * ```
 */
export const repairSubject: SubjectRef = { kind: "work-order", path: "orderId" };

/**
 * Who a repair is for and whom the callback reaches: a name, a phone number, the address.
 *
 * @example
 * ```ts
 * RepairCustomer.parse({ name: "Liu Yang", phone: "13800000000", address: "5-2-301 Garden Road" });
 * ```
 */
export const RepairCustomer = z.strictObject({
  name: personal(text(64), repairSubject),
  phone: personal(phone, repairSubject),
  address: personal(text(200), repairSubject),
});
export type RepairCustomer = z.infer<typeof RepairCustomer>;

/**
 * Someone an emergency repair notifies (W1): an id (staff id, or the app's id of an outside
 * contact), and the role and phone number where known. The notification outbox delivers to them.
 *
 * @example
 * ```ts
 * NotificationRecipient.parse({ id: "eng-duty", role: "deptSupervisor", phone: "13600000000" });
 * ```
 */
export const NotificationRecipient = z.strictObject({
  id,
  role: z.string().trim().min(1).max(64).optional(),
  /** Personal data of the recipient (`recipient:<id>`). */
  phone: personal(phone, { kind: "recipient", path: "id" }).optional(),
});
export type NotificationRecipient = z.infer<typeof NotificationRecipient>;

/**
 * What the customer said on the callback (W1): the repair holds (`confirmed`), the fault is still
 * there (`notFixed`: the order goes back to the repair team), or nobody answered (`unreachable`:
 * call again).
 *
 * @example
 * ```ts
 * CallbackOutcome.parse("confirmed");
 * ```
 */
export const CallbackOutcome = z.enum(["confirmed", "notFixed", "unreachable"]);
export type CallbackOutcome = z.infer<typeof CallbackOutcome>;

/**
 * W1, 約單: the agent books a repair with the customer: what is wrong, where, and the slot the
 * customer agreed for the visit (from, to: ISO instants, `to` after `from`, not already past).
 */
export const BookRepair = defineCommand(
  "BookRepair",
  z.strictObject({
    orderId: id,
    customer: RepairCustomer,
    fault: text(2000),
    appointment: z
      .strictObject({ from: instant, to: instant })
      .refine((slot) => Date.parse(slot.to) > Date.parse(slot.from), {
        message: "must end after it starts",
        path: ["to"],
      }),
  }),
  { roles: REPAIR_DESK_ROLES, startsStream: true },
);

/** W1, 創單: the booked request becomes a work order, with its category. */
export const CreateWorkOrder = defineCommand(
  "CreateWorkOrder",
  z.strictObject({ orderId: id, category: text(64), notes: text(2000).optional() }),
  { roles: REPAIR_DESK_ROLES },
);

/**
 * W1, 派單: the order goes to a repair team (and a technician, if named). Sent again before the
 * repair is done, it moves the order to another team.
 */
export const DispatchWorkOrder = defineCommand(
  "DispatchWorkOrder",
  z.strictObject({ orderId: id, team: id, technician: id.optional() }),
  { roles: [...REPAIR_DESK_ROLES, "teamLead"] },
);

/**
 * W1: a department starts an emergency repair (搶修); the team lead creates the order at once
 * and notifies the people concerned (by SMS, through the notification outbox): `notify` must
 * name at least one. The order is with the department that repairs; `contact` is who the
 * callback reaches. `message` defaults to a sentence naming the order, the fault and the place.
 */
export const RaiseEmergencyRepair = defineCommand(
  "RaiseEmergencyRepair",
  z.strictObject({
    orderId: id,
    department: id,
    fault: text(2000),
    location: text(200),
    contact: z.strictObject({
      name: personal(text(64), repairSubject),
      phone: personal(phone, repairSubject),
    }),
    notify: z
      .array(NotificationRecipient)
      .max(50)
      .refine((people) => new Set(people.map((p) => p.id)).size === people.length, {
        message: "must not name someone twice",
      }),
    message: text(500).optional(),
  }),
  { roles: ["teamLead"], authorityRule: "W1", startsStream: true },
);

/**
 * W1: word that the repair is over reaches the call centre (the team lead, the information
 * desk's memos, or the agent on the line), with what was done.
 */
export const RecordRepairDone = defineCommand(
  "RecordRepairDone",
  z.strictObject({ orderId: id, work: text(2000) }),
  { roles: ["teamLead", "informationDesk", "callAgent"] },
);

/** W1: the team lead gives the callback to a seat agent; only that agent then records it. */
export const AssignRepairCallback = defineCommand(
  "AssignRepairCallback",
  z.strictObject({ orderId: id, agentId: id }),
  { roles: ["teamLead"], authorityRule: "W1" },
);

/** W1, 回訪: a seat agent calls the customer back after the repair and records what was said. */
export const RecordRepairCallback = defineCommand(
  "RecordRepairCallback",
  z.strictObject({ orderId: id, outcome: CallbackOutcome, note: text(2000).optional() }),
  { roles: ["callAgent"], authorityRule: "W1" },
);

/** W1: the team lead completes the order, only once a callback confirmed the repair. */
export const CloseWorkOrder = defineCommand("CloseWorkOrder", z.strictObject({ orderId: id }), {
  roles: ["teamLead"],
  authorityRule: "W1",
});

export type BookRepair = MessageOf<typeof BookRepair>;
export type CreateWorkOrder = MessageOf<typeof CreateWorkOrder>;
export type DispatchWorkOrder = MessageOf<typeof DispatchWorkOrder>;
export type RaiseEmergencyRepair = MessageOf<typeof RaiseEmergencyRepair>;
export type RecordRepairDone = MessageOf<typeof RecordRepairDone>;
export type AssignRepairCallback = MessageOf<typeof AssignRepairCallback>;
export type RecordRepairCallback = MessageOf<typeof RecordRepairCallback>;
export type CloseWorkOrder = MessageOf<typeof CloseWorkOrder>;

export type WorkOrderCommand =
  | BookRepair
  | CreateWorkOrder
  | DispatchWorkOrder
  | RaiseEmergencyRepair
  | RecordRepairDone
  | AssignRepairCallback
  | RecordRepairCallback
  | CloseWorkOrder;

export const workOrderCommands = [
  BookRepair,
  CreateWorkOrder,
  DispatchWorkOrder,
  RaiseEmergencyRepair,
  RecordRepairDone,
  AssignRepairCallback,
  RecordRepairCallback,
  CloseWorkOrder,
];
