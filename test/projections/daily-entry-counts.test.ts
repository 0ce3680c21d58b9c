/**
 * The handover book's entry counts (docs/rules.md V5): every check-in and every registered visitor,
 * by category (member, trial, visitor, coach) and gender, per business day.
 */
import { CheckInMember, dailyEntryCounts, RegisterVisitor, totalEntries } from "svcops";
import { projectionSpec } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { checkedIn, DAY, desk, minutes, openDesk, registered } from "../domain/fixtures.js";

describe("Daily entry counts", () => {
  it("V5 counts each check-in by category and gender", () => {
    projectionSpec(dailyEntryCounts)
      .given([
        checkedIn({ visitId: "v-1", gender: "female" }),
        checkedIn({ visitId: "v-2", gender: "female" }),
        checkedIn({ visitId: "v-3", gender: "male" }),
        checkedIn({ visitId: "v-4", category: "trial", gender: "male" }),
        checkedIn({ visitId: "v-5", category: "coach", gender: "female" }),
      ])
      .then(
        new Map([
          [
            DAY,
            {
              member: { female: 2, male: 1 },
              trial: { female: 0, male: 1 },
              visitor: { female: 0, male: 0 },
              coach: { female: 1, male: 0 },
            },
          ],
        ]),
      );
  });

  it("V5 counts registered visitors as visitors, by gender", () => {
    projectionSpec(dailyEntryCounts)
      .given([
        registered({ visitorId: "g-1", gender: "male" }),
        registered({ visitorId: "g-2", gender: "female" }),
        registered({ visitorId: "g-3", gender: "female" }),
      ])
      .then((view) => {
        expect(view.get(DAY)?.visitor).toEqual({ female: 2, male: 1 });
        expect(totalEntries(view.get(DAY) ?? unreachable())).toBe(3);
      });
  });

  it("V5 keeps each business day apart", () => {
    projectionSpec(dailyEntryCounts)
      .given([
        checkedIn({ visitId: "v-1", businessDay: "2026-11-22" }),
        checkedIn({ visitId: "v-2", businessDay: "2026-11-23" }),
        checkedIn({ visitId: "v-3", businessDay: "2026-11-23", gender: "male" }),
      ])
      .then((view) => {
        expect([...view.keys()]).toEqual(["2026-11-22", "2026-11-23"]);
        expect(view.get("2026-11-22")?.member).toEqual({ female: 1, male: 0 });
        expect(view.get("2026-11-23")?.member).toEqual({ female: 1, male: 1 });
      });
  });

  it("V5 has no entry for a day nobody came", () => {
    projectionSpec(dailyEntryCounts)
      .given([])
      .then((view) => expect(view.size).toBe(0));
  });

  it("V5 counts entries through the façade, including those after midnight on the next day", async () => {
    const { ops, clock } = await openDesk();
    const checkIn = (visitId: string, keyTag: string, extra: object) =>
      ops.execute(
        CheckInMember({ visitId, memberCard: `M-${visitId}`, keyTag, gender: "female", ...extra }),
        { actor: desk },
      );
    await checkIn("v-1", "1", {});
    await checkIn("v-2", "2", { gender: "male" });
    await checkIn("v-3", "3", { category: "trial" });
    await checkIn("v-4", "4", { category: "coach", gender: "male" });
    await ops.execute(
      RegisterVisitor({
        visitorId: "g-1",
        name: "Li Wei",
        phone: "13800000000",
        gender: "male",
        firstVisit: true,
      }),
      { actor: desk },
    );
    // A refused check-in (tag 1 is out) is not an entry.
    await expect(checkIn("v-5", "1", {})).rejects.toMatchObject({ rule: "V2" });
    // 16 h later it is 02:00 the next day in Shanghai.
    clock.advance(minutes(16 * 60));
    await checkIn("v-6", "5", {});

    const counts = await ops.read(dailyEntryCounts);
    expect(counts.get(DAY)).toEqual({
      member: { female: 1, male: 1 },
      trial: { female: 1, male: 0 },
      visitor: { female: 0, male: 1 },
      coach: { female: 0, male: 1 },
    });
    expect(totalEntries(counts.get(DAY) ?? unreachable())).toBe(5);
    expect(counts.get("2026-11-23")?.member).toEqual({ female: 1, male: 0 });
  });
});

function unreachable(): never {
  throw new Error("expected counts for the day");
}
