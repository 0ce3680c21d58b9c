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
  checkSiteId(id);
  return { id, calendar: createCalendar(calendar), policy: createPolicy(policy) };
}

/**
 * Checks a site id: 1–64 letters, digits, "-", "_" or ".". A site id never contains "/", which
 * keeps `<siteId>/<aggregate>/<key>` stream ids and `<siteId>/<commandId>` command keys
 * unambiguous between the sites of a chain; anything else is a ValidationError at `site.id`.
 *
 * @example
 * ```ts
 * checkSiteId("club-1"); // ok
 * checkSiteId("club-1/kiosk"); // throws
 * ```
 */
export function checkSiteId(id: unknown): asserts id is string {
  if (typeof id === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(id)) return;
  throw new ValidationError("Site", [
    {
      path: "site.id",
      message: `${JSON.stringify(id) ?? String(id)} must be 1–64 letters, digits, "-", "_" or "."`,
    },
  ]);
}
