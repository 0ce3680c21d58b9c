import {
  createMemoryStore,
  createServiceOps,
  EndVenueSession,
  manualClock,
  openLoans,
  venueRemindersDue,
  venueSessionReminders,
} from "svcops";
import { describe, expect, it } from "vitest";
import { CENTRE, cashier, centre, desk, start } from "../domain/venue-session-fixtures.js";

describe("Venue-session reminders (workflow)", () => {
  it("G1 reminds each session once, endReminder (15 min) before its booked end, and records it on the loan", async () => {
    const { ops, clock, advance } = centre();
    await ops.execute(start(), { actor: cashier }); // 19:00, booked to 21:00
    await ops.execute(start({ loanId: "g-2", venue: "tennis court 1", bookedMinutes: 60 }), {
      actor: cashier,
    }); // 19:00, booked to 20:00
    const reminders = venueSessionReminders(ops);

    advance(44); // 19:44
    expect((await reminders.tick({ now: clock.now(), actor: desk })).reminded).toEqual([]);

    advance(1); // 19:45: tennis court 1 is due
    const first = await reminders.tick({ now: clock.now(), actor: desk });
    expect(first.reminded.map((r) => [r.loanId, r.venue, r.customer, r.bookedEnd])).toEqual([
      ["g-2", "tennis court 1", "Huang Wei", "2026-11-23T12:00:00.000Z"],
    ]);
    expect(first.reminded[0]?.result.events.map((e) => e.type)).toEqual([
      "VenueSessionEndReminded",
    ]);
    expect((await reminders.tick({ now: clock.now(), actor: desk })).reminded).toEqual([]);
    expect((await ops.read(openLoans)).get("g-2")?.state.session?.remindedAt).toBe(
      "2026-11-23T11:45:00.000Z",
    );

    // Court 3 ends early at 20:30: no reminder is due for it at 20:45.
    advance(45);
    await ops.execute(EndVenueSession({ loanId: "g-1" }), { actor: desk });
    advance(15);
    expect(venueRemindersDue(await ops.read(openLoans), clock.now())).toEqual([]);
    const late = await reminders.tick({ now: clock.now(), actor: desk });
    expect(late).toEqual({ reminded: [], refused: [] });
  });

  it("G1 a tick that comes late still reminds the session, once", async () => {
    const { ops, clock, advance } = centre();
    await ops.execute(start(), { actor: cashier });
    const reminders = venueSessionReminders(ops);
    advance(118); // the desk's timer was off until 20:58
    const tick = await reminders.tick({ now: clock.now(), actor: desk });
    expect(tick.reminded.map((r) => [r.loanId, r.remindAt])).toEqual([
      ["g-1", "2026-11-23T12:45:00.000Z"],
    ]);
    expect((await reminders.tick({ now: clock.now(), actor: desk })).reminded).toEqual([]);
  });

  it("G1 the reminder tells the venue staff through the outbox, in the same append, once", async () => {
    const store = createMemoryStore();
    const clock = manualClock("2026-11-23T11:00:00Z");
    const ops = createServiceOps({ site: { id: CENTRE }, store, clock });
    await ops.execute(start({ loanId: "g-2", venue: "tennis court 1", bookedMinutes: 60 }), {
      actor: cashier,
    }); // 19:00, booked to 20:00
    expect(await store.outbox.list()).toEqual([]);
    clock.advance(45 * 60_000);
    const reminders = venueSessionReminders(ops);
    const { reminded } = await reminders.tick({ now: clock.now(), actor: desk });
    await reminders.tick({ now: clock.now(), actor: desk });
    const outbox = await store.outbox.list({ siteId: CENTRE });
    expect(outbox.map((n) => [n.type, n.rule, n.to, n.data])).toEqual([
      [
        "VenueSessionEndReminded",
        "G1",
        { role: "venueStaff" },
        {
          loanId: "g-2",
          bookedEnd: "2026-11-23T12:00:00.000Z",
          remindedAt: "2026-11-23T11:45:00.000Z",
        },
      ],
    ]);
    expect(outbox[0]?.eventId).toBe(reminded[0]?.result.events[0]?.eventId);
  });
});
