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

/** A node of a quarter's hash trie: 32 children, or at the last level a bucket of customers. */
export type QuarterCustomerTrie = readonly (
  | QuarterCustomerTrie
  | ReadonlyMap<string, QuarterCustomer>
  | undefined
)[];

/**
 * A quarter's distinct customers and their visits, in a hash trie of 3 levels of 32 (32,768
 * buckets) by a hash of the customer's key, so that folding an event copies three short arrays
 * and one small bucket rather than every customer of the quarter (the view is never mutated).
 * Folding 100,000 check-ins of 3,000 members took 84 s when each check-in copied a map of every
 * customer, and 1–1.5 s with the trie (50,000 members: 2 s), on the same busy 2-core machine.
 * Read it with `quarterCustomer`, `customersOf`, `surveyPopulation` and `topCustomers`.
 */
export interface QuarterCustomers {
  /** How many distinct customers. */
  readonly size: number;
  readonly root: QuarterCustomerTrie;
}

const FAN = 32;
const LEVELS = 3;

/** FNV-1a of the key, to its index at each level of the trie. */
function pathOf(key: string): number[] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash >>>= 0;
  const path: number[] = [];
  for (let level = 0; level < LEVELS; level++) {
    path.push(hash % FAN);
    hash = Math.floor(hash / FAN);
  }
  return path;
}

/** The trie with `change` applied to the bucket at `path`, copying only the nodes on the way. */
function update(
  node: QuarterCustomerTrie | undefined,
  path: readonly number[],
  change: (
    bucket: ReadonlyMap<string, QuarterCustomer> | undefined,
  ) => ReadonlyMap<string, QuarterCustomer>,
  level = 0,
): QuarterCustomerTrie {
  const copy = node ? node.slice() : new Array<undefined>(FAN);
  const index = path[level] as number;
  copy[index] =
    level === LEVELS - 1
      ? change(copy[index] as ReadonlyMap<string, QuarterCustomer> | undefined)
      : update(copy[index] as QuarterCustomerTrie | undefined, path, change, level + 1);
  return copy;
}

/** Every bucket's entries, depth first. */
function* entriesOf(
  node: QuarterCustomerTrie | undefined,
  level = 0,
): Generator<[string, QuarterCustomer]> {
  for (const child of node ?? []) {
    if (!child) continue;
    if (level === LEVELS - 1) yield* child as ReadonlyMap<string, QuarterCustomer>;
    else yield* entriesOf(child as QuarterCustomerTrie, level + 1);
  }
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
 * quarterCustomer(customers, "2026-Q4", { kind: "member", id: "M-1" })?.visits; // 14
 * ```
 */
export const quarterCustomers = defineProjection<
  ReadonlyMap<string, QuarterCustomers>,
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
  view: ReadonlyMap<string, QuarterCustomers>,
  day: string,
  customer: CustomerRef,
): ReadonlyMap<string, QuarterCustomers> {
  const quarter = quarterOf(day);
  const key = customerKey(customer);
  const known = view.get(quarter);
  let added = 1;
  const root = update(known?.root, pathOf(key), (bucket) => {
    const before = bucket?.get(key);
    if (before) added = 0;
    return new Map(bucket).set(key, { customer, visits: (before?.visits ?? 0) + 1 });
  });
  return new Map(view).set(quarter, { size: (known?.size ?? 0) + added, root });
}

/**
 * A customer's visits in a quarter, or undefined when they did not come.
 *
 * @example
 * ```ts
 * quarterCustomer(await ops.read(quarterCustomers), "2026-Q4", { kind: "member", id: "M-1" })?.visits;
 * ```
 */
export function quarterCustomer(
  view: ReadonlyMap<string, QuarterCustomers>,
  quarter: string,
  customer: CustomerRef,
): QuarterCustomer | undefined {
  const key = customerKey(customer);
  let node: QuarterCustomerTrie | ReadonlyMap<string, QuarterCustomer> | undefined =
    view.get(quarter)?.root;
  for (const index of pathOf(key)) node = (node as QuarterCustomerTrie | undefined)?.[index];
  return (node as ReadonlyMap<string, QuarterCustomer> | undefined)?.get(key);
}

/**
 * Every customer of a quarter with their visits, in key order.
 *
 * @example
 * ```ts
 * customersOf(await ops.read(quarterCustomers), "2026-Q4").length; // 1,240
 * ```
 */
export function customersOf(
  view: ReadonlyMap<string, QuarterCustomers>,
  quarter: string,
): QuarterCustomer[] {
  return [...entriesOf(view.get(quarter)?.root)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, customer]) => customer);
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
  view: ReadonlyMap<string, QuarterCustomers>,
  quarter: string,
): CustomerRef[] {
  return customersOf(view, quarter).map((entry) => entry.customer);
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
  view: ReadonlyMap<string, QuarterCustomers>,
  quarter: string,
  count: number,
): QuarterCustomer[] {
  // customersOf is in key order and the sort is stable: ties stay in key order.
  return customersOf(view, quarter)
    .sort((x, y) => y.visits - x.visits)
    .slice(0, count);
}
