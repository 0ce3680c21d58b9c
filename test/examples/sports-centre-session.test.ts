/** The sports-centre session example runs: booking, rentals, the reminder, reconciliation, settlement, a correction. */
import { expect, it } from "vitest";
import { runExample } from "../support/run-example.js";

it("G1 D4 D6 D7 examples/sports-centre-session.ts runs: reminded 15 min before the end, reconciled before the cashier, settled, corrected with a trail", async () => {
  const { code, stdout, stderr } = await runExample("sports-centre-session.ts");
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain(
    "20:45  reminder (workflow): badminton court 5, Chen Jie, booked until 21:00",
  );
  expect(stdout).toContain("2 h 10 min = 5 started half hours, venue fee ¥200.00");
  expect(stdout).toContain(
    'before the desk has checked the bill: refused, "G1: session court-5-1123-19: the desk reconciles the bill',
  );
  expect(stdout).toContain("the slips total ¥335.00 but the bill on record is ¥351.00");
  expect(stdout).toContain(
    "bill: venue ¥200.00 + rentals ¥75.00 + drinks ¥16.00 + damage ¥60.00 = ¥351.00",
  );
  expect(stdout).toContain("¥351.00 against the ¥300.00 deposit: refunded ¥0.00, collected ¥51.00");
  expect(stdout).toContain('the cashier tries to change the settled bill: refused, "G1:');
  expect(stdout).toContain("¥351.00 → ¥291.00, ¥60.00 refunded to the card");
  expect(stdout).toContain("D7: deposit + collected = fees + refunded: holds");
  expect(stdout).toContain(
    "the settlement stays on record: settled at ¥351.00, 1 correction after it",
  );
}, 90_000);
