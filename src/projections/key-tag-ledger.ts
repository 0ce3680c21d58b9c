import type { KeyTagPoolEvent } from "../domain/key-tag-pool/events.js";
import type { VisitEvent } from "../domain/visit/events.js";
import { defineProjection } from "../kernel/projection.js";

/** A tag out now: on which visit, with whose card, since when. */
export interface TagOut {
  readonly tag: string;
  readonly visitId: string;
  readonly memberCard: string;
  /** ISO instant of the check-in. */
  readonly since: string;
}

/** The key-tag ledger: which tag is out with whom and since when, and which tags are retired. */
export interface KeyTagLedger {
  readonly out: ReadonlyMap<string, TagOut>;
  readonly retired: ReadonlyMap<string, "lost" | "damaged">;
}

/**
 * The key-tag ledger read model (V1, V2, V7).
 *
 * @example
 * ```ts
 * const ledger = await ops.read(keyTagLedger);
 * ledger.out.get("17")?.memberCard; // "M-1024"
 * ```
 */
export const keyTagLedger = defineProjection<KeyTagLedger, VisitEvent | KeyTagPoolEvent>({
  name: "key-tag-ledger",
  initialView: { out: new Map(), retired: new Map() },
  eventTypes: ["MemberCheckedIn", "MemberCheckedOut", "KeyTagReportedLost", "KeyTagRetired"],
  fold(view, event) {
    switch (event.type) {
      case "MemberCheckedIn": {
        const { keyTag, visitId, memberCard } = event.data;
        const out = new Map(view.out);
        out.set(keyTag, { tag: keyTag, visitId, memberCard, since: event.metadata.occurredAt });
        return { ...view, out };
      }
      case "MemberCheckedOut":
      case "KeyTagReportedLost": {
        const tag = event.data.keyTag;
        if (tag === null || !view.out.has(tag)) return view;
        const out = new Map(view.out);
        out.delete(tag);
        return { ...view, out };
      }
      case "KeyTagRetired": {
        const retired = new Map(view.retired);
        retired.set(event.data.tag, event.data.reason);
        return { ...view, retired };
      }
      default:
        return view;
    }
  },
});
