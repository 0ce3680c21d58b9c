/** The call-centre example runs: orders close only after their callback, and the report counts each agent. */
import { expect, it } from "vitest";
import { runExample } from "../support/run-example.js";

it("W1 C14 examples/call-centre-shift.ts runs: a repair and an emergency repair closed after their callbacks, a complaint escalated, the daily report", async () => {
  const { code, stdout, stderr } = await runExample("call-centre-shift.ts");
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain(
    "refused, Unauthorized: W1: role callAgent may not issue RaiseEmergencyRepair",
  );
  expect(stdout).toContain(
    'SMS to eng-duty, cc-supervisor, garden-road-office: "Emergency repair em-1123-01',
  );
  expect(stdout).toContain(
    "15:40  refused, RuleViolation: W1: work order wo-1123-01 closes only after a callback",
  );
  expect(stdout).toContain("1 callback made, none confirmed it");
  expect(stdout).toContain("open work orders: 0");
  expect(stdout).toMatch(/agent-li +0 +1 +1 +0\n/);
  expect(stdout).toMatch(/lead-zhao +0 +1 +0 +0\n/);
  expect(stdout).toMatch(/agent-ma +0 +0 +2 +1\n/);
}, 90_000);
