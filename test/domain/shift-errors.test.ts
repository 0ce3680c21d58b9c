/**
 * ShiftRulesViolated, the refusal of a roster or a break plan with every violation, keeps the
 * error contract of svcops: `code` "rule_violation", `instanceof RuleViolation` and `SvcOpsError`,
 * its own name, and `instanceof` across two copies of the package (here the source loaded a second
 * time in a fresh module registry, as test/kernel/errors.test.ts does).
 */
import {
  RuleViolation,
  ShiftRulesViolated,
  type ShiftViolation,
  SvcOpsError,
  ValidationError,
} from "svcops";
import { beforeAll, describe, expect, it, vi } from "vitest";

const violation: ShiftViolation = {
  rule: "S2",
  day: "2026-12-31",
  pointId: null,
  staffIds: ["c1"],
  gap: null,
  message: "c1 is rostered 16 days = 176 h in 2026-12, over the 174 h cap from 2026-12-31",
};

describe("ShiftRulesViolated", () => {
  let other: typeof import("svcops");
  beforeAll(async () => {
    vi.resetModules();
    other = await import("svcops");
    expect(other.ShiftRulesViolated).not.toBe(ShiftRulesViolated);
  });

  it("S2 is a RuleViolation carrying every violation, named after its class", () => {
    const error = new ShiftRulesViolated("the roster of 2026-12", [violation]);
    expect([error.name, error.code, error.rule, error.rules]).toEqual([
      "ShiftRulesViolated",
      "rule_violation",
      "S2",
      ["S2"],
    ]);
    expect(error.message).toBe(
      "S2: the roster of 2026-12 is refused, 1 violation: c1 is rostered 16 days = 176 h in 2026-12, over the 174 h cap from 2026-12-31 (S2).",
    );
    expect(String(error.stack).startsWith("ShiftRulesViolated: S2:")).toBe(true);
    expect(error instanceof RuleViolation && error instanceof SvcOpsError).toBe(true);
    expect(error instanceof ValidationError).toBe(false);
    expect(new RuleViolation("S2", "x") instanceof ShiftRulesViolated).toBe(false);
  });

  it("S2 is recognised across two copies of svcops, both ways", () => {
    const theirs = new other.ShiftRulesViolated("the roster of 2026-12", [violation]);
    expect(theirs instanceof ShiftRulesViolated).toBe(true);
    expect(theirs instanceof RuleViolation).toBe(true);
    expect(theirs instanceof ValidationError).toBe(false);
    const ours = new ShiftRulesViolated("the roster of 2026-12", [violation]);
    expect(ours instanceof other.ShiftRulesViolated && ours instanceof other.RuleViolation).toBe(
      true,
    );
    expect(new other.RuleViolation("S2", "x") instanceof ShiftRulesViolated).toBe(false);
    if (theirs instanceof ShiftRulesViolated) expect(theirs.violations).toEqual([violation]);
  });
});
