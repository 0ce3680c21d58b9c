import { RaiseComplaintCallbackDue } from "../domain/complaint/commands.js";
import type { Actor } from "../kernel/envelope.js";
import { SvcOpsError } from "../kernel/errors.js";
import { complaintCases } from "../projections/complaint-cases.js";
import { type ComplaintDue, complaintsDue } from "../projections/complaints-due.js";
import type { ServiceOps } from "../service-ops.js";

/**
 * How the complaint reminders raise what falls due.
 *
 * @example
 * ```ts
 * const options: ComplaintRemindersOptions = { raiseAs: { id: "reminders", role: "dutyManager", sites: ["mall-1"] } };
 * ```
 */
export interface ComplaintRemindersOptions {
  /**
   * The actor the workflow raises due callbacks as (a duty manager, team lead, complaint handler
   * or call agent). Given, each C9 callback that falls due is raised with
   * `RaiseComplaintCallbackDue`, whose event notifies who owes the callback through the
   * outbox, in the same append; without it, `tick` only returns what is due.
   */
  readonly raiseAs?: Actor;
}

/**
 * C7 and C9 as a process manager: on each `tick` it reads what the site's complaint cases owe at
 * `now` (`complaintsDue`) and returns what fell due since the last tick, once each: a callback
 * owed (C9) by its deadline, a case on the follow-up list (C7) by the day it joined it. With
 * `raiseAs`, it raises each due callback (C9) as a command, so the notification to whoever owes
 * it is written with its event (command id `complaint-callback-due:<case>:<due instant>`, so a
 * second instance or a repeated tick raises it once); a refused raise (not due yet by the
 * handler's clock) is tried again on the next tick. A callback recorded moves the next C9
 * deadline, which is then raised again when it passes. The app drives the ticks (a timer, a
 * cron, a test).
 *
 * @example
 * ```ts
 * const reminders = complaintReminders(ops, { raiseAs: dutyManagerSystem });
 * setInterval(() => reminders.tick(new Date()), 60_000);
 * createNotificationDispatcher({ store, siteId: ops.site.id, handler: sendToStaff }).start();
 * ```
 */
export function complaintReminders(
  ops: Pick<ServiceOps, "site" | "read" | "execute">,
  options?: ComplaintRemindersOptions,
): { tick(now: Date): Promise<ComplaintDue[]> };
export function complaintReminders(ops: Pick<ServiceOps, "site" | "read">): {
  tick(now: Date): Promise<ComplaintDue[]>;
};
export function complaintReminders(
  ops: Pick<ServiceOps, "site" | "read"> & Partial<Pick<ServiceOps, "execute">>,
  options: ComplaintRemindersOptions = {},
) {
  const raised = new Set<string>();
  return {
    async tick(now: Date): Promise<ComplaintDue[]> {
      const due = complaintsDue(await ops.read(complaintCases), ops.site, now);
      const fresh: ComplaintDue[] = [];
      for (const item of due) {
        const key = `${item.caseId}#${item.rule}#${item.dueAt}`;
        if (raised.has(key)) continue;
        if (item.rule === "C9" && options.raiseAs && ops.execute) {
          try {
            await ops.execute(RaiseComplaintCallbackDue({ caseId: item.caseId }), {
              actor: options.raiseAs,
              commandId: `complaint-callback-due:${item.caseId}:${item.dueAt}`,
            });
          } catch (error) {
            if (!(error instanceof SvcOpsError)) throw error;
            continue;
          }
        }
        raised.add(key);
        fresh.push(item);
      }
      return fresh;
    },
  };
}
