/** The complaint example runs, and prints what is due when the text says it is. */
import { expect, it } from "vitest";
import { runExample } from "../support/run-example.js";

it("C9 C7 C8 examples/complaint-escalation.ts runs: a late callback, the follow-up list, the escalation and the report", async () => {
  const { code, stdout, stderr } = await runExample("complaint-escalation.ts");
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain("C9 k-1123-01: due 23/11/2026, 21:00:00, 30 min late");
  expect(stdout).toContain("C7 k-1123-01: due 24/11/2026, 00:00:00, 600 min late");
  expect(stdout).toContain("escalated:  yes, to the store manager");
  expect(stdout).toContain("closed:     24/11/2026, 10:00:00");
}, 90_000);
