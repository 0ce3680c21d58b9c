import { DrawSurveySample } from "../domain/survey/commands.js";
import type { QuestionnaireInput } from "../domain/survey/questionnaire.js";
import type { CommandResult } from "../kernel/command-handler.js";
import type { Actor } from "../kernel/envelope.js";
import { quarterCustomers, surveyPopulation } from "../projections/quarter-customers.js";
import type { ServiceOps } from "../service-ops.js";

/**
 * Q1 as a workflow step: reads the quarter's distinct customers (`quarterCustomers`) and sends
 * `DrawSurveySample` with them as the population, so that the sample is drawn from what the site
 * recorded. A second draw of the same quarter is refused (Q1: one survey a quarter).
 *
 * @example
 * ```ts
 * const { events } = await drawQuarterlySurvey(ops, { quarter: "2026-Q4", seed: 2026, questionnaire, actor: csManager });
 * ```
 */
export async function drawQuarterlySurvey(
  ops: Pick<ServiceOps, "read" | "execute">,
  options: {
    readonly quarter: string;
    readonly seed: number;
    readonly questionnaire: QuestionnaireInput;
    readonly actor: Actor;
  },
): Promise<CommandResult> {
  const population = surveyPopulation(await ops.read(quarterCustomers), options.quarter);
  const command = DrawSurveySample({
    quarter: options.quarter,
    seed: options.seed,
    questionnaire: options.questionnaire,
    population,
  });
  return ops.execute(command, { actor: options.actor });
}
