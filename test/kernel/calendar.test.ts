import { createCalendar, ValidationError } from "svcops";
import { describe, expect, it } from "vitest";

const HOUR = 3_600_000;
const shanghai = createCalendar({
  timeZone: "Asia/Shanghai",
  holidays: ["2026-10-01"],
  closedDays: ["2026-11-25"],
});

describe("SiteCalendar", () => {
  it("gives the business day in the site's zone, not UTC", () => {
    expect(shanghai.businessDayOf(new Date("2026-11-22T15:59:59Z"))).toBe("2026-11-22");
    expect(shanghai.businessDayOf(new Date("2026-11-22T16:00:00Z"))).toBe("2026-11-23");
    expect(shanghai.businessDayOf(new Date("2026-11-22T15:59:59Z"))).toBe("2026-11-22");
  });

  it("gives a day's bounds and local wall-clock instants", () => {
    const { start, end } = shanghai.dayBounds("2026-11-22");
    expect(start.toISOString()).toBe("2026-11-21T16:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-22T16:00:00.000Z");
    expect(shanghai.at("2026-11-22", "09:00").toISOString()).toBe("2026-11-22T01:00:00.000Z");
  });

  it("handles a zone with daylight saving (a 23-hour day)", () => {
    const newYork = createCalendar({ timeZone: "America/New_York" });
    const { start, end } = newYork.dayBounds("2026-03-08");
    expect(end.getTime() - start.getTime()).toBe(23 * HOUR);
  });

  it("knows opening hours, closed days, weekly overrides and holidays (S4)", () => {
    const calendar = createCalendar({
      weekly: { "0": { opens: "10:00", closes: "18:00" }, "1": null },
    });
    expect(calendar.openingHoursOf("2026-11-22")?.opens.toISOString()).toBe(
      "2026-11-22T02:00:00.000Z",
    );
    expect(calendar.openingHoursOf("2026-11-23")).toBeNull();
    expect(shanghai.openingHoursOf("2026-11-25")).toBeNull();
    expect(shanghai.isHoliday("2026-10-01")).toBe(true);
    expect(shanghai.isOpenAt(new Date("2026-11-22T02:00:00Z"))).toBe(true);
    expect(shanghai.isOpenAt(new Date("2026-11-22T15:00:00Z"))).toBe(false);
    // isOpenOn answers as openingHoursOf does, without building the instants (S1's roster check).
    for (const day of ["2026-11-22", "2026-11-23", "2026-11-24"]) {
      expect(calendar.isOpenOn(day)).toBe(calendar.openingHoursOf(day) !== null);
    }
    expect([shanghai.isOpenOn("2026-11-25"), shanghai.isOpenOn("2026-10-01")]).toEqual([
      false,
      true,
    ]);
  });

  it("computes deadlines in elapsed time and in opening hours with one algebra", () => {
    const at2130 = shanghai.at("2026-11-23", "21:30");
    expect(shanghai.due(at2130, { ms: 2 * HOUR, counting: "elapsed" }).toISOString()).toBe(
      "2026-11-23T15:30:00.000Z",
    );
    // 30 min left on the 23rd, the 25th is closed, so 1.5 h more on the 24th from 09:00.
    expect(shanghai.due(at2130, { ms: 2 * HOUR, counting: "openingHours" }).toISOString()).toBe(
      shanghai.at("2026-11-24", "10:30").toISOString(),
    );
    const at2130Tue = shanghai.at("2026-11-24", "21:30");
    expect(shanghai.due(at2130Tue, { ms: 2 * HOUR, counting: "openingHours" }).toISOString()).toBe(
      shanghai.at("2026-11-26", "10:30").toISOString(),
    );
    expect(shanghai.measure(at2130, shanghai.at("2026-11-24", "10:30"), "openingHours")).toBe(
      2 * HOUR,
    );
  });

  it("counts started periods beyond a free span (the D2 late-fee days)", () => {
    const out = new Date("2026-11-22T02:00:00Z");
    const free = { ms: 24 * HOUR, counting: "elapsed" as const };
    const day = { ms: 24 * HOUR, counting: "elapsed" as const };
    expect(shanghai.startedPeriodsBeyond(out, new Date(out.getTime() + 24 * HOUR), free, day)).toBe(
      0,
    );
    expect(
      shanghai.startedPeriodsBeyond(out, new Date(out.getTime() + 24 * HOUR + 1), free, day),
    ).toBe(1);
    expect(shanghai.startedPeriodsBeyond(out, new Date(out.getTime() + 49 * HOUR), free, day)).toBe(
      2,
    );
  });

  it("rejects a time zone that does not exist, naming the field", () => {
    let error: unknown;
    try {
      createCalendar({ timeZone: "Mars/Olympus" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe("calendar.timeZone");
    expect(() => createCalendar({ openingHours: { opens: "22:00", closes: "09:00" } })).toThrow(
      /opens must be before closes/,
    );
  });
});
