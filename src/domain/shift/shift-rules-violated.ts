import { RuleViolation } from "../../kernel/errors.js";
import type { RuleId } from "../../kernel/rule-ids.js";

/**
 * One broken rule found in a roster or a break plan: which rule, which day, which service point
 * (when it is about a point), who (the people concerned, sorted), and, for a point left empty
 * during breaks, the gap as local wall-clock times.
 *
 * @example
 * ```ts
 * const violation: ShiftViolation = {
 *   rule: "S2",
 *   day: "2026-12-31",
 *   pointId: null,
 *   staffIds: ["a1"],
 *   gap: null,
 *   message: "a1 is rostered 16 days = 176 h in 2026-12, over the 174 h cap from 2026-12-31",
 * };
 * ```
 */
export interface ShiftViolation {
  readonly rule: RuleId;
  /** The business day (YYYY-MM-DD, site zone). For S2, the day the cap is passed. */
  readonly day: string;
  readonly pointId: string | null;
  readonly staffIds: readonly string[];
  /** S3: the time a point is left empty, local `HH:mm`, from inclusive, to exclusive. */
  readonly gap: { readonly from: string; readonly to: string } | null;
  /** A sentence a manager understands, naming the people, the day and the numbers. */
  readonly message: string;
}

/**
 * A roster or a break plan was refused because it breaks one or more Shift rules (S1–S3). Unlike
 * a plain `RuleViolation`, which names the first rule a command breaks, this one lists **every**
 * violation found, in a stable order (by day, rule, point, people), so that the CS manager fixes
 * them all in one go. It is a `RuleViolation` (`code` `"rule_violation"`): `rule` is the lowest
 * rule id broken, `rules` every id broken, `violations` the list.
 *
 * @example
 * ```ts
 * try {
 *   await ops.execute(PublishRoster({ month: "2026-12" }), { actor: csManager });
 * } catch (error) {
 *   if (error instanceof ShiftRulesViolated) {
 *     for (const v of error.violations) console.log(v.rule, v.day, v.staffIds.join(", "), v.message);
 *   }
 * }
 * ```
 */
export class ShiftRulesViolated extends RuleViolation {
  /** Every violation found, sorted by day, rule, point and people. */
  readonly violations: readonly ShiftViolation[];
  /** The distinct rule ids broken, in catalogue order. */
  readonly rules: readonly RuleId[];

  /** `subject` names what was refused: "the roster of 2026-12", "the break plan of 2026-12-01". */
  constructor(subject: string, violations: readonly ShiftViolation[]) {
    if (violations.length === 0) throw new RangeError("ShiftRulesViolated needs a violation");
    const rules = [...new Set(violations.map((v) => v.rule))].sort(compareRuleIds);
    const count = violations.length === 1 ? "1 violation" : `${violations.length} violations`;
    super(
      rules[0] as RuleId,
      `${subject} is refused, ${count}: ${violations.map((v) => `${v.message} (${v.rule})`).join("; ")}.`,
    );
    this.violations = violations;
    this.rules = rules;
  }
}

/** "S2" before "S10": by letter, then by number. */
function compareRuleIds(a: string, b: string): number {
  const [, la = "", na = "0"] = /^([A-Z]+)(\d+)$/.exec(a) ?? [];
  const [, lb = "", nb = "0"] = /^([A-Z]+)(\d+)$/.exec(b) ?? [];
  return la === lb ? Number(na) - Number(nb) : la < lb ? -1 : 1;
}

/**
 * Sorts violations into the order `ShiftRulesViolated` lists them: by day, rule, point, people,
 * then message. The order of the input (of people, points or shifts) never shows.
 *
 * @example
 * ```ts
 * const sorted = sortViolations(found);
 * ```
 */
export function sortViolations(violations: readonly ShiftViolation[]): ShiftViolation[] {
  const key = (v: ShiftViolation) =>
    [v.day, v.rule.padStart(4, " "), v.pointId ?? "", v.staffIds.join(","), v.message].join(
      "\u0000",
    );
  return [...violations].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
