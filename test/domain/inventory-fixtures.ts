/**
 * Fixtures of the Inventory specs: the staff of the water bar, the bar's item list, and the
 * events of a business day with sensible defaults.
 */
import {
  type Actor,
  ClosingStockCounted,
  ItemsListed,
  ItemsSold,
  OpeningStockCounted,
  type Signature,
} from "svcops";
import { SPEC_SITE } from "svcops/testing";
import { DAY, NOW } from "./fixtures.js";

const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SPEC_SITE] });
export const bar = person("bar-1", "waterBar");
export const deskClerk = person("desk-1", "frontDesk");
export const teamLead = person("lead-1", "teamLead");
export const csManager = person("cs-1", "csManager");

export const LOCATION = "bar";
export const YESTERDAY = "2026-11-21";

/** A signature stamped at NOW. */
export const sign = (actor: Actor): Signature => ({ staffId: actor.id, role: actor.role, at: NOW });

/** The bar's item list: water (goods), gift bags at ¥5.00 (N7), mugs given away (N7). */
export const listed = ItemsListed({
  location: LOCATION,
  items: [
    { item: "water", kind: "goods", price: 300 },
    { item: "gift-bag", kind: "giftBag", price: 500 },
    { item: "mug", kind: "promotionGift" },
  ],
});

type Lines = { item: string; quantity: number }[];
const lines = (counts: Record<string, number>): Lines =>
  Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([item, quantity]) => ({ item, quantity }));

/** The opening count of a day (today by default). */
export function opened(counts: Record<string, number>, businessDay = DAY) {
  return OpeningStockCounted({
    location: LOCATION,
    businessDay,
    counts: lines(counts),
    countedBy: sign(bar),
  });
}

/** The closing count of a day (yesterday by default), as the book expected it. */
export function closed(counts: Record<string, number>, businessDay = YESTERDAY) {
  return ClosingStockCounted({
    location: LOCATION,
    businessDay,
    counts: lines(counts),
    expected: lines(counts),
    countedBy: sign(bar),
  });
}

/** A sale of `quantity` water at ¥3.00 on receipt `receiptNumber`, paid cash. */
export function sold(receiptNumber: number, quantity = 1) {
  return ItemsSold({
    location: LOCATION,
    businessDay: DAY,
    receiptNumber,
    lines: [{ item: "water", quantity, unitPrice: 300 }],
    total: 300 * quantity,
    payment: { method: "cash" },
    soldBy: sign(bar),
  });
}

/** Yesterday closed with these counts, today opened with the same: a normal morning. */
export function openDay(counts: Record<string, number> = { "gift-bag": 5, mug: 3, water: 10 }) {
  return [listed, opened(counts, YESTERDAY), closed(counts), opened(counts)];
}
