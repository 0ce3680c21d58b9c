/** The umbrella example runs, and every closed loan balances (D7). */
import { expect, it } from "vitest";
import { runExample } from "../support/run-example.js";

it("D1 D2 D3 D7 examples/mall-umbrella-desk.ts runs: cash only, a fee per started day, a loss, and a balanced ledger", async () => {
  const { code, stdout, stderr } = await runExample("mall-umbrella-desk.ts");
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain(
    'refused, "D1: an umbrella is lent against a cash deposit only, not card."',
  );
  expect(stdout).toContain("fee ¥10.00, refunded ¥40.00, collected ¥0.00");
  expect(stdout).toContain("fee ¥60.00, refunded ¥0.00, collected ¥10.00");
  expect(stdout).not.toContain("UNBALANCED");
  expect(stdout.match(/ {2}ok$/gm)?.length).toBe(4);
  expect(stdout).toContain("Open loans: 0");
}, 90_000);
