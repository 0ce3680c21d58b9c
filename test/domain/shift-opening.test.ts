/**
 * The opening of a business day (S6, S7; seeds 營業前, 例會): staff on site `arriveBeforeOpening`
 * before the doors open, late arrivals recorded; the pre-shift meeting before the post; the desk
 * opens only once the opening checks are done and yesterday's message book is read.
 */
import {
  CompleteOpeningChecks,
  createMemoryStore,
  createServiceOps,
  HoldPreShiftMeeting,
  manualClock,
  OPENING_CHECKS,
  OpenBusinessDay,
  ReadMessageBook,
  RecordArrival,
  RuleViolation,
  shiftOpeningAggregate,
  shiftOpeningStream,
  TakePost,
  Unauthorized,
} from "svcops";
import { readAllFrom } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { at, DAY, desk, desk2, HOURS, lead, SITE } from "./day-close-fixtures.js";

function morning(time = "09:40") {
  const clock = manualClock(at(time));
  const store = createMemoryStore();
  const ops = createServiceOps({ site: { id: SITE, ...HOURS }, clock, store });
  const opening = async () =>
    (await ops.state(shiftOpeningAggregate, shiftOpeningStream(SITE, DAY))).state;
  const logged = async () => (await readAllFrom(store)).events.length;
  return { clock, ops, opening, logged };
}

