/**
 * The day close as a process manager (S7's closing, with V6 and N5): it stops the desk, waits for
 * the counts, lists every discrepancy of the key tags, the stock and the drawer, and closes the
 * day only once each is annotated by its responsible role and the closing list is done.
 */
import {
  AnnotateDayCloseDiscrepancy,
  BeginDayClose,
  CheckInMember,
  CheckOutMember,
  CloseBusinessDay,
  CountCashDrawer,
  CountClosingStock,
  CountOpeningStock,
  dayClose,
  dayCloseAggregate,
  dayCloseStream,
  ListItems,
  LockValuables,
  manualClock,
  RegisterKeyTags,
  RuleViolation,
  SellItems,
  SettleTab,
  Unauthorized,
  visitAggregate,
  visitStream,
  WithdrawDayClose,
} from "svcops";
import { describe, expect, it } from "vitest";
import {
  at,
  bar,
  cashier,
  clubOps,
  csManager,
  DAY,
  desk,
  dutyManager,
  lead,
  WriteHandover,
} from "../domain/day-close-fixtures.js";

/** The bar's closing count (21 bottles: the book's) and the cash drawer's (¥15.00 in cash). */
async function countAtClose(ops: ReturnType<typeof clubOps>): Promise<void> {
  await ops.execute(
    CountClosingStock({ location: "bar", counts: [{ item: "water", quantity: 21 }] }),
    { actor: bar },
  );
  await ops.execute(
    CountCashDrawer({ businessDay: DAY, counted: [{ method: "cash", amount: 1500 }] }),
    { actor: cashier },
  );
}

/** A day at the club: two members in, one out with a settled ¥15 water, one tag still out. */
async function busyDay() {
  const clock = manualClock(at("10:05"));
  const ops = clubOps(clock);
  await ops.execute(RegisterKeyTags({ tags: ["17", "18"] }), { actor: lead });
  await ops.execute(ListItems({ location: "bar", items: [{ item: "water", kind: "goods" }] }), {
    actor: lead,
  });
  await ops.execute(
    CountOpeningStock({ location: "bar", counts: [{ item: "water", quantity: 24 }] }),
    {
      actor: bar,
    },
  );
  for (const [visitId, keyTag] of [
    ["v-1", "17"],
    ["v-2", "18"],
  ] as const) {
    await ops.execute(
      CheckInMember({ visitId, memberCard: `M-${visitId}`, keyTag, gender: "female" }),
      { actor: desk },
    );
  }
  await ops.execute(
    SellItems({
      location: "bar",
      receiptNumber: 1,
      lines: [{ item: "water", quantity: 3, unitPrice: 500 }],
      payment: { keyTag: "17" },
    }),
    { actor: bar },
  );
  await ops.execute(SettleTab({ visitId: "v-1", amount: 1500, method: "cash" }), { actor: desk });
  await ops.execute(CheckOutMember({ visitId: "v-1", keyTag: "17" }), { actor: desk });
  clock.set(at("22:10"));
  return { clock, ops, close: dayClose(ops) };
}

