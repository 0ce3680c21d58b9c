import { z } from "zod";
import { id } from "../shared/people.js";

/**
 * The questions of a survey or a forum and the integer scale they are scored on (`1`–`5` by
 * default).
 *
 * @example
 * ```ts
 * Questionnaire.parse({ questions: [{ questionId: "q1", text: "How clean were the changing rooms?" }] });
 * ```
 */
export const Questionnaire = z.strictObject({
  scale: z
    .strictObject({
      min: z.number().int().min(0).max(100),
      max: z.number().int().min(1).max(100),
    })
    .refine((s) => s.min < s.max, { path: ["max"], message: "must be more than min" })
    .default({ min: 1, max: 5 }),
  questions: z
    .array(z.strictObject({ questionId: id, text: z.string().trim().min(1).max(500) }))
    .min(1, "ask at least one question")
    .max(50)
    .refine(
      (q) => new Set(q.map((x) => x.questionId)).size === q.length,
      "must not repeat a questionId",
    ),
});
export type Questionnaire = z.infer<typeof Questionnaire>;
/** A questionnaire as it may be given: the scale may be left out (1–5). */
export type QuestionnaireInput = z.input<typeof Questionnaire>;

/**
 * A customer's answers: one integer score per question answered (a question may be skipped).
 *
 * @example
 * ```ts
 * Scores.parse([{ questionId: "q1", score: 4 }]);
 * ```
 */
export const Scores = z
  .array(z.strictObject({ questionId: id, score: z.number().int("must be a whole number") }))
  .min(1, "give at least one score")
  .max(50)
  .refine(
    (s) => new Set(s.map((x) => x.questionId)).size === s.length,
    "must not score a question twice",
  );
export type Scores = z.infer<typeof Scores>;
