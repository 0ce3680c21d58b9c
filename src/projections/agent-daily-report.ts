import type { ComplaintEvent } from "../domain/complaint/events.js";
import type { WorkOrderEvent } from "../domain/work-order/events.js";
import type { SiteCalendar } from "../kernel/calendar.js";
import type { Message } from "../kernel/message.js";
import { defineProjection, type Projection } from "../kernel/projection.js";

/**
 * A call answered at the phone desk, as the daily report reads it: only who answered
 * (`data.by`, a signature: `id` or `staffId`, and the role). Typed loosely so that the report
 * counts the phone desk's `CallAnswered` events whatever else they carry.
 *
 * @example
 * ```ts
 * const call: CallAnsweredLike = { type: "CallAnswered", data: { by: { id: "agent-li", role: "callAgent" } } };
 * ```
 */
export type CallAnsweredLike = Message<
  "CallAnswered",
  { readonly by: { readonly id?: string; readonly staffId?: string; readonly role?: string } }
>;

/** One person's counts on one business day. */
export interface AgentDayCounts {
  /** Calls answered (`CallAnswered`, by who answered). */
  readonly calls: number;
  /** Work orders opened: repairs made into orders (創單) and emergency repairs raised (W1). */
  readonly orders: number;
  /** Repair callbacks made (回訪, W1), whatever the customer said. */
  readonly callbacks: number;
  /** Complaints lodged (C1), by who recorded them. */
  readonly complaints: number;
}

/** Business day (`YYYY-MM-DD`, the site's zone) → staff id → that person's counts. */
export type AgentDailyReport = ReadonlyMap<string, ReadonlyMap<string, AgentDayCounts>>;

type ReportEvent = WorkOrderEvent | ComplaintEvent | CallAnsweredLike;

const reports = new WeakMap<SiteCalendar, Projection<AgentDailyReport, ReportEvent>>();

const ZERO: AgentDayCounts = { calls: 0, orders: 0, callbacks: 0, complaints: 0 };

/**
 * The call centre's daily report per agent (業務日報表, the information desk's statistics): for
 * each business day of the site's zone and each person, the calls answered, the work orders
 * opened, the repair callbacks made and the complaints lodged. A day is the business day the
 * event happened on (its `occurredAt` in the site's calendar). One projection per calendar (the
 * same object each call, so `ops.read` keeps it up to date incrementally).
 *
 * @example
 * ```ts
 * const report = await ops.read(agentDailyReport(ops.site.calendar));
 * report.get("2026-11-23")?.get("agent-li"); // { calls: 31, orders: 2, callbacks: 1, complaints: 1 }
 * ```
 */
export function agentDailyReport(
  calendar: SiteCalendar,
): Projection<AgentDailyReport, ReportEvent> {
  const known = reports.get(calendar);
  if (known) return known;
  const projection = defineProjection<AgentDailyReport, ReportEvent>({
    name: "agent-daily-report",
    initialView: new Map(),
    eventTypes: [
      "CallAnswered",
      "WorkOrderCreated",
      "EmergencyRepairRaised",
      "RepairCallbackMade",
      "ComplaintLodged",
    ],
    fold(view, event) {
      const counted = countOf(event);
      if (!counted) return view;
      const [who, field] = counted;
      const day = calendar.businessDayOf(new Date(event.metadata.occurredAt));
      const people = view.get(day) ?? new Map<string, AgentDayCounts>();
      const counts = people.get(who) ?? ZERO;
      return new Map(view).set(
        day,
        new Map(people).set(who, { ...counts, [field]: counts[field] + 1 }),
      );
    },
  });
  reports.set(calendar, projection);
  return projection;
}

/** Who an event counts for, and in which column; undefined when it counts for nobody. */
function countOf(event: ReportEvent): [string, keyof AgentDayCounts] | undefined {
  switch (event.type) {
    case "CallAnswered": {
      const who = event.data.by?.id ?? event.data.by?.staffId;
      return who ? [who, "calls"] : undefined;
    }
    case "WorkOrderCreated":
      return [event.data.createdBy.staffId, "orders"];
    case "EmergencyRepairRaised":
      return [event.data.raisedBy.staffId, "orders"];
    case "RepairCallbackMade":
      return [event.data.by.staffId, "callbacks"];
    case "ComplaintLodged":
      return [event.data.recordedBy.staffId, "complaints"];
    default:
      return undefined;
  }
}
