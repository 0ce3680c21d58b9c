import { complaintCases } from "../projections/complaint-cases.js";
import { type ComplaintDue, complaintsDue } from "../projections/complaints-due.js";
import type { ServiceOps } from "../service-ops.js";

/**
 * C7 and C9 as a process manager: on each `tick` it reads what the site's complaint cases owe at
 * `now` (`complaintsDue`) and returns what fell due since the last tick, once each: a callback
 * owed (C9) by its deadline, a case on the follow-up list (C7) by the day it joined it. The app
 * raises them (a message to the duty manager, a line on the desk's screen); it sends nothing
 * itself. A callback recorded moves the next C9 deadline, which is then raised again when it
 * passes. The app drives the ticks (a timer, a cron, a test).
 *
 * @example
 * ```ts
 * const reminders = complaintReminders(ops);
 * setInterval(async () => {
 *   for (const due of await reminders.tick(new Date())) notifyDutyManager(due);
 * }, 60_000);
 * ```
 */
export function complaintReminders(ops: Pick<ServiceOps, "site" | "read">) {
  const raised = new Set<string>();
  return {
    async tick(now: Date): Promise<ComplaintDue[]> {
      const due = complaintsDue(await ops.read(complaintCases), ops.site, now);
      const fresh = due.filter((item) => !raised.has(`${item.caseId}#${item.rule}#${item.dueAt}`));
      for (const item of fresh) raised.add(`${item.caseId}#${item.rule}#${item.dueAt}`);
      return fresh;
    },
  };
}
