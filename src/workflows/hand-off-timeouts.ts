import { receptionStream } from "../domain/reception/aggregate.js";
import { ReassignOverdueVisitor } from "../domain/reception/commands.js";
import type { CommandResult } from "../kernel/command-handler.js";
import type { Actor } from "../kernel/envelope.js";
import { SvcOpsError } from "../kernel/errors.js";
import { overdueHandOffs, pendingHandOffs } from "../projections/pending-hand-offs.js";
import type { ServiceOps } from "../service-ops.js";

/** What one tick of the hand-off timeout workflow did. */
export interface HandOffTick {
  /** Visitors handed to the next consultant because the last one did not arrive (V10). */
  readonly reassigned: readonly { visitorId: string; from: string; result: CommandResult }[];
  /** Overdue visitors the workflow could not move on (e.g. nobody else in the rotation). */
  readonly refused: readonly { visitorId: string; error: SvcOpsError }[];
}

/**
 * V10 as a process manager: time passing is not an event, so on each `tick` the workflow reads
 * the pending hand-offs, and for every one of today's whose arrival limit has passed it issues
 * `ReassignOverdueVisitor` as the given desk actor. The decider checks the limit again against
 * the clock, so a tick that comes early or twice changes nothing. The app drives the ticks
 * (a timer, a cron, a test).
 *
 * @example
 * ```ts
 * const timeouts = handOffTimeouts(ops);
 * setInterval(() => timeouts.tick({ now: new Date(), actor: deskOnDuty }), 15_000);
 * ```
 */
export function handOffTimeouts(ops: ServiceOps) {
  return {
    async tick(options: { now: Date; actor: Actor }): Promise<HandOffTick> {
      const today = receptionStream(ops.site.id, ops.site.calendar.businessDayOf(options.now));
      const overdue = overdueHandOffs(await ops.read(pendingHandOffs), options.now).filter(
        (pending) => pending.streamId === today,
      );
      const reassigned: HandOffTick["reassigned"][number][] = [];
      const refused: HandOffTick["refused"][number][] = [];
      for (const pending of overdue) {
        try {
          const result = await ops.execute(
            ReassignOverdueVisitor({ visitorId: pending.visitorId }),
            {
              actor: options.actor,
              commandId: `hand-off-timeout:${today}:${pending.visitorId}:${pending.arrivalDue}`,
            },
          );
          reassigned.push({ visitorId: pending.visitorId, from: pending.consultantId, result });
        } catch (error) {
          if (!(error instanceof SvcOpsError)) throw error;
          refused.push({ visitorId: pending.visitorId, error });
        }
      }
      return { reassigned, refused };
    },
  };
}
