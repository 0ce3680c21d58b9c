import { RemindVenueSessionEnd } from "../domain/deposit-loan/venue-session/commands.js";
import type { CommandResult } from "../kernel/command-handler.js";
import type { Actor } from "../kernel/envelope.js";
import { SvcOpsError } from "../kernel/errors.js";
import { openLoans } from "../projections/deposit-loan/open-loans.js";
import {
  type VenueReminderDue,
  venueRemindersDue,
} from "../projections/deposit-loan/venue-reminders-due.js";
import type { ServiceOps } from "../service-ops.js";

/** What one tick of the venue-session reminder workflow did. */
export interface VenueReminderTick {
  /** Sessions whose guest is now reminded (G1), with the reminder recorded on the loan. */
  readonly reminded: readonly (VenueReminderDue & { result: CommandResult })[];
  /** Due reminders the workflow could not record (e.g. the session ended meanwhile). */
  readonly refused: readonly { loanId: string; error: SvcOpsError }[];
}

/**
 * G1 as a process manager: on each `tick` it reads the open venue sessions (`openLoans`), and
 * for every one whose reminder is due (`endReminder`, 15 min, before the booked end) it records
 * `RemindVenueSessionEnd` as the given desk actor and hands it back, for the app to tell the
 * venue staff (a radio call, a line on the desk's screen). The decider checks the time again,
 * and the command id is the session's and booked end's, so an early or repeated tick changes
 * nothing. The app drives the ticks (a timer, a cron, a test).
 *
 * @example
 * ```ts
 * const reminders = venueSessionReminders(ops);
 * setInterval(async () => {
 *   const { reminded } = await reminders.tick({ now: new Date(), actor: deskOnDuty });
 *   for (const due of reminded) radioVenueStaff(`${due.venue}: ${due.customer}, 15 min left`);
 * }, 60_000);
 * ```
 */
export function venueSessionReminders(ops: Pick<ServiceOps, "read" | "execute">) {
  return {
    async tick(options: { now: Date; actor: Actor }): Promise<VenueReminderTick> {
      const due = venueRemindersDue(await ops.read(openLoans), options.now);
      const reminded: (VenueReminderDue & { result: CommandResult })[] = [];
      const refused: VenueReminderTick["refused"][number][] = [];
      for (const session of due) {
        try {
          const result = await ops.execute(RemindVenueSessionEnd({ loanId: session.loanId }), {
            actor: options.actor,
            commandId: `venue-session-reminder:${session.loanId}:${session.bookedEnd}`,
          });
          if (!result.duplicate) reminded.push({ ...session, result });
        } catch (error) {
          if (!(error instanceof SvcOpsError)) throw error;
          refused.push({ loanId: session.loanId, error });
        }
      }
      return { reminded, refused };
    },
  };
}
