import type { SurveyEvent } from "../domain/survey/events.js";
import type { Questionnaire } from "../domain/survey/questionnaire.js";
import { defineProjection } from "../kernel/projection.js";

/** One question's answers: how many, their sum, their mean, and how many gave each score. */
export interface QuestionResult {
  readonly questionId: string;
  readonly text: string;
  readonly answers: number;
  readonly total: number;
  /** `total / answers`, or undefined while nobody has answered. */
  readonly mean: number | undefined;
  /** Score → how many gave it, for every score of the scale. */
  readonly counts: Readonly<Record<number, number>>;
}

/** The results of a round (the survey or the forum). */
export interface RoundResults {
  readonly scale: { readonly min: number; readonly max: number };
  /** How many were asked (the sample, the guests). */
  readonly asked: number;
  readonly answered: number;
  readonly questions: readonly QuestionResult[];
  /** Comments (survey) or notes (forum), in the order recorded. */
  readonly remarks: readonly string[];
}

/** Q1: a quarter's satisfaction report. */
export interface SatisfactionReport {
  readonly quarter: string;
  readonly survey?: RoundResults & {
    readonly seed: number;
    readonly populationSize: number;
    /** The population was no larger than the sample: everyone was asked. */
    readonly wholePopulation: boolean;
  };
  readonly forum?: RoundResults & { readonly forumDay: string };
}

/**
 * Q1: a report per quarter: the survey (population, sample, who answered, each question's
 * answers, mean and score counts) and the forum (guests, who spoke, the same per question).
 *
 * @example
 * ```ts
 * const report = (await ops.read(satisfactionReports)).get("2026-Q4");
 * report?.survey?.questions[0]?.mean; // 4.2
 * ```
 */
export const satisfactionReports = defineProjection<
  ReadonlyMap<string, SatisfactionReport>,
  SurveyEvent
>({
  name: "satisfaction-reports",
  initialView: new Map(),
  fold(view, event) {
    const quarter = event.data.quarter;
    const report: SatisfactionReport = view.get(quarter) ?? { quarter };
    const next = (changed: SatisfactionReport) => new Map(view).set(quarter, changed);
    switch (event.type) {
      case "SurveySampleDrawn": {
        const { seed, populationSize, wholePopulation, questionnaire, sample } = event.data;
        return next({
          ...report,
          survey: { ...round(questionnaire, sample.length), seed, populationSize, wholePopulation },
        });
      }
      case "SurveyResponseRecorded":
        if (!report.survey) return view;
        return next({
          ...report,
          survey: {
            ...report.survey,
            ...answer(report.survey, event.data.scores, event.data.comment),
          },
        });
      case "ForumGuestsInvited": {
        const { questionnaire, guests, forumDay } = event.data;
        return next({ ...report, forum: { ...round(questionnaire, guests.length), forumDay } });
      }
      case "ForumFeedbackRecorded":
        if (!report.forum) return view;
        return next({
          ...report,
          forum: { ...report.forum, ...answer(report.forum, event.data.scores, event.data.notes) },
        });
      default:
        return view;
    }
  },
});

function round(questionnaire: Questionnaire, asked: number): RoundResults {
  const { min, max } = questionnaire.scale;
  const counts: Record<number, number> = {};
  for (let score = min; score <= max; score++) counts[score] = 0;
  return {
    scale: { min, max },
    asked,
    answered: 0,
    questions: questionnaire.questions.map(({ questionId, text }) => ({
      questionId,
      text,
      answers: 0,
      total: 0,
      mean: undefined,
      counts,
    })),
    remarks: [],
  };
}

function answer(
  results: RoundResults,
  scores: readonly { readonly questionId: string; readonly score: number }[],
  remark: string | undefined,
): RoundResults {
  const given = new Map(scores.map((s) => [s.questionId, s.score]));
  return {
    ...results,
    answered: results.answered + 1,
    questions: results.questions.map((question) => {
      const score = given.get(question.questionId);
      if (score === undefined) return question;
      const answers = question.answers + 1;
      const total = question.total + score;
      return {
        ...question,
        answers,
        total,
        mean: total / answers,
        counts: { ...question.counts, [score]: (question.counts[score] ?? 0) + 1 },
      };
    }),
    remarks: remark === undefined ? results.remarks : [...results.remarks, remark],
  };
}
