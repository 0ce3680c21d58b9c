import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import { actorSignature } from "../shared/signature.js";
import type {
  DrawSurveySample,
  InviteForumGuests,
  RecordForumFeedback,
  RecordSurveyResponse,
  SurveyCommand,
} from "./commands.js";
import { type CustomerRef, customerKey } from "./customer.js";
import type { SurveyEvent } from "./events.js";
import { quarterOf } from "./quarter.js";
import type { Questionnaire, Scores } from "./questionnaire.js";
import { drawSample, SURVEY_SAMPLE_SIZE } from "./sample.js";
import type { SurveyRound, SurveyState } from "./state.js";

/**
 * Q1: the fewest and the most customers invited to a quarter's forum.
 *
 * @example
 * ```ts
 * topCustomers(view, "2026-Q4", FORUM_GUESTS.max);
 * ```
 */
export const FORUM_GUESTS = { min: 20, max: 30 } as const;

/**
 * Decides a satisfaction command (Q1): the quarter's sample of 300 (or everyone, when fewer),
 * the forum of 20–30, and the answers of those asked, each once.
 *
 * @example
 * ```ts
 * decideSurvey(DrawSurveySample({ quarter: "2026-Q4", seed: 7, questionnaire, population }), state, ctx);
 * ```
 */
export function decideSurvey(
  command: SurveyCommand,
  state: SurveyState,
  context: DecideContext,
): SurveyEvent[] {
  switch (command.type) {
    case "DrawSurveySample":
      return draw(command, state, context);
    case "RecordSurveyResponse":
      return respond(command, state, context);
    case "InviteForumGuests":
      return invite(command, state, context);
    case "RecordForumFeedback":
      return feedback(command, state, context);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown survey command ${JSON.stringify(unknown)}`);
    }
  }
}

const signer = actorSignature;

/** A quarter's survey or forum is held in or after the quarter, never before it starts. */
function begun(quarter: string, context: DecideContext, what: string): void {
  const today = quarterOf(context.calendar.businessDayOf(context.now));
  if (today < quarter) {
    throw new RuleViolation(
      "Q1",
      `${what} of ${quarter} is held from that quarter on; it is ${today}.`,
    );
  }
}

function draw(
  command: DrawSurveySample,
  state: SurveyState,
  context: DecideContext,
): SurveyEvent[] {
  const { quarter, seed, questionnaire, population } = command.data;
  if (state.survey) {
    throw new RuleViolation(
      "Q1",
      `the survey of ${quarter} is already drawn; one survey a quarter.`,
    );
  }
  begun(quarter, context, "the survey");
  const sample = drawSample(population, seed, SURVEY_SAMPLE_SIZE);
  return [
    {
      type: "SurveySampleDrawn",
      data: {
        quarter,
        seed,
        questionnaire,
        populationSize: population.length,
        sample,
        wholePopulation: population.length <= SURVEY_SAMPLE_SIZE,
        drawnBy: signer(context),
      },
    },
  ];
}

function invite(
  command: InviteForumGuests,
  state: SurveyState,
  context: DecideContext,
): SurveyEvent[] {
  const { quarter, forumDay, guests, questionnaire } = command.data;
  if (state.forum) {
    throw new RuleViolation(
      "Q1",
      `the forum of ${quarter} is already arranged; one forum a quarter.`,
    );
  }
  begun(quarter, context, "the forum");
  if (guests.length < FORUM_GUESTS.min || guests.length > FORUM_GUESTS.max) {
    throw new RuleViolation(
      "Q1",
      `a quarter's forum invites ${FORUM_GUESTS.min} to ${FORUM_GUESTS.max} of the best customers, not ${guests.length}.`,
    );
  }
  if (quarterOf(forumDay) !== quarter) {
    throw new RuleViolation(
      "Q1",
      `the forum of ${quarter} is held in that quarter, not on ${forumDay}.`,
    );
  }
  return [
    {
      type: "ForumGuestsInvited",
      data: {
        quarter,
        forumDay,
        guests: guests.map(({ kind, id }) => ({ kind, id })),
        questionnaire,
        invitedBy: signer(context),
      },
    },
  ];
}

function respond(
  command: RecordSurveyResponse,
  state: SurveyState,
  context: DecideContext,
): SurveyEvent[] {
  const { quarter, customer, scores, comment } = command.data;
  checkAnswers(state.survey, "the survey", quarter, customer, scores, "not in the sample");
  return [
    {
      type: "SurveyResponseRecorded",
      data: {
        quarter,
        customer: { kind: customer.kind, id: customer.id },
        scores: scores.map(({ questionId, score }) => ({ questionId, score })),
        ...(comment === undefined ? {} : { comment }),
        recordedBy: signer(context),
      },
    },
  ];
}

function feedback(
  command: RecordForumFeedback,
  state: SurveyState,
  context: DecideContext,
): SurveyEvent[] {
  const { quarter, customer, scores, notes } = command.data;
  checkAnswers(state.forum, "the forum", quarter, customer, scores, "not a guest");
  return [
    {
      type: "ForumFeedbackRecorded",
      data: {
        quarter,
        customer: { kind: customer.kind, id: customer.id },
        scores: scores.map(({ questionId, score }) => ({ questionId, score })),
        ...(notes === undefined ? {} : { notes }),
        recordedBy: signer(context),
      },
    },
  ];
}

/** Answers count only from someone asked, once, on the round's questions and scale. */
function checkAnswers(
  round: SurveyRound | undefined,
  what: string,
  quarter: string,
  customer: CustomerRef,
  scores: Scores,
  notAsked: string,
): void {
  if (!round) throw new RuleViolation("Q1", `${what} of ${quarter} has not been arranged yet.`);
  const key = customerKey(customer);
  if (!round.asked.includes(key)) {
    throw new RuleViolation("Q1", `customer ${key} is ${notAsked} of ${what} of ${quarter}.`);
  }
  if (round.answered.includes(key)) {
    throw new RuleViolation(
      "Q1",
      `the answers of customer ${key} to ${what} of ${quarter} are already recorded.`,
    );
  }
  const wrong = wrongScores(round.questionnaire, scores);
  if (wrong.length > 0) throw new RuleViolation("Q1", `${wrong.join("; ")}.`);
}

/** Every score that names no question of the questionnaire or lies off its scale. */
function wrongScores(questionnaire: Questionnaire, scores: Scores): string[] {
  const { min, max } = questionnaire.scale;
  const asked = new Set(questionnaire.questions.map((q) => q.questionId));
  return scores.flatMap(({ questionId, score }) => {
    if (!asked.has(questionId)) return [`${questionId} is not a question of this questionnaire`];
    if (score < min || score > max)
      return [`${questionId} is scored ${score}, off the scale ${min}–${max}`];
    return [];
  });
}
