import type { ComplaintChannel } from "../domain/complaint/commands.js";
import type { ComplaintEvent } from "../domain/complaint/events.js";
import { defineProjection } from "../kernel/projection.js";

/** What the clocks and lists of complaints need of one case. */
export interface ComplaintCase {
  readonly caseId: string;
  readonly channel: ComplaintChannel;
  readonly lodgedAt: string;
  /** The business day it was lodged on (C7). */
  readonly businessDay: string;
  /** The last callback (C9), or undefined. */
  readonly lastCallbackAt: string | undefined;
  readonly resolvedAt: string | undefined;
  readonly closedAt: string | undefined;
  /** Marked difficult, for the weekly team-lead review (C15). */
  readonly difficult: string | undefined;
  readonly escalated: boolean;
}

/**
 * Every complaint case of the site with what its clocks need: when it was lodged, its last
 * callback, when it was resolved and closed. `complaintsDue` reads it for C7 and C9,
 * `weeklyComplaintReview` for C15, `openComplaints` for the cases by age.
 *
 * @example
 * ```ts
 * const cases = await ops.read(complaintCases);
 * complaintsDue(cases, ops.site, clock.now());
 * ```
 */
export const complaintCases = defineProjection<ReadonlyMap<string, ComplaintCase>, ComplaintEvent>({
  name: "complaint-cases",
  initialView: new Map(),
  eventTypes: [
    "ComplaintLodged",
    "ComplaintCallbackMade",
    "ComplaintResolved",
    "ComplaintClosed",
    "ComplaintMarkedDifficult",
    "ComplaintEscalated",
  ],
  fold(view, event) {
    const update = (caseId: string, change: Partial<ComplaintCase>) => {
      const known = view.get(caseId);
      if (!known) return view;
      return new Map(view).set(caseId, { ...known, ...change });
    };
    switch (event.type) {
      case "ComplaintLodged": {
        const { caseId, channel, lodgedAt, businessDay } = event.data;
        return new Map(view).set(caseId, {
          caseId,
          channel,
          lodgedAt,
          businessDay,
          lastCallbackAt: undefined,
          resolvedAt: undefined,
          closedAt: undefined,
          difficult: undefined,
          escalated: false,
        });
      }
      case "ComplaintCallbackMade":
        return update(event.data.caseId, { lastCallbackAt: event.data.at });
      case "ComplaintResolved":
        return update(event.data.caseId, { resolvedAt: event.data.resolvedAt });
      case "ComplaintClosed":
        return update(event.data.caseId, { closedAt: event.data.closedAt });
      case "ComplaintMarkedDifficult":
        return update(event.data.caseId, { difficult: event.data.reason });
      case "ComplaintEscalated":
        return update(event.data.caseId, { escalated: true });
      default:
        return view;
    }
  },
});
