/**
 * Fixtures of the DepositLoan specs: the people at the mall's service desk and the sports
 * centre's cashier, and the events of a loan at each step, with sensible defaults.
 */
import {
  type Actor,
  AgreementAccountOpened,
  EquipmentRented,
  UmbrellaLent,
  VenueChargeAdded,
  VenueUseOpened,
} from "svcops";
import { SPEC_SITE } from "svcops/testing";
import { later, NOW } from "./fixtures.js";

export const HOUR = 3600_000;
export const DAY_MS = 24 * HOUR;

const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SPEC_SITE] });
export const frontDesk = person("desk-1", "frontDesk");
export const dutyManager = person("dm-1", "dutyManager");
export const teamLead = person("lead-1", "teamLead");
export const cashier = person("cash-1", "cashier");
export const venueStaff = person("venue-1", "venueStaff");
export const waterBar = person("bar-1", "waterBar");

export const sign = (actor: Actor, at = NOW) => ({ staffId: actor.id, role: actor.role, at });

export const customer = { name: "Li Na", phone: "13800000000" };
/** The borrower's signature on the return (D3): the one signature shape, keyed by phone. */
export const customerSignature = { staffId: "13800000000", role: "customer" };

/** Umbrella u-1 lent at NOW against the default ¥50.00 cash deposit. */
export function lent(overrides: Partial<Parameters<typeof UmbrellaLent>[0]> = {}) {
  return UmbrellaLent({
    loanId: "u-1",
    customer,
    umbrellaNumber: "U-07",
    deposit: 5000,
    paymentMethod: "cash",
    lentAt: NOW,
    feeStartsAt: later(DAY_MS),
    lentBy: sign(frontDesk),
    ...overrides,
  });
}

/** Venue use g-1 opened at NOW on badminton court 3 with a ¥200.00 card deposit. */
export function opened(overrides: Partial<Parameters<typeof VenueUseOpened>[0]> = {}) {
  return VenueUseOpened({
    loanId: "g-1",
    customer,
    venue: "badminton court 3",
    deposit: 20000,
    paymentMethod: "card",
    openedAt: NOW,
    by: sign(cashier),
    ...overrides,
  });
}

export const courtFee = (amount = 8000) =>
  VenueChargeAdded({ loanId: "g-1", description: "court, 2 h", amount, by: sign(cashier) });

export const racketsRented = EquipmentRented({
  loanId: "g-1",
  item: "racket",
  count: 2,
  unitPrice: 1000,
  amount: 2000,
  by: sign(venueStaff),
});

export const accountOpened = AgreementAccountOpened({
  accountId: "acc-1",
  company: "Huaxin Conference Group",
  signers: [{ signerId: "ID-1101", name: "Zhao Min" }],
  openedAt: NOW,
  by: sign(cashier),
});
