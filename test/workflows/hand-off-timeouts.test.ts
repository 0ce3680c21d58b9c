import {
  CheckInMember,
  eventsOf,
  freeKeyTags,
  HandOffVisitor,
  handOffTimeouts,
  isEvent,
  keyTagPoolAggregate,
  keyTagPoolStream,
  overdueHandOffs,
  pendingHandOffs,
  ReceiveVisitor,
  RegisterVisitor,
  SignInConsultant,
  VisitorHandedOff,
} from "svcops";
import { describe, expect, it } from "vitest";
import { consultant, DAY, desk, minutes, openDesk, SITE } from "../domain/fixtures.js";

const visitor = (visitorId: string) =>
  RegisterVisitor({
    visitorId,
    name: "Gao Min",
    phone: "13800000000",
    gender: "female",
    firstVisit: true,
  });

async function receptionWithTwoConsultants() {
  const desk0 = await openDesk();
  for (const c of ["c-1", "c-2"]) {
    await desk0.ops.execute(SignInConsultant({ consultantId: c }), { actor: consultant(c) });
  }
  return desk0;
}

describe("Hand-off timeouts (workflow)", () => {
  it("V10 lists a hand-off as overdue only after the arrival limit has passed", async () => {
    const { ops, clock } = await receptionWithTwoConsultants();
    await ops.execute(visitor("g-1"), { actor: desk });
    const result = await ops.execute(HandOffVisitor({ visitorId: "g-1" }), { actor: desk });
    const [handOff] = eventsOf(result.events, VisitorHandedOff);
    expect(handOff?.data.consultantId).toBe("c-1");
    const pending = await ops.read(pendingHandOffs);
    expect([...pending.values()]).toEqual([
      {
        visitorId: "g-1",
        consultantId: "c-1",
        arrivalDue: handOff?.data.arrivalDue,
        streamId: `${SITE}/reception/${DAY}`,
      },
    ]);
    expect(overdueHandOffs(pending, clock.now())).toEqual([]);
    clock.advance(minutes(2) + 1);
    expect(overdueHandOffs(pending, clock.now()).map((p) => p.visitorId)).toEqual(["g-1"]);
  });

  it("V10 a tick hands an overdue visitor to the next consultant, and a second tick changes nothing", async () => {
    const { ops, clock, store } = await receptionWithTwoConsultants();
    await ops.execute(visitor("g-1"), { actor: desk });
    await ops.execute(HandOffVisitor({ visitorId: "g-1" }), { actor: desk });
    const timeouts = handOffTimeouts(ops);

    expect(await timeouts.tick({ now: clock.now(), actor: desk })).toEqual({
      reassigned: [],
      refused: [],
    });
    clock.advance(minutes(2) + 1_000);
    const tick = await timeouts.tick({ now: clock.now(), actor: desk });
    expect(tick.reassigned.map((r) => [r.visitorId, r.from])).toEqual([["g-1", "c-1"]]);
    const moved = tick.reassigned[0]?.result.events[0];
    expect(moved && isEvent(VisitorHandedOff, moved) ? moved.data : undefined).toMatchObject({
      consultantId: "c-2",
      reason: "arrivalTimeout",
      fromConsultantId: "c-1",
    });

    const size = store.size;
    expect((await timeouts.tick({ now: clock.now(), actor: desk })).reassigned).toEqual([]);
    expect(store.size).toBe(size);

    await ops.execute(ReceiveVisitor({ visitorId: "g-1" }), { actor: consultant("c-2") });
    expect((await ops.read(pendingHandOffs)).size).toBe(0);
  });

  it("V10 reports a visitor it cannot move on when nobody else is in the rotation", async () => {
    const { ops, clock } = await openDesk();
    await ops.execute(SignInConsultant({ consultantId: "c-1" }), { actor: consultant("c-1") });
    await ops.execute(visitor("g-1"), { actor: desk });
    await ops.execute(HandOffVisitor({ visitorId: "g-1" }), { actor: desk });
    clock.advance(minutes(3));
    const tick = await handOffTimeouts(ops).tick({ now: clock.now(), actor: desk });
    expect(tick.reassigned).toEqual([]);
    expect(tick.refused.map((r) => [r.visitorId, r.error.code])).toEqual([
      ["g-1", "rule_violation"],
    ]);
  });
});

describe("freeKeyTags", () => {
  it("V2 lists the tags in the drawer: registered, not out, not retired", async () => {
    const { ops } = await openDesk();
    await ops.execute(
      CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "2", gender: "male" }),
      { actor: desk },
    );
    const { state } = await ops.state(keyTagPoolAggregate, keyTagPoolStream(SITE));
    expect(freeKeyTags(state)).toEqual(["1", "3", "4", "5"]);
  });
});
