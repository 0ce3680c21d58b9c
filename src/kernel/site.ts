import { type CalendarConfig, createCalendar, type SiteCalendar } from "./calendar.js";
import { ValidationError } from "./errors.js";
import { createPolicy, type Policy, type PolicyOverrides } from "./policy.js";

/** One site of a chain (a club, a mall service centre): its id, calendar and policy. */
export interface Site {
  readonly id: string;
  readonly calendar: SiteCalendar;
  readonly policy: Policy;
}

/** What an app gives to define a site. Everything but the id has a default. */
export interface SiteConfig extends CalendarConfig {
  readonly id: string;
  readonly policy?: PolicyOverrides;
}

/**
 * Builds a Site from its config, validating the calendar and the policy.
 *
 * @example
 * ```ts
 * const site = defineSite({ id: "club-1", timeZone: "Asia/Shanghai", policy: { keyTagReplacementFee: 2000 } });
 * ```
 */
export function defineSite(config: SiteConfig): Site {
  const { id, policy, ...calendar } = config;
  if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
    throw new ValidationError("Site", [
      { path: "site.id", message: `"${id}" must be letters, digits, "-", "_" or "."` },
    ]);
  }
  return { id, calendar: createCalendar(calendar), policy: createPolicy(policy) };
}
