import { produce } from "immer";
import { customerKey } from "./customer.js";
import type { SurveyEvent } from "./events.js";
import type { SurveyState } from "./state.js";

/**
 * Folds a survey event into the quarter's state, with immer's `produce`.
 *
 * @example
 * ```ts
 * const state = events.reduce(evolveSurvey, initialSurveyState);
 * ```
 */
export function evolveSurvey(state: SurveyState, event: SurveyEvent): SurveyState {
  return produce(state, (draft) => {
    switch (event.type) {
      case "SurveySampleDrawn":
        draft.survey = {
          questionnaire: event.data.questionnaire,
          asked: event.data.sample.map(customerKey),
          answered: [],
        };
        return;
      case "SurveyResponseRecorded":
        draft.survey?.answered.push(customerKey(event.data.customer));
        return;
      case "ForumGuestsInvited":
        draft.forum = {
          forumDay: event.data.forumDay,
          questionnaire: event.data.questionnaire,
          asked: event.data.guests.map(customerKey),
          answered: [],
        };
        return;
      case "ForumFeedbackRecorded":
        draft.forum?.answered.push(customerKey(event.data.customer));
        return;
      default: {
        const unknown: never = event;
        throw new Error(`Unknown survey event ${JSON.stringify(unknown)}`);
      }
    }
  });
}
