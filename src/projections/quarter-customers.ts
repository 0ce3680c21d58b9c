import type { ReceptionEvent } from "../domain/reception/events.js";
import { type CustomerRef, customerKey } from "../domain/survey/customer.js";
import { quarterOf } from "../domain/survey/quarter.js";
import type { VisitEvent } from "../domain/visit/events.js";
import { defineProjection } from "../kernel/projection.js";

/** A customer of a quarter and how many times they came. */
export interface QuarterCustomer {
  readonly customer: CustomerRef;
  readonly visits: number;
}

/**
 * Q1: each quarter's distinct customers, with their visits: members and trial card holders by
 * card number from `MemberCheckedIn` (coaches are staff, not counted), visitors by visitor id
 * from `VisitorRegistered`. The quarter is that of the event's business day, so of the site's
 * time zone. The survey's population (`surveyPopulation`) and the forum's best customers
 * (`topCustomers`) are read from it.
 *
 * @example
 * ```ts
 * const customers = await ops.read(quarterCustomers);
 * customers.get("2026-Q4")?.get("member:M-1")?.visits; // 14
 * ```
 */
export const quarterCustomers = defineProjection<
  ReadonlyMap<string, ReadonlyMap<string, QuarterCustomer>>,
  VisitEvent | ReceptionEvent
>({
  name: "quarter-customers",
  initialView: new Map(),
  eventTypes: ["MemberCheckedIn", "VisitorRegistered"],
  fold(view, event) {
    switch (event.type) {
      case "MemberCheckedIn":
        if (event.data.category === "coach") return view;
        return count(view, event.data.businessDay, { kind: "member", id: event.data.memberCard });
      case "VisitorRegistered":
        return count(view, event.data.businessDay, { kind: "visitor", id: event.data.visitorId });
      default:
        return view;
    }
  },
});

function count(
  view: ReadonlyMap<string, ReadonlyMap<string, QuarterCustomer>>,
  day: string,
  customer: CustomerRef,
): ReadonlyMap<string, ReadonlyMap<string, QuarterCustomer>> {
  const quarter = quarterOf(day);
  const key = customerKey(customer);
  const customers = new Map(view.get(quarter));
  customers.set(key, { customer, visits: (customers.get(key)?.visits ?? 0) + 1 });
  return new Map(view).set(quarter, customers);
}

/**
 * Q1: the survey's population of a quarter: every distinct customer, in key order.
 *
 * @example
 * ```ts
 * const population = surveyPopulation(await ops.read(quarterCustomers), "2026-Q4");
 * await ops.execute(DrawSurveySample({ quarter: "2026-Q4", seed: 2026, questionnaire, population }), { actor: cs });
 * ```
 */
export function surveyPopulation(
  view: ReadonlyMap<string, ReadonlyMap<string, QuarterCustomer>>,
  quarter: string,
): CustomerRef[] {
  const customers = view.get(quarter);
  if (!customers) return [];
  return [...customers.keys()]
    .sort()
    .map((key) => (customers.get(key) as QuarterCustomer).customer);
}

/**
 * Q1: a quarter's best customers for the forum: the most visits first, ties in key order.
 *
 * @example
 * ```ts
 * const guests = topCustomers(await ops.read(quarterCustomers), "2026-Q4", 25).map((c) => c.customer);
 * ```
 */
export function topCustomers(
  view: ReadonlyMap<string, ReadonlyMap<string, QuarterCustomer>>,
  quarter: string,
  count: number,
): QuarterCustomer[] {
  const customers = view.get(quarter);
  if (!customers) return [];
  return [...customers.entries()]
    .sort(([a, x], [b, y]) => y.visits - x.visits || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, count)
    .map(([, customer]) => customer);
}