describe("the opening (S6, S7)", () => {
  it("S7 records an arrival by 09:50 (10 min before the 10:00 opening) as on time and one at 09:57 as 7 minutes late", async () => {
    const { clock, ops } = morning("09:50");
    const onTime = await ops.execute(RecordArrival({ staffId: "desk-1" }), { actor: desk });
    expect(onTime.events[0]?.data).toMatchObject({
      late: false,
      minutesLate: 0,
      limit: at("09:50"),
    });
    clock.set(at("09:57"));
    const late = await ops.execute(RecordArrival({ staffId: "desk-2" }), { actor: desk2 });
    expect(late.events[0]?.data).toMatchObject({ staffId: "desk-2", late: true, minutesLate: 7 });
  });

  it("S7 follows the site's policy and calendar: a 30-minute rule and a later opening on Sundays", async () => {
    const clock = manualClock(at("10:35")); // 2026-12-06 is a Sunday
    const ops = createServiceOps({
      site: {
        id: SITE,
        ...HOURS,
        weekly: { "0": { opens: "11:00", closes: "22:00" } },
        policy: { arriveBeforeOpening: 30 * 60_000 },
      },
      clock,
    });
    const arrival = await ops.execute(RecordArrival({ staffId: "desk-1" }), { actor: desk });
    expect(arrival.events[0]?.data).toMatchObject({
      late: true,
      minutesLate: 5,
      limit: at("10:30"),
    });
  });

  it("S7 refuses an arrival recorded twice, and on a day the site is closed", async () => {
    const { ops } = morning();
    await ops.execute(RecordArrival({ staffId: "desk-1" }), { actor: desk });
    await expect(
      ops.execute(RecordArrival({ staffId: "desk-1" }), { actor: desk }),
    ).rejects.toThrow(/S7: desk-1 is already recorded on site/);
    const closed = createServiceOps({
      site: { id: SITE, ...HOURS, closedDays: [DAY] },
      clock: manualClock(at("09:40")),
    });
    await expect(
      closed.execute(RecordArrival({ staffId: "desk-1" }), { actor: desk }),
    ).rejects.toThrow(/S7: the site does not open on 2026-12-06/);
  });

  it("S6 refuses taking the post before the pre-shift meeting, and nothing is appended", async () => {
    const { ops, logged } = morning();
    await ops.execute(RecordArrival({ staffId: "desk-1" }), { actor: desk });
    const before = await logged();
    const refusal = ops.execute(TakePost({ staffId: "desk-1", post: "front desk" }), {
      actor: desk,
    });
    await expect(refusal).rejects.toThrow(RuleViolation);
    await expect(refusal).rejects.toThrow(/S6: desk-1 has not attended the pre-shift meeting/);
    expect(await logged()).toBe(before);
  });

  it("S6 accepts the post once the staff member attended the meeting", async () => {
    const { ops, opening } = morning();
    await ops.execute(RecordArrival({ staffId: "desk-1" }), { actor: desk });
    await ops.execute(RecordArrival({ staffId: "lead-1" }), { actor: lead });
    await ops.execute(
      HoldPreShiftMeeting({ attendees: ["desk-1", "lead-1"], topics: "yesterday's complaint" }),
      { actor: lead },
    );
    await ops.execute(TakePost({ staffId: "desk-1", post: "front desk" }), { actor: desk });
    expect((await opening()).posts).toEqual({ "desk-1": "front desk" });
  });

  it("S7 refuses a meeting attendee who is not on site, naming them", async () => {
    const { ops } = morning();
    await ops.execute(RecordArrival({ staffId: "desk-1" }), { actor: desk });
    await expect(
      ops.execute(HoldPreShiftMeeting({ attendees: ["desk-1", "desk-2"] }), { actor: lead }),
    ).rejects.toThrow(/S7: not recorded on site on 2026-12-06: desk-2/);
  });

  it("S6 a desk clerk records only their own arrival and post; the team lead may record anyone's", async () => {
    const { ops } = morning();
    await expect(
      ops.execute(RecordArrival({ staffId: "desk-2" }), { actor: desk }),
    ).rejects.toThrow(Unauthorized);
    await ops.execute(RecordArrival({ staffId: "desk-2" }), { actor: lead });
    await ops.execute(HoldPreShiftMeeting({ attendees: ["desk-2"] }), { actor: lead });
    await ops.execute(TakePost({ staffId: "desk-2", post: "front desk" }), { actor: lead });
  });

  it("S7 refuses to open until every opening check is done and yesterday's message book is read, naming what is missing", async () => {
    const { ops, opening } = morning();
    await ops.execute(CompleteOpeningChecks({ checks: ["cleanliness", "supplies"] }), {
      actor: desk,
    });
    await expect(ops.execute(OpenBusinessDay({}), { actor: lead })).rejects.toThrow(
      "S7: business day 2026-12-06 cannot open: opening checks not done: display, audioVisual, grooming; the previous day's message book is not read.",
    );
    await ops.execute(CompleteOpeningChecks({ checks: [...OPENING_CHECKS] }), { actor: desk });
    await expect(ops.execute(OpenBusinessDay({}), { actor: lead })).rejects.toThrow(
      /cannot open: the previous day's message book is not read/,
    );
    const read = await ops.execute(ReadMessageBook({ notes: "call back Mr Wang" }), {
      actor: desk,
    });
    expect(read.events[0]?.data).toMatchObject({ bookOf: "2026-12-05" });
    await ops.execute(OpenBusinessDay({}), { actor: lead });
    expect((await opening()).opened).toBe(true);
    await expect(ops.execute(OpenBusinessDay({}), { actor: lead })).rejects.toThrow(/already open/);
  });

  it("S7 the opening names the staff who arrived late", async () => {
    const { clock, ops } = morning("09:45");
    await ops.execute(RecordArrival({ staffId: "desk-1" }), { actor: desk });
    clock.set(at("09:58"));
    await ops.execute(RecordArrival({ staffId: "desk-2" }), { actor: desk2 });
    await ops.execute(CompleteOpeningChecks({ checks: [...OPENING_CHECKS] }), { actor: desk });
    await ops.execute(ReadMessageBook({}), { actor: desk });
    const opened = await ops.execute(OpenBusinessDay({}), { actor: lead });
    expect(opened.events[0]?.data).toMatchObject({ businessDay: DAY, lateArrivals: ["desk-2"] });
  });
});
