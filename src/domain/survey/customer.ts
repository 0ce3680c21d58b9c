import { z } from "zod";
import { id } from "../shared/people.js";

/**
 * A customer as the survey knows them: a member (or trial card holder) by card number, from
 * `MemberCheckedIn`, or a visitor by visitor id, from `VisitorRegistered`.
 *
 * @example
 * ```ts
 * CustomerRef.parse({ kind: "member", id: "M-1" });
 * ```
 */
export const CustomerRef = z.strictObject({ kind: z.enum(["member", "visitor"]), id });
export type CustomerRef = z.infer<typeof CustomerRef>;

/**
 * A customer's key, `"<kind>:<id>"`: the order a population is drawn in, and how two references
 * to one customer are told equal.
 *
 * @example
 * ```ts
 * customerKey({ kind: "visitor", id: "g-7" }); // "visitor:g-7"
 * ```
 */
export function customerKey(customer: CustomerRef): string {
  return `${customer.kind}:${customer.id}`;
}

/**
 * A list of customers with no one twice (refined in a schema, the path names the list).
 *
 * @example
 * ```ts
 * distinctCustomers([{ kind: "member", id: "M-1" }, { kind: "member", id: "M-1" }]); // false
 * ```
 */
export function distinctCustomers(customers: readonly CustomerRef[]): boolean {
  return new Set(customers.map(customerKey)).size === customers.length;
}
