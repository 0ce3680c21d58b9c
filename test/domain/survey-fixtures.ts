/**
 * Fixtures of the Survey specs: actors, a questionnaire, populations of customers, and the
 * events of a quarter's survey and forum.
 */
import {
  type Actor,
  type CustomerRef,
  DrawSurveySample,
  ForumGuestsInvited,
  replay,
  type SurveyEvent,
  SurveySampleDrawn,
  surveyDecider,
} from "svcops";
import { SPEC_SITE, specContext } from "svcops/testing";
import { SITE } from "./fixtures.js";

export const QUARTER = "2026-Q4";
export const specCs: Actor = { id: "cs-1", role: "csManager", sites: [SPEC_SITE] };
export const specDesk: Actor = { id: "desk-1", role: "frontDesk", sites: [SPEC_SITE] };
export const cs: Actor = { id: "cs-1", role: "csManager", sites: [SITE] };
export const desk: Actor = { id: "desk-1", role: "frontDesk", sites: [SITE] };

/** Two questions on the default 1–5 scale. */
export const questionnaire = {
  questions: [
    { questionId: "clean", text: "How clean were the changing rooms?" },
    { questionId: "staff", text: "How helpful was the front desk?" },
  ],
};

/** `members` members M-1… and `visitors` visitors g-1…. */
export function population(members: number, visitors = 0): CustomerRef[] {
  return [
    ...Array.from({ length: members }, (_, i) => ({ kind: "member" as const, id: `M-${i + 1}` })),
    ...Array.from({ length: visitors }, (_, i) => ({ kind: "visitor" as const, id: `g-${i + 1}` })),
  ];
}

/** The SurveySampleDrawn a draw of `people` with `seed` records (decided at the spec's NOW). */
export function drawn(people: CustomerRef[], seed = 2026): SurveyEvent {
  const command = DrawSurveySample({ quarter: QUARTER, seed, questionnaire, population: people });
  const [event] = surveyDecider.decide(
    command,
    surveyDecider.initialState,
    specContext({ actor: specCs }),
  );
  return SurveySampleDrawn((event as SurveySampleDrawn).data);
}

/** A forum of `n` guests (M-1…) on 2026-12-12. */
export function invited(n = 25): SurveyEvent {
  return ForumGuestsInvited({
    quarter: QUARTER,
    forumDay: "2026-12-12",
    guests: population(n),
    questionnaire: {
      scale: { min: 1, max: 10 },
      questions: [{ questionId: "overall", text: "Overall?" }],
    },
    invitedBy: { staffId: "cs-1", role: "csManager", at: "2026-11-22T02:00:00.000Z" },
  });
}
export const stateAfter = (history: readonly SurveyEvent[]) => replay(surveyDecider, history);
