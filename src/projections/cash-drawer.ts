import type { DepositLoanEvent } from "../domain/deposit-loan/events.js";
import type { InventoryEvent } from "../domain/inventory/events.js";
import type { VisitEvent } from "../domain/visit/events.js";
import type { SiteCalendar } from "../kernel/calendar.js";
import type { EventEnvelope } from "../kernel/envelope.js";
import { defineProjection, type Projection } from "../kernel/projection.js";

/** Money in and out of one payment method on one business day, in fen. */
export interface DrawerLine {
  readonly in: number;
  readonly out: number;
}

/** The cash drawer's view (see `cashDrawer`). */
export interface CashDrawer {
  /** Business day (`YYYY-MM-DD`, the site's zone) → payment method → money in and out. */
  readonly days: ReadonlyMap<string, ReadonlyMap<string, DrawerLine>>;
  /** How each counter receipt was paid (`<location>#<day>#<number>`), for its void. */
  readonly receipts: ReadonlyMap<string, string>;
}

type DrawerEvent = VisitEvent | DepositLoanEvent | InventoryEvent;

const drawers = new WeakMap<SiteCalendar, Projection<CashDrawer, DrawerEvent>>();

/**
 * The cash drawer of a site: money in and out per business day of the site's zone and per
 * payment method, across tab settlements (V4), deposits taken, refunded and shortfalls collected
 * (D1–D4), counter sales, corrections and voids (N2–N4; a sale on a key tag moves no money
 * until the tab is settled): the figure the day close reconciles. A deposit counts when it is taken; a refund goes
 * out the way its deposit came in (an umbrella's in cash). One projection per calendar (the same
 * object each call, so `ops.read` keeps it up to date incrementally).
 *
 * @example
 * ```ts
 * const drawer = await ops.read(cashDrawer(ops.site.calendar));
 * drawer.days.get("2026-11-23")?.get("cash"); // { in: 25000, out: 5000 }
 * ```
 */
export function cashDrawer(calendar: SiteCalendar): Projection<CashDrawer, DrawerEvent> {
  const known = drawers.get(calendar);
  if (known) return known;
  const projection = defineProjection<CashDrawer, DrawerEvent>({
    name: "cash-drawer",
    initialView: { days: new Map(), receipts: new Map() },
    eventTypes: [
      "TabSettled",
      "UmbrellaLent",
      "UmbrellaReturned",
      "VenueUseOpened",
      "VenueUseSettled",
      "VenueSettlementCorrected",
      "ItemsSold",
      "ReceiptCorrected",
      "ReceiptVoided",
    ],
    fold(view, event) {
      const day = calendar.businessDayOf(new Date(event.metadata.occurredAt));
      let days = view.days;
      for (const [method, amountIn, amountOut] of moves(event, view.receipts)) {
        days = add(days, day, method, amountIn, amountOut);
      }
      const receipts =
        event.type === "ItemsSold" && "method" in event.data.payment
          ? new Map(view.receipts).set(receiptKey(event.data), event.data.payment.method)
          : view.receipts;
      return days === view.days && receipts === view.receipts ? view : { days, receipts };
    },
  });
  drawers.set(calendar, projection);
  return projection;
}

function receiptKey(data: { location: string; businessDay: string; receiptNumber: number }) {
  return `${data.location}#${data.businessDay}#${data.receiptNumber}`;
}

/** The money an event moves: [method, in, out] per method. */
function moves(
  event: EventEnvelope<DrawerEvent>,
  receipts: ReadonlyMap<string, string>,
): [string, number, number][] {
  switch (event.type) {
    case "TabSettled":
      return [[event.data.method, event.data.amount, 0]];
    case "UmbrellaLent":
      return [[event.data.paymentMethod, event.data.deposit, 0]];
    case "UmbrellaReturned":
      return [["cash", event.data.collected, event.data.refunded]];
    case "VenueUseOpened":
      return [[event.data.paymentMethod, event.data.deposit, 0]];
    case "VenueUseSettled":
      return [[event.data.paymentMethod, event.data.collected, event.data.refunded]];
    case "VenueSettlementCorrected":
      return [[event.data.paymentMethod, event.data.collect, event.data.refund]];
    case "ItemsSold":
      return "method" in event.data.payment
        ? [[event.data.payment.method, event.data.total, 0]]
        : [];
    case "ReceiptCorrected": {
      if (!("method" in event.data.payment)) return [];
      const change = event.data.total - event.data.previousTotal;
      return [[event.data.payment.method, Math.max(change, 0), Math.max(-change, 0)]];
    }
    case "ReceiptVoided": {
      const method = receipts.get(receiptKey(event.data));
      return method ? [[method, 0, event.data.total]] : [];
    }
    default:
      return [];
  }
}

function add(
  view: CashDrawer["days"],
  day: string,
  method: string,
  amountIn: number,
  amountOut: number,
): CashDrawer["days"] {
  if (amountIn === 0 && amountOut === 0) return view;
  const methods = new Map(view.get(day) ?? []);
  const line = methods.get(method) ?? { in: 0, out: 0 };
  methods.set(method, { in: line.in + amountIn, out: line.out + amountOut });
  return new Map(view).set(day, methods);
}
