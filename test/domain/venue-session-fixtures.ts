/**
 * Fixtures of the venue-session specs (G1): a sports centre's cashier, desk, venue staff, water
 * bar and CS manager on a façade with a manual clock, and a session g-1 started at 19:00 on
 * badminton court 3, booked for two hours at ¥80.00 per started hour against a ¥200.00 deposit.
 */
import {
  type Actor,
  createServiceOps,
  manualClock,
  StartVenueSession,
  VenueSessionStarted,
  VenueUseOpened,
} from "svcops";
import { SPEC_SITE } from "svcops/testing";
import { NOW } from "./fixtures.js";

export const MINUTE = 60_000;
export const CENTRE = "centre-1";

const person = (id: string, role: Actor["role"], site = CENTRE): Actor => ({
  id,
  role,
  sites: [site],
});
export const cashier = person("cash-1", "cashier");
export const desk = person("desk-1", "frontDesk");
export const venueStaff = person("venue-1", "venueStaff");
export const waterBar = person("bar-1", "waterBar");
export const csManager = person("csm-1", "csManager");
export const dutyManager = person("dm-1", "dutyManager");
export const specCashier = person("cash-1", "cashier", SPEC_SITE);

export const customer = { name: "Huang Wei", phone: "13900000009" };
export const rate = { per: "hour", amount: 8000 } as const;

/** The command that starts session g-1: court 3, two hours booked, ¥200.00 by card. */
export const start = (overrides: Partial<Parameters<typeof StartVenueSession>[0]> = {}) =>
  StartVenueSession({
    loanId: "g-1",
    customer,
    venue: "badminton court 3",
    deposit: 20_000,
    paymentMethod: "card",
    bookedMinutes: 120,
    rate,
    ...overrides,
  });

const sign = (actor: Actor, at = NOW) => ({ staffId: actor.id, role: actor.role, at });

/** The events of session g-1 started at NOW (the spec instant) by the spec cashier. */
export function started() {
  return [
    VenueUseOpened({
      loanId: "g-1",
      customer,
      venue: "badminton court 3",
      deposit: 20_000,
      paymentMethod: "card",
      openedAt: NOW,
      by: sign(specCashier),
    }),
    VenueSessionStarted({
      loanId: "g-1",
      startedAt: NOW,
      bookedEnd: new Date(Date.parse(NOW) + 120 * MINUTE).toISOString(),
      remindAt: new Date(Date.parse(NOW) + 105 * MINUTE).toISOString(),
      rate,
      by: sign(specCashier),
    }),
  ];
}

/** A sports centre on a memory store, the clock at Monday 19:00 in Shanghai. */
export function centre() {
  const clock = manualClock("2026-11-23T11:00:00Z");
  const ops = createServiceOps({ site: { id: CENTRE }, clock });
  const advance = (minutes: number) => clock.advance(minutes * MINUTE);
  return { ops, clock, advance };
}
