/** The phone desk and handover example runs: P1–P4 along a shift, and an S5 entry built from it. */
import { expect, it } from "vitest";
import { runExample } from "../support/run-example.js";

it("P1 P2 P3 P4 S5 examples/phone-desk-handover.ts runs: a late answer, one rotation for calls and visitors, a callback, a long hold, and the handover entry counted from the shift", async () => {
  const { code, stdout, stderr } = await runExample("phone-desk-handover.ts");
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain('refused, "P1: call t-1 rang 5 times, past 3');
  expect(stdout).toContain("t-1 inquiry from Wang Fang put through to c-wang");
  expect(stdout).toContain("walk-in Zhang Min handed to c-liu (the next in the same rotation)");
  expect(stdout).toContain("callback owed: Sun Li on 13900000003 (noConsultantFree)");
  expect(stdout).toContain("callbacks owed: 0");
  expect(stdout).toContain('refused, "P3: call t-3 was held 45 s');
  expect(stdout).toContain("3 answered, 1 late, 2 inquiries, 1 long hold, 1 over 3 min");
  expect(stdout).toContain('refused, "S5: desk-li wrote the early shift');
  expect(stdout).toContain("phone inquiries: 2");
  expect(stdout).toMatch(/annual\s+│ 1\s+│ '¥3880\.00'/);
  expect(stdout).toContain("signed: out desk-li, in desk-chen");
}, 90_000);
