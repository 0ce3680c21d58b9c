import type { RuleId } from "../kernel/rule-ids.js";
import type { Site } from "../kernel/site.js";
import type { ComplaintCase } from "./complaint-cases.js";

/** Something a complaint case owes at an instant, with the rule and how late it is. */
export interface ComplaintDue {
  readonly caseId: string;
  /** `C9`: a callback to the customer with progress; `C7`: on the duty manager's follow-up list. */
  readonly rule: Extract<RuleId, "C7" | "C9">;
  /** When it fell due (ISO instant). */
  readonly dueAt: string;
  /** How late it is at the instant asked, in ms, counted as the rule counts (C9: the policy's). */
  readonly lateByMs: number;
}

/**
 * What the site's complaint cases owe at `now`, a pure fold of their events and the site's
 * calendar and policy, most overdue first:
 * - C9: a phone or hotline complaint not resolved `callbackWithin` (2 h) after it was lodged, or
 *   after its last callback, owes the customer a callback with progress; the hours count as
 *   `complaintCallbackCounting` says (opening hours by default);
 * - C7: a case not resolved on the business day it was lodged is on the duty manager's
 *   follow-up list from that day's end until it is resolved.
 *
 * @example
 * ```ts
 * for (const due of complaintsDue(await ops.read(complaintCases), ops.site, clock.now())) {
 *   console.log(due.caseId, due.rule, Math.round(due.lateByMs / 60_000), "min late");
 * }
 * ```
 */
export function complaintsDue(
  cases: ReadonlyMap<string, ComplaintCase>,
  site: Pick<Site, "calendar" | "policy">,
  now: Date,
): ComplaintDue[] {
  const { calendar, policy } = site;
  const counting = policy.complaintCallbackCounting;
  const due: ComplaintDue[] = [];
  for (const open of cases.values()) {
    if (open.resolvedAt !== undefined || open.closedAt !== undefined) continue;
    if (open.channel === "phone" || open.channel === "hotline") {
      const from = new Date(open.lastCallbackAt ?? open.lodgedAt);
      const at = calendar.due(from, { ms: policy.callbackWithin, counting });
      if (at < now) {
        due.push({
          caseId: open.caseId,
          rule: "C9",
          dueAt: at.toISOString(),
          lateByMs: calendar.measure(at, now, counting),
        });
      }
    }
    const dayEnd = calendar.dayBounds(open.businessDay).end;
    if (dayEnd <= now) {
      due.push({
        caseId: open.caseId,
        rule: "C7",
        dueAt: dayEnd.toISOString(),
        lateByMs: now.getTime() - dayEnd.getTime(),
      });
    }
  }
  return due.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.rule.localeCompare(b.rule));
}

/**
 * C15: the unresolved cases marked difficult, oldest first, for the weekly team-lead review.
 *
 * @example
 * ```ts
 * weeklyComplaintReview(await ops.read(complaintCases)).map((c) => c.caseId);
 * ```
 */
export function weeklyComplaintReview(cases: ReadonlyMap<string, ComplaintCase>): ComplaintCase[] {
  return [...cases.values()]
    .filter(
      (c) => c.difficult !== undefined && c.resolvedAt === undefined && c.closedAt === undefined,
    )
    .sort((a, b) => a.lodgedAt.localeCompare(b.lodgedAt));
}

/**
 * The cases not closed yet, with their age at `now` in ms, oldest first.
 *
 * @example
 * ```ts
 * openComplaints(await ops.read(complaintCases), clock.now())[0]?.ageMs;
 * ```
 */
export function openComplaints(
  cases: ReadonlyMap<string, ComplaintCase>,
  now: Date,
): (ComplaintCase & { readonly ageMs: number })[] {
  return [...cases.values()]
    .filter((c) => c.closedAt === undefined)
    .map((c) => ({ ...c, ageMs: now.getTime() - Date.parse(c.lodgedAt) }))
    .sort((a, b) => b.ageMs - a.ageMs);
}
