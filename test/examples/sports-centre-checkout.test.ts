/** The sports-centre example runs: the bill settled against the deposit, and D5's signers. */
import { expect, it } from "vitest";
import { runExample } from "../support/run-example.js";

it("D4 D5 D6 D7 examples/sports-centre-checkout.ts runs: equipment checked back, the shortfall collected, only named signers", async () => {
  const { code, stdout, stderr } = await runExample("sports-centre-checkout.ts");
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain('refused, "D6: venue use court-3-1123-19: venue staff check back');
  expect(stdout).toContain(
    "bill ¥339.00 against the ¥200.00 deposit: refunded ¥0.00, collected ¥139.00",
  );
  expect(stdout).toContain("D7: deposit + collected = fees + refunded: holds");
  expect(stdout).toContain('refused, "D5: ID-9999 is not authorised to sign');
  expect(stdout).toContain("on the account: ¥1200.00");
}, 90_000);
