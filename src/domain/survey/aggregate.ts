import { defineAggregate, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { type SurveyCommand, surveyCommands } from "./commands.js";
import { decideSurvey } from "./decide.js";
import { type SurveyEvent, surveyEvents } from "./events.js";
import { evolveSurvey } from "./evolve.js";
import { initialSurveyState, type SurveyState } from "./state.js";

/**
 * A quarter's satisfaction programme as a decider (Q1): the survey's sample and answers, the
 * forum's guests and feedback.
 *
 * @example
 * ```ts
 * const quarter = replay(surveyDecider, events);
 * ```
 */
export const surveyDecider: Decider<SurveyCommand, SurveyEvent, SurveyState> = {
  initialState: initialSurveyState,
  decide: decideSurvey,
  evolve: evolveSurvey,
};

/**
 * One stream per site and quarter, `<siteId>/survey/<YYYY-Qn>`.
 *
 * @example
 * ```ts
 * await ops.execute(RecordSurveyResponse({ quarter: "2026-Q4", customer, scores }), { actor: desk });
 * ```
 */
export const surveyAggregate = defineAggregate({
  name: "survey",
  version: 1,
  decider: surveyDecider,
  commands: surveyCommands,
  events: surveyEvents,
  streamId: (command, scope) => surveyStream(scope.siteId, command.data.quarter),
});

/**
 * A quarter's survey stream id.
 *
 * @example
 * ```ts
 * surveyStream("club-1", "2026-Q4"); // "club-1/survey/2026-Q4"
 * ```
 */
export function surveyStream(siteId: string, quarter: string): string {
  return streamName(siteId, "survey", quarter);
}
