/** The mall service centre's month runs: the roster, the hours against 174 and a break plan (S1–S4). */
import { expect, it } from "vitest";
import { runExample } from "../support/run-example.js";

it("S1 S2 S3 S4 examples/mall-service-centre-month.ts runs: 31 days refused for four people at 176 h, published after the manager covers, hours within 174, a staggered break plan", async () => {
  const { code, stdout, stderr } = await runExample("mall-service-centre-month.ts");
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain("Publishing the seeds' arrangement is refused (4 violations):");
  expect(stdout.match(/^S2 {4}2026-10-31 {2}\S+ +\S+ is rostered 16 days = 176 h/gm)).toHaveLength(
    4,
  );
  expect(stdout).toContain("After the manager covers 25, 27, 29, 31: published.");
  expect(stdout.match(/ {2}15 {4}165 {4}9 h left/g)).toHaveLength(8);
  expect(stdout).toMatch(/he-ping +CS manager +4 +44 +130 h left/);
  expect(stdout.match(/yes, holiday pay/g)).toHaveLength(7);
  expect(stdout).toContain(
    "Break plan refused (S3): member-4F is left empty 12:00–12:30 on 2026-10-08: liu-yang and zhang-min are both on a break",
  );
  expect(stdout).toMatch(/liu-yang +member-4F +12:30–13:30 +18:00–19:00/);
  const again = await runExample("mall-service-centre-month.ts");
  expect(again.stdout).toBe(stdout);
}, 90_000);
