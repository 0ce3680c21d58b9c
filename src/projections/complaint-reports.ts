import type { ComplaintEvent } from "../domain/complaint/events.js";
import type { Signature } from "../domain/shared/signature.js";
import { defineProjection } from "../kernel/projection.js";

/** C11: the complaint report of a case, as written (C6) and completed at close. */
export interface ComplaintReport {
  readonly caseId: string;
  readonly channel: string;
  readonly place: string;
  readonly customer: string;
  readonly material: string;
  readonly lodgedAt: string;
  readonly requestedOutcome: string | undefined;
  readonly findings: string | undefined;
  readonly resolution: string | undefined;
  readonly disposition: string | undefined;
  readonly escalated: boolean;
  readonly process: string | undefined;
  readonly result: string | undefined;
  readonly attachments: readonly string[];
  readonly writtenBy: Signature | undefined;
  readonly closedAt: string | undefined;
}

/**
 * C11: every case's complaint report, filled in as the case goes: material and channel (C1),
 * the place (C10), the outcome wanted and the findings (C3), the resolution (C4, C8), the
 * disposition (C5), process and result with attachments (C6), and the close.
 *
 * @example
 * ```ts
 * (await ops.read(complaintReports)).get("k-1")?.result;
 * ```
 */
export const complaintReports = defineProjection<
  ReadonlyMap<string, ComplaintReport>,
  ComplaintEvent
>({
  name: "complaint-reports",
  initialView: new Map(),
  fold(view, event) {
    const caseId = event.data.caseId;
    const known = view.get(caseId);
    const set = (change: Partial<ComplaintReport>) =>
      known ? new Map(view).set(caseId, { ...known, ...change }) : view;
    switch (event.type) {
      case "ComplaintLodged":
        return new Map(view).set(caseId, {
          caseId,
          channel: event.data.channel,
          place: event.data.place,
          customer: event.data.customer.name,
          material: event.data.material,
          lodgedAt: event.data.lodgedAt,
          requestedOutcome: undefined,
          findings: undefined,
          resolution: undefined,
          disposition: undefined,
          escalated: false,
          process: undefined,
          result: undefined,
          attachments: [],
          writtenBy: undefined,
          closedAt: undefined,
        });
      case "ComplaintOutcomeRequested":
        return set({ requestedOutcome: event.data.outcome });
      case "ComplaintInvestigated":
        return set({ findings: event.data.findings });
      case "ComplaintHandlerFindingsRecorded":
        return set({
          findings: `${event.data.content} (responsible: ${event.data.responsiblePerson})`,
        });
      case "ComplaintResolved":
        return set({ resolution: event.data.resolution });
      case "ComplaintEscalated":
        return set({ escalated: true });
      case "StaffDispositionReported":
        return set({ disposition: event.data.disposition });
      case "ComplaintReportWritten":
        return set({
          process: event.data.process,
          result: event.data.result,
          attachments: event.data.attachments,
          writtenBy: event.data.by,
        });
      case "ComplaintClosed":
        return set({ closedAt: event.data.closedAt });
      default:
        return view;
    }
  },
});
