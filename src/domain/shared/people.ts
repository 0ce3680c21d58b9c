import { z } from "zod";

/**
 * Gender as the handover book counts it (V5, S5).
 *
 * @example
 * ```ts
 * Gender.parse("female");
 * ```
 */
export const Gender = z.enum(["female", "male"]);
export type Gender = z.infer<typeof Gender>;

/**
 * A non-empty identifier (visit id, card number, key tag, staff id).
 *
 * @example
 * ```ts
 * const VisitId = id;
 * ```
 */
export const id = z.string().trim().min(1, "must not be empty").max(64);
