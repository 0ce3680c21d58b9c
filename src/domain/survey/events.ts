import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { Signature } from "../shared/signature.js";
import { Questionnaire } from "./questionnaire.js";

const customer = z.object({ kind: z.enum(["member", "visitor"]), id: z.string() });
const scores = z.array(z.object({ questionId: z.string(), score: z.number().int() }));

/**
 * Q1: the quarter's sample. `wholePopulation` says the population had no more customers than the
 * sample size, so every one of them is asked.
 */
export const SurveySampleDrawn = defineEvent(
  "SurveySampleDrawn",
  z.object({
    quarter: z.string(),
    seed: z.number().int(),
    questionnaire: Questionnaire,
    populationSize: z.number().int().nonnegative(),
    sample: z.array(customer),
    wholePopulation: z.boolean(),
    drawnBy: Signature,
  }),
);
/** Q1: a sampled customer's answers. */
export const SurveyResponseRecorded = defineEvent(
  "SurveyResponseRecorded",
  z.object({
    quarter: z.string(),
    customer,
    scores,
    comment: z.string().optional(),
    recordedBy: Signature,
  }),
);
/** Q1: the quarter's forum guests (20–30). */
export const ForumGuestsInvited = defineEvent(
  "ForumGuestsInvited",
  z.object({
    quarter: z.string(),
    forumDay: z.string(),
    guests: z.array(customer),
    questionnaire: Questionnaire,
    invitedBy: Signature,
  }),
);
/** Q1: a forum guest's scores and what they said. */
export const ForumFeedbackRecorded = defineEvent(
  "ForumFeedbackRecorded",
  z.object({
    quarter: z.string(),
    customer,
    scores,
    notes: z.string().optional(),
    recordedBy: Signature,
  }),
);

export type SurveySampleDrawn = MessageOf<typeof SurveySampleDrawn>;
export type SurveyResponseRecorded = MessageOf<typeof SurveyResponseRecorded>;
export type ForumGuestsInvited = MessageOf<typeof ForumGuestsInvited>;
export type ForumFeedbackRecorded = MessageOf<typeof ForumFeedbackRecorded>;
export type SurveyEvent =
  | SurveySampleDrawn
  | SurveyResponseRecorded
  | ForumGuestsInvited
  | ForumFeedbackRecorded;

export const surveyEvents = [
  SurveySampleDrawn,
  SurveyResponseRecorded,
  ForumGuestsInvited,
  ForumFeedbackRecorded,
];
