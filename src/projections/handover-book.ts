import type { HandoverBookEvent } from "../domain/handover-book/events.js";
import type { PhoneDeskEvent } from "../domain/phone-desk/events.js";
import type { ReceptionEvent } from "../domain/reception/events.js";
import type { Signature } from "../domain/shared/signature.js";
import type { VisitEvent } from "../domain/visit/events.js";
import type { Fen } from "../kernel/money.js";
import { defineProjection } from "../kernel/projection.js";
import { countEntry, type DayEntryCounts, emptyEntryCounts } from "./daily-entry-counts.js";

/** Cards of one type sold in a shift: how many, and for how much in all (fen). */
export interface CardsSold {
  readonly count: number;
  readonly amount: Fen;
}

/** What the handover book counts for a shift (S5), all from events. */
export interface ShiftFigures {
  /** Entries by category (member, trial, visitor, coach) and gender (V5). */
  readonly entries: DayEntryCounts;
  /** Membership cards sold, by card type. */
  readonly cardsSold: Readonly<Record<string, CardsSold>>;
  /** Phone inquiries (P4). */
  readonly phoneInquiries: number;
}

/** One shift's entry in the book: the figures frozen when the outgoing staff member wrote it. */
export interface HandoverEntry {
  readonly shift: string;
  readonly figures: ShiftFigures;
  readonly notableEvents: readonly string[];
  readonly ordersFromAbove: readonly string[];
  readonly outgoing: Signature;
  /** Set when the incoming staff member countersigned; the entry is complete then. */
  readonly incoming: Signature | undefined;
}

/** A business day's book: the entries written, and what the shift still open has counted. */
export interface HandoverDay {
  readonly entries: readonly HandoverEntry[];
  /** The figures of the shift not yet handed over (the preview of its entry). */
  readonly open: ShiftFigures;
}

/**
 * No figures yet.
 *
 * @example
 * ```ts
 * emptyShiftFigures().phoneInquiries; // 0
 * ```
 */
export function emptyShiftFigures(): ShiftFigures {
  return { entries: emptyEntryCounts(), cardsSold: {}, phoneInquiries: 0 };
}

type Counted = VisitEvent | ReceptionEvent | PhoneDeskEvent | HandoverBookEvent;

/**
 * The handover book (S5), built from the shift's events: check-ins (members, trials, coaches)
 * and registered visitors by gender, membership cards sold by type, phone inquiries (P4). Each
 * business day's events count towards its open shift; `HandoverEntryWritten` closes the shift:
 * the figures counted so far are frozen into the entry and the next shift starts from zero.
 * Every event thus counts in exactly one shift, the one handed over after it in the log. The
 * figures are never typed, so they cannot be typed wrong.
 *
 * @example
 * ```ts
 * const day = (await ops.read(handoverBook)).get("2026-11-22");
 * day?.open.phoneInquiries; // the shift in progress
 * day?.entries[0]?.figures.cardsSold.annual?.count; // the early shift's annual cards
 * ```
 */
export const handoverBook = defineProjection<ReadonlyMap<string, HandoverDay>, Counted>({
  name: "handover-book",
  initialView: new Map(),
  eventTypes: [
    "MemberCheckedIn",
    "VisitorRegistered",
    "MembershipCardSold",
    "InquiryRecorded",
    "HandoverEntryWritten",
    "HandoverEntryCountersigned",
  ],
  fold(view, event) {
    switch (event.type) {
      case "MemberCheckedIn": {
        const { businessDay, category, gender } = event.data;
        return onOpen(view, businessDay, (f) => ({
          ...f,
          entries: countEntry(f.entries, category, gender),
        }));
      }
      case "VisitorRegistered":
        return onOpen(view, event.data.businessDay, (f) => ({
          ...f,
          entries: countEntry(f.entries, "visitor", event.data.gender),
        }));
      case "MembershipCardSold": {
        const { businessDay, cardType, price } = event.data;
        return onOpen(view, businessDay, (f) => {
          const sold = f.cardsSold[cardType] ?? { count: 0, amount: 0 as Fen };
          return {
            ...f,
            cardsSold: {
              ...f.cardsSold,
              [cardType]: { count: sold.count + 1, amount: (sold.amount + price) as Fen },
            },
          };
        });
      }
      case "InquiryRecorded":
        return onOpen(view, event.data.businessDay, (f) => ({
          ...f,
          phoneInquiries: f.phoneInquiries + 1,
        }));
      case "HandoverEntryWritten": {
        const { businessDay, shift, notableEvents, ordersFromAbove, outgoing } = event.data;
        const day = dayOf(view, businessDay);
        const entry: HandoverEntry = {
          shift,
          figures: day.open,
          notableEvents,
          ordersFromAbove,
          outgoing,
          incoming: undefined,
        };
        return withDay(view, businessDay, {
          entries: [...day.entries, entry],
          open: emptyShiftFigures(),
        });
      }
      case "HandoverEntryCountersigned": {
        const { businessDay, shift, incoming } = event.data;
        const day = dayOf(view, businessDay);
        return withDay(view, businessDay, {
          ...day,
          entries: day.entries.map((e) => (e.shift === shift ? { ...e, incoming } : e)),
        });
      }
      default:
        return view;
    }
  },
});

function dayOf(view: ReadonlyMap<string, HandoverDay>, businessDay: string): HandoverDay {
  return view.get(businessDay) ?? { entries: [], open: emptyShiftFigures() };
}

function withDay(
  view: ReadonlyMap<string, HandoverDay>,
  businessDay: string,
  day: HandoverDay,
): ReadonlyMap<string, HandoverDay> {
  const next = new Map(view);
  next.set(businessDay, day);
  return next;
}

function onOpen(
  view: ReadonlyMap<string, HandoverDay>,
  businessDay: string,
  change: (figures: ShiftFigures) => ShiftFigures,
): ReadonlyMap<string, HandoverDay> {
  const day = dayOf(view, businessDay);
  return withDay(view, businessDay, { ...day, open: change(day.open) });
}
