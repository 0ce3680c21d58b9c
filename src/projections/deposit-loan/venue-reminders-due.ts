import type { OpenLoan } from "./open-loans.js";

/** A venue session whose end reminder is due (G1): where, for whom, and by when. */
export interface VenueReminderDue {
  readonly loanId: string;
  readonly venue: string;
  readonly customer: string;
  /** `endReminder` before the booked end (ISO instant). */
  readonly remindAt: string;
  readonly bookedEnd: string;
}

/**
 * G1: the open venue sessions whose end reminder is due at `now` (the reminder's time has come,
 * the guest has not been reminded and the session has not ended), earliest first: a pure read
 * of `openLoans`, which the venue-session reminder workflow acts on.
 *
 * @example
 * ```ts
 * for (const due of venueRemindersDue(await ops.read(openLoans), clock.now())) console.log(due.venue);
 * ```
 */
export function venueRemindersDue(
  loans: ReadonlyMap<string, OpenLoan>,
  now: Date,
): VenueReminderDue[] {
  const t = now.getTime();
  const due: VenueReminderDue[] = [];
  for (const loan of loans.values()) {
    const session = loan.state.session;
    if (!session || session.remindedAt || session.endedAt) continue;
    if (Date.parse(session.remindAt) > t) continue;
    const { remindAt, bookedEnd } = session;
    due.push({
      loanId: loan.loanId,
      venue: loan.what,
      customer: loan.customer.name,
      remindAt,
      bookedEnd,
    });
  }
  return due.sort(
    (a, b) => a.remindAt.localeCompare(b.remindAt) || a.loanId.localeCompare(b.loanId),
  );
}
