/**
 * The injury example (examples/injury-incident.ts) runs to the closed case and prints the
 * written report, the same way every run: it cannot rot unnoticed.
 */
import { describe, expect, it } from "vitest";
import { runExample } from "../support/run-example.js";

/** Runs the example with tsx, as `npx tsx examples/injury-incident.ts` does. */
const example = () => runExample("injury-incident.ts");

describe("the injury example (examples/injury-incident.ts)", () => {
  it("plays the case from the report to the close and prints the written report", async () => {
    const [first, second] = await Promise.all([example(), example()]);
    if (!first || !second) throw new Error("two runs expected");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const out = first.stdout;
    // The refusals the example shows, one per rule it means to show.
    expect(out).toContain('refused: "I1: the CS manager and the coach on duty are told first;');
    expect(out).toContain('refused: "I2: role frontDesk may not issue RecordFirstAid');
    expect(out).toContain('refused: "I6: compensation terms for incident inc-1123-01');
    expect(out).toContain(
      "still missing: the written report's handling opinion, compensation request (I7).",
    );
    expect(out).toContain("open incidents now: 0");
    // The written report, every field of I7.
    expect(out).toContain("Incident report inc-1123-01 (closed by cs-zhang)");
    for (const row of [
      "| card number          | M-20817",
      "| name                 | Chen Jing",
      "| gender               | female",
      "| age                  | 34",
      "| what happened        | ran on the wet tiles",
      "| injury degree        | cut on the right knee, three stitches",
      "| examination costs    | ¥486.00",
      "| handling opinion     | shared responsibility;",
      "| compensation request | ¥486.00: the hospital bill",
    ]) {
      expect(out).toContain(row);
    }
    // Deterministic: a manual clock, no randomness.
    expect(second.stdout).toBe(out);
  }, 120_000);
});
