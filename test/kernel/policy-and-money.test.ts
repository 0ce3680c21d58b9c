import { createPolicy, defineSite, fen, fenSchema, formatFen, ValidationError } from "svcops";
import { describe, expect, it } from "vitest";

describe("Policy", () => {
  it("has the defaults of docs/rules.md", () => {
    const policy = createPolicy();
    expect(policy).toMatchObject({
      consultantArrivalLimit: 2 * 60_000,
      maxPagesPerConsultant: 2,
      answerWithinRings: 3,
      callTargetDuration: 3 * 60_000,
      holdLimit: 30_000,
      callbackWithin: 2 * 3_600_000,
      umbrellaDeposit: 5000,
      freeLoanPeriod: 24 * 3_600_000,
      lateFeePerDay: 1000,
      staffPerPoint: 2,
      monthlyHourCap: 174,
      workingDay: { start: "09:00", end: "22:00", countedHours: 11 },
      lunchWindow: { start: "11:30", end: "13:30", minutes: 60 },
      dinnerWindow: { start: "17:00", end: "19:00", minutes: 60 },
      arriveBeforeOpening: 10 * 60_000,
      broadcastLeadTime: 24 * 3_600_000,
      endReminder: 15 * 60_000,
    });
  });

  it("takes a site's overrides and keeps the other defaults", () => {
    const site = defineSite({
      id: "club-1",
      policy: { consultantArrivalLimit: 180_000, keyTagReplacementFee: 2000 },
    });
    expect(site.policy.consultantArrivalLimit).toBe(180_000);
    expect(site.policy.keyTagReplacementFee).toBe(2000);
    expect(site.policy.maxPagesPerConsultant).toBe(2);
  });

  it("rejects a bad value with a ValidationError naming the field", () => {
    try {
      createPolicy({ umbrellaDeposit: 50.5 as never });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe("policy.umbrellaDeposit");
    }
    expect(() => defineSite({ id: "club 1" })).toThrow(/site.id/);
  });
});

describe("Money", () => {
  it("is integer fen, never a float or negative", () => {
    expect(fenSchema.parse(1500)).toBe(1500);
    expect(fenSchema.safeParse(15.5).success).toBe(false);
    expect(fenSchema.safeParse(-1).success).toBe(false);
    expect(() => fen(0.1)).toThrow(RangeError);
    expect(formatFen(fen(5000))).toBe("¥50.00");
    expect(formatFen(1505)).toBe("¥15.05");
  });
});
