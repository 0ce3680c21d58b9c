import { z } from "zod";
import { isoInstant } from "../../kernel/iso-instant.js";

/**
 * A signature as data: who signed, in which role, and when (an ISO instant; the events a
 * decider writes set it from the clock, older events may lack it). Dual-control steps (V8, V12,
 * C4, I3, I5, N3, N4 …) carry one and `decide` checks it.
 *
 * @example
 * ```ts
 * Signature.parse({ staffId: "s-3", role: "frontDesk", at: "2026-11-22T02:00:00.000Z" });
 * ```
 */
export const Signature = z.object({
  staffId: z.string().min(1),
  role: z.string().min(1),
  at: z.string().optional(),
});
export type Signature = z.infer<typeof Signature>;

/**
 * The signature of the actor who sends a command, stamped with the clock's instant: what a
 * decider writes for "who did this" (`by`, `recordedBy`, `outgoing` …).
 *
 * @example
 * ```ts
 * actorSignature(context); // { staffId: "desk-1", role: "frontDesk", at: "2026-11-22T02:00:00.000Z" }
 * ```
 */
export function actorSignature(context: {
  readonly actor: { readonly id: string; readonly role: string };
  readonly now: Date;
}): Signature & { at: string } {
  return { staffId: context.actor.id, role: context.actor.role, at: isoInstant(context.now) };
}