describe("the day close", () => {
  it("S7 V6 N5 lists the tag still out, the missing water and the short cash, and closes only when each is annotated by its role and the closing list is done", async () => {
    const { ops, close } = await busyDay();
    await close.begin({ businessDay: DAY, actor: dutyManager });

    const waiting = await close.tick({ businessDay: DAY, actor: dutyManager });
    expect(waiting.phase).toBe("closing");
    expect(waiting.waitingFor).toEqual([
      "the closing stock count of bar",
      "the cash drawer's count",
    ]);
    expect(waiting.discrepancies).toEqual([]);

    await ops.execute(
      CountClosingStock({
        location: "bar",
        counts: [{ item: "water", quantity: 20, note: "one bottle broken" }],
      }),
      { actor: bar },
    );
    await ops.execute(
      CountCashDrawer({ businessDay: DAY, counted: [{ method: "cash", amount: 1000 }] }),
      {
        actor: cashier,
      },
    );
    const listed = await close.tick({ businessDay: DAY, actor: dutyManager });
    expect(listed.waitingFor).toEqual([]);
    expect(listed.discrepancies.map((d) => [d.id, d.kind, d.rule])).toEqual([
      ["keyTags:1", "keyTags", "V6"],
      ["keyTags:2", "keyTags", "V6"],
      ["stock:bar:water", "stock", "N5"],
      ["cash:cash", "cash", "S7"],
    ]);
    expect(listed.discrepancies[1]?.text).toContain("key tag 18 (visit v-2)");
    expect(listed.discrepancies[2]?.text).toBe(
      "N5: bar, water: counted 20, the book says 21 (−1) (noted at the count: one bottle broken).",
    );
    expect(listed.discrepancies[3]?.text).toBe(
      "S7: cash counted ¥10.00, the drawer's book says ¥15.00 (−¥5.00).",
    );
    expect(listed.phase).toBe("closing");

    // A stock discrepancy is the CS manager's to annotate (N5), not the desk's.
    await expect(
      ops.execute(
        AnnotateDayCloseDiscrepancy({
          businessDay: DAY,
          discrepancyId: "stock:bar:water",
          note: "broken",
        }),
        { actor: desk },
      ),
    ).rejects.toThrow(Unauthorized);
    const note = (discrepancyId: string) =>
      AnnotateDayCloseDiscrepancy({ businessDay: DAY, discrepancyId, note: "explained" });
    await ops.execute(note("keyTags:1"), { actor: desk });
    await ops.execute(note("keyTags:2"), { actor: dutyManager });
    await ops.execute(note("stock:bar:water"), { actor: csManager });
    await ops.execute(note("cash:cash"), { actor: cashier });

    const beforeList = await close.tick({ businessDay: DAY, actor: dutyManager });
    expect(beforeList.phase).toBe("closing");
    expect(beforeList.missing).toEqual([
      "the valuables are not locked",
      "the handover is not written",
    ]);

    await ops.execute(LockValuables({ businessDay: DAY }), { actor: desk });
    await ops.execute(WriteHandover({ handoverId: "h-1", businessDay: DAY }), { actor: desk });
    const closed = await close.tick({ businessDay: DAY, actor: dutyManager });
    expect(closed.phase).toBe("closed");
    expect(closed.missing).toEqual([]);
    expect(closed.discrepancies.every((d) => d.note === "explained")).toBe(true);
  });

  it("S7 refuses to close the day while a discrepancy has no note, naming it and its role", async () => {
    const { ops, close } = await busyDay();
    await close.begin({ businessDay: DAY, actor: dutyManager });
    await countAtClose(ops);
    await close.tick({ businessDay: DAY, actor: dutyManager });
    await ops.execute(LockValuables({ businessDay: DAY }), { actor: desk });
    await ops.execute(WriteHandover({ handoverId: "h-1", businessDay: DAY }), { actor: desk });
    const refusal = ops.execute(CloseBusinessDay({ businessDay: DAY }), { actor: dutyManager });
    await expect(refusal).rejects.toThrow(RuleViolation);
    await expect(refusal).rejects.toThrow(
      /keyTags:2 is not annotated \(frontDesk or dutyManager\)/,
    );
    const { state } = await ops.state(dayCloseAggregate, dayCloseStream("club-1", DAY));
    expect(state.phase).toBe("closing");
  });

  it("S7 N5 V6 closes a balanced day with nothing to annotate, once the closing list is done", async () => {
    const { ops, close } = await busyDay();
    // The second member leaves before the close.
    await ops.execute(CheckOutMember({ visitId: "v-2", keyTag: "18" }), { actor: desk });
    await close.begin({ businessDay: DAY, actor: dutyManager });
    await countAtClose(ops);
    await ops.execute(LockValuables({ businessDay: DAY }), { actor: desk });
    await ops.execute(WriteHandover({ handoverId: "h-1", businessDay: DAY }), { actor: lead });
    const review = await close.tick({ businessDay: DAY, actor: dutyManager });
    expect(review.discrepancies).toEqual([]);
    expect(review.phase).toBe("closed");
    // A tick after the close changes nothing.
    expect((await close.tick({ businessDay: DAY, actor: dutyManager })).phase).toBe("closed");
    // The closed day takes no more front-desk commands dated in it, and appends nothing.
    const before = await ops.state(dayCloseAggregate, dayCloseStream("club-1", DAY));
    const late = await ops
      .execute(
        CheckInMember({ visitId: "v-late", memberCard: "M-late", keyTag: "17", gender: "male" }),
        { actor: desk },
      )
      .catch((error: unknown) => error);
    expect(late).toBeInstanceOf(RuleViolation);
    expect((late as RuleViolation).rule).toBe("S7");
    expect((late as RuleViolation).message).toMatch(/closed/);
    const after = await ops.state(dayCloseAggregate, dayCloseStream("club-1", DAY));
    expect(after.version).toBe(before.version);
    const { state: visit } = await ops.state(visitAggregate, visitStream("club-1", "v-late"));
    expect(visit.status).toBe("none");
  });

  it("S7 a withdrawn close reopens the desk and starts over: the late member checks out, the next close balances", async () => {
    const { ops, close } = await busyDay();
    await close.begin({ businessDay: DAY, actor: dutyManager });
    await expect(
      ops.execute(CheckOutMember({ visitId: "v-2", keyTag: "18" }), { actor: desk }),
    ).rejects.toThrow(/S7: business day 2026-12-06 is closing/);
    await ops.execute(WithdrawDayClose({ businessDay: DAY, reason: "a member is still inside" }), {
      actor: dutyManager,
    });
    await ops.execute(CheckOutMember({ visitId: "v-2", keyTag: "18" }), { actor: desk });
    await ops.execute(BeginDayClose({ businessDay: DAY }), { actor: dutyManager });
    await countAtClose(ops);
    const review = await close.tick({ businessDay: DAY, actor: dutyManager });
    expect(review.discrepancies).toEqual([]);
    expect(review.missing).toEqual(["the valuables are not locked", "the handover is not written"]);
  });
});
