import { z } from "zod";
import { defineEvent, type MessageOf } from "../../../kernel/message.js";
import { fenSchema } from "../../../kernel/money.js";
import { Signature } from "../../shared/signature.js";

/**
 * The conduct offences of S9.
 *
 * @example
 * ```ts
 * ConductOffence.parse("eatingAtPost");
 * ```
 */
export const ConductOffence = z.enum(["eatingAtPost", "failingToStand"]);
export type ConductOffence = z.infer<typeof ConductOffence>;

/** S9: a penalty on a person's record: a warning (fine 0) or a fine in fen. */
export const ConductPenaltyRecorded = defineEvent(
  "ConductPenaltyRecorded",
  z.object({
    staffId: z.string(),
    offence: ConductOffence,
    outcome: z.enum(["warning", "fine"]),
    fine: fenSchema,
    /** Eating at the post: the day's wage the fine is half of. */
    dailyWage: fenSchema.optional(),
    /** Failing to stand: the official, and which time this is (1: the warning). */
    official: z.string().optional(),
    occurrence: z.number().int().positive(),
    note: z.string().optional(),
    day: z.string(),
    by: Signature,
  }),
);

export type ConductPenaltyRecorded = MessageOf<typeof ConductPenaltyRecorded>;
export type ConductEvent = ConductPenaltyRecorded;

export const conductEvents = [ConductPenaltyRecorded];
