import type { Questionnaire } from "./questionnaire.js";

/** One round of questions (the survey or the forum): who is asked, who has answered. */
export interface SurveyRound {
  readonly questionnaire: Questionnaire;
  /** Customer keys (`customerKey`) of those asked. */
  readonly asked: readonly string[];
  /** Customer keys of those whose answers are recorded. */
  readonly answered: readonly string[];
}

/** A quarter's satisfaction stream: its survey (Q1) and its forum, once each drawn or invited. */
export interface SurveyState {
  readonly survey?: SurveyRound;
  readonly forum?: SurveyRound & { readonly forumDay: string };
}

export const initialSurveyState: SurveyState = {};
