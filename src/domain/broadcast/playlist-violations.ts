import { RuleViolation } from "../../kernel/errors.js";
import type { PlaylistViolation } from "./playlist-check.js";

/**
 * B1: a playlist plan was refused, with every way it breaks the rule in `violations` (each with
 * its rule part and the index of the item). A `RuleViolation` like any other: `code` is
 * `"rule_violation"`, `rule` is `"B1"`, and `instanceof RuleViolation` holds.
 *
 * @example
 * ```ts
 * try {
 *   await ops.execute(PlanPlaylist(plan), { actor });
 * } catch (error) {
 *   if (error instanceof PlaylistViolations) for (const v of error.violations) console.log(v.index, v.part);
 * }
 * ```
 */
export class PlaylistViolations extends RuleViolation {
  /** Every violation found, in the order of the plan's items. */
  readonly violations: readonly PlaylistViolation[];

  constructor(planId: string, violations: readonly PlaylistViolation[]) {
    const count = violations.length === 1 ? "1 violation" : `${violations.length} violations`;
    super(
      "B1",
      `playlist plan ${planId} is refused, ${count}: ${violations.map((v) => v.message).join(" ")}`,
    );
    this.violations = violations.map((v) => ({ ...v }));
  }
}
