import type { Signature } from "../shared/signature.js";
import type { CallbackOutcome, NotificationRecipient } from "./commands.js";

/**
 * Where an order stands (W1). A customer's repair: `booked` (約單) → `created` (創單) →
 * `dispatched` (派單) → `repaired` → `confirmed` by a callback (回訪) → `closed`. An emergency
 * repair starts `dispatched`, with the department that raised it. A callback that finds the
 * fault still there sends the order back to `dispatched`.
 */
export type WorkOrderStatus =
  | "booked"
  | "created"
  | "dispatched"
  | "repaired"
  | "confirmed"
  | "closed";

/** A customer's repair (`repair`) or a department's emergency repair (`emergency`, 搶修). */
export type WorkOrderKind = "repair" | "emergency";

/** One callback to the customer after the repair (W1). */
export interface RepairCallback {
  readonly outcome: CallbackOutcome;
  readonly note?: string;
  readonly by: Signature;
  readonly at: string;
}

/** A work order once booked or raised: what is wrong, where, and each step taken so far. */
export interface WorkOrderCase {
  readonly orderId: string;
  readonly kind: WorkOrderKind;
  readonly fault: string;
  /** The customer's address, or the place of an emergency. */
  readonly place: string;
  /** Whom the callback reaches: the customer, or the emergency's contact. */
  readonly contact: { readonly name: string; readonly phone: string };
  /** The slot the customer agreed (a customer's repair). */
  readonly appointment?: { readonly from: string; readonly to: string };
  /** The department that raised an emergency repair. */
  readonly department?: string;
  /** Who was notified of an emergency repair, and what they were told. */
  readonly notified?: {
    readonly recipients: readonly NotificationRecipient[];
    readonly message: string;
  };
  readonly openedBy: Signature;
  readonly openedAt: string;
  /** 創單. */
  readonly category?: string;
  readonly createdBy?: Signature;
  /** 派單: the team it is with now. */
  readonly dispatch?: {
    readonly team: string;
    readonly technician?: string;
    readonly by: Signature;
    readonly at: string;
  };
  /** The repair as reported done (cleared when a callback finds the fault still there). */
  readonly repair?: { readonly work: string; readonly by: Signature; readonly at: string };
  /** The seat agent the team lead gave the callback to. */
  readonly callbackAgent?: string;
  /** 回訪, in the order made. */
  readonly callbacks: readonly RepairCallback[];
  readonly confirmedAt?: string;
  readonly closedAt?: string;
}

/** One order's stream: nothing yet, or the order at its status. */
export type WorkOrderState =
  | { readonly status: "none" }
  | ({ readonly status: WorkOrderStatus } & WorkOrderCase);

export const initialWorkOrderState: WorkOrderState = { status: "none" };
