import { z } from "zod";

/**
 * A signature as data: who signed, in which role. Dual-control steps (V8, V12, N3, N4 …) carry
 * one and `decide` checks it.
 *
 * @example
 * ```ts
 * Signature.parse({ staffId: "s-3", role: "frontDesk" });
 * ```
 */
export const Signature = z.object({
  staffId: z.string().min(1),
  role: z.string().min(1),
});
export type Signature = z.infer<typeof Signature>;
