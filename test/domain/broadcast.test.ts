/**
 * Broadcast: a site's broadcast room (docs/rules.md B1, docs/broadcast.md). A merchant's
 * announcement is requested a day ahead, signed by the floor manager, approved by the CS manager
 * and recorded; a playlist plan keeps at most 5 announcements between two songs, a courtesy and a
 * safety notice every 6 songs, and a class announcement 15 minutes before the class; a plan that
 * breaks any of it is refused with every violation listed.
 */
import {
  ApproveBroadcastRequest,
  type BroadcastCommand,
  type BroadcastEvent,
  broadcastAggregate,
  broadcastDecider,
  broadcastStream,
  checkPlaylist,
  createMemoryStore,
  createServiceOps,
  manualClock,
  PlanPlaylist,
  type PlaylistItem,
  PlaylistViolations,
  RecordBroadcast,
  RequestBroadcast,
  RuleViolation,
  replay,
  SignBroadcastRequest,
  SvcOpsError,
  Unauthorized,
  ValidationError,
} from "svcops";
import { given, specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import {
  announce,
  approved,
  classAt,
  courtesy,
  cs,
  desk,
  floor,
  goodItems,
  onAir,
  recorded,
  requested,
  requestForm,
  safety,
  signed,
  song,
  songs,
  specCs,
  specDesk,
  specFloor,
} from "./broadcast-fixtures.js";
import { NOW, SITE } from "./fixtures.js";

const DAY_AHEAD = "2026-11-23";

/** The PlaylistViolations deciding a plan on the history throws (fails when it is accepted). */
function refusedPlan(
  history: readonly BroadcastEvent[],
  items: PlaylistItem[],
  classes: { className: string; startsAt: string }[] = [],
): PlaylistViolations {
  const command = PlanPlaylist({ planId: "p-1", day: DAY_AHEAD, items, classes });
  try {
    broadcastDecider.decide(command, replay(broadcastDecider, history), specContext());
  } catch (error) {
    if (error instanceof PlaylistViolations) return error;
    throw error;
  }
  throw new Error("expected the plan to be refused");
}
const parts = (error: PlaylistViolations) => error.violations.map((v) => [v.index, v.part]);

function decideOn(history: readonly BroadcastEvent[], command: BroadcastCommand) {
  return broadcastDecider.decide(command, replay(broadcastDecider, history), specContext());
}

function openRoom() {
  const store = createMemoryStore();
  const clock = manualClock(NOW);
  const ops = createServiceOps({ site: { id: SITE }, store, clock });
  return { ops, store, clock };
}

describe("Broadcast", () => {
  describe("B1 a merchant's request: a day ahead, signed, approved, recorded", () => {
    it("B1 records a request made a full day before it plays, with the days it plays on", () => {
      given(broadcastDecider, []).when(RequestBroadcast(requestForm)).then([requested()]);
    });

    it("B1 refuses a request less than broadcastLeadTime (1 day) before it plays", () => {
      given(broadcastDecider, [])
        .when(RequestBroadcast({ ...requestForm, playFrom: "2026-11-23T01:59:00.000Z" }))
        .thenThrows("B1");
    });

    it("B1 the lead time is the site's policy value", () => {
      const site = { id: "spec-site", policy: { broadcastLeadTime: 2 * 86_400_000 } };
      given(broadcastDecider, [], { site }).when(RequestBroadcast(requestForm)).thenThrows("B1");
      given(broadcastDecider, [], { site })
        .when(RequestBroadcast({ ...requestForm, playFrom: "2026-11-24T02:00:00.000Z" }))
        .thenState((state) => expect(state.requests["b-1"]?.firstDay).toBe("2026-11-24"));
    });

    it("B1 a request for several days plays on each business day from playFrom to playUntil", () => {
      const [event] = decideOn(
        [],
        RequestBroadcast({ ...requestForm, playUntil: "2026-11-29T13:00:00Z" }),
      );
      expect(
        event?.type === "BroadcastRequested" && [event.data.firstDay, event.data.lastDay],
      ).toEqual(["2026-11-23", "2026-11-29"]);
    });

    it("B1 a form without floor, category, brand or text is a ValidationError naming each", () => {
      const { floor: _f, category: _c, brand: _b, ...rest } = requestForm;
      let error: unknown;
      try {
        RequestBroadcast({ ...rest, text: " " } as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path).sort()).toEqual([
        "data.brand",
        "data.category",
        "data.floor",
        "data.text",
      ]);
      expect(() => RequestBroadcast({ ...requestForm, playUntil: "2026-11-22T00:00:00Z" })).toThrow(
        /data.playUntil/,
      );
    });

    it("B1 the floor manager signs, then the CS manager approves, then the member centre records", () => {
      given(broadcastDecider, [requested()])
        .when(SignBroadcastRequest({ requestId: "b-1" }), { actor: specFloor })
        .then([signed()]);
      given(broadcastDecider, [requested(), signed()])
        .when(ApproveBroadcastRequest({ requestId: "b-1" }), { actor: specCs })
        .then([approved()]);
      given(broadcastDecider, [requested(), signed(), approved()])
        .when(RecordBroadcast({ requestId: "b-1" }), { actor: specDesk })
        .then([recorded()]);
    });

    it("B1 refuses the CS manager's approval before the floor manager's signature", () => {
      given(broadcastDecider, [requested()])
        .when(ApproveBroadcastRequest({ requestId: "b-1" }), { actor: specCs })
        .thenThrows("B1");
    });

    it("B1 refuses recording an announcement before it is approved", () => {
      given(broadcastDecider, [requested()])
        .when(RecordBroadcast({ requestId: "b-1" }))
        .thenThrows("B1");
      given(broadcastDecider, [requested(), signed()])
        .when(RecordBroadcast({ requestId: "b-1" }))
        .thenThrows("B1");
    });

    it("B1 each step once, and only on a request that exists", () => {
      given(broadcastDecider, [requested()]).when(RequestBroadcast(requestForm)).thenThrows("B1");
      given(broadcastDecider, [requested(), signed()])
        .when(SignBroadcastRequest({ requestId: "b-1" }), { actor: specFloor })
        .thenThrows("B1");
      given(broadcastDecider, [requested(), signed(), approved()])
        .when(ApproveBroadcastRequest({ requestId: "b-1" }), { actor: specCs })
        .thenThrows("B1");
      given(broadcastDecider, onAir())
        .when(RecordBroadcast({ requestId: "b-1" }))
        .thenThrows("B1");
      given(broadcastDecider, [])
        .when(SignBroadcastRequest({ requestId: "b-9" }), { actor: specFloor })
        .thenThrows("B1");
    });

    it("B1 through the façade: only a floor manager signs and only the CS manager approves", async () => {
      const { ops, store } = openRoom();
      await ops.execute(RequestBroadcast(requestForm), { actor: desk });
      const before = store.size;
      for (const [command, actor] of [
        [SignBroadcastRequest({ requestId: "b-1" }), cs],
        [ApproveBroadcastRequest({ requestId: "b-1" }), floor],
      ] as const) {
        const error = await ops.execute(command, { actor }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Unauthorized);
        expect((error as Unauthorized).rule).toBe("B1");
      }
      expect(store.size).toBe(before);
      await ops.execute(SignBroadcastRequest({ requestId: "b-1" }), { actor: floor });
      await ops.execute(ApproveBroadcastRequest({ requestId: "b-1" }), { actor: cs });
      await ops.execute(RecordBroadcast({ requestId: "b-1" }), { actor: desk });
      const { state } = await ops.state(broadcastAggregate, broadcastStream(SITE));
      expect(state.requests["b-1"]?.status).toBe("recorded");
    });
  });

  describe("B1 the playlist plan", () => {
    it("B1 accepts a plan that keeps every part of the rule", () => {
      const result = decideOn(
        onAir(),
        PlanPlaylist({
          planId: "p-1",
          day: DAY_AHEAD,
          items: goodItems,
          classes: [{ className: "Yoga", startsAt: "19:00" }],
        }),
      );
      expect(result.map((e) => e.type)).toEqual(["PlaylistPlanned"]);
      expect(
        checkPlaylist(
          { day: DAY_AHEAD, items: goodItems },
          replay(broadcastDecider, onAir()).requests,
        ),
      ).toEqual([]);
    });

    it("B1 a plan planned again under its id is its next revision", () => {
      const plan = PlanPlaylist({ planId: "p-1", day: DAY_AHEAD, items: goodItems });
      const [first] = decideOn(onAir(), plan);
      const [second] = decideOn([...onAir(), first as BroadcastEvent], plan);
      expect(second?.type === "PlaylistPlanned" && second.data.revision).toBe(2);
    });

    it("B1 at most 5 announcements between two songs: a sixth in a row is refused at its index", () => {
      const five = [song(1), announce(), announce(), announce(), courtesy, safety, song(2)];
      expect(
        checkPlaylist({ day: DAY_AHEAD, items: five }, replay(broadcastDecider, onAir()).requests),
      ).toEqual([]);
      const six = [
        song(1),
        announce(),
        announce(),
        announce(),
        announce(),
        courtesy,
        safety,
        song(2),
      ];
      expect(parts(refusedPlan(onAir(), six))).toEqual([[6, "announcementsBetweenSongs"]]);
      expect(refusedPlan(onAir(), six).violations[0]?.message).toContain(
        "6 announcements in a row",
      );
    });

    it("B1 the limit holds before the first song and after the last one too", () => {
      const items = [
        announce(),
        announce(),
        announce(),
        announce(),
        announce(),
        announce(),
        song(1),
      ];
      expect(parts(refusedPlan(onAir(), items))).toEqual([[5, "announcementsBetweenSongs"]]);
    });

    it("B1 a courtesy and a safety notice after every 6 songs", () => {
      const ok = [...songs(6), courtesy, safety, ...songs(6, 7), safety, courtesy, song(13)];
      expect(checkPlaylist({ day: DAY_AHEAD, items: ok }, {})).toEqual([]);
      // The 7th song comes without either notice: both are missing after song 6 (index 5).
      expect(parts(refusedPlan([], songs(7)))).toEqual([
        [5, "courtesyNotice"],
        [5, "safetyNotice"],
      ]);
      // A plan that ends on its 6th song owes the notices too.
      expect(parts(refusedPlan([], [...songs(6), courtesy]))).toEqual([[5, "safetyNotice"]]);
    });

    it("B1 a missed notice is reported once per 6 songs, then counted again", () => {
      const items = [...songs(13), courtesy, safety];
      expect(parts(refusedPlan([], items))).toEqual([
        [5, "courtesyNotice"],
        [5, "safetyNotice"],
        [11, "courtesyNotice"],
        [11, "safetyNotice"],
      ]);
    });

    it("B1 a class is announced 15 minutes before it starts, and every class of the day is", () => {
      const wrong = [song(1), classAt("Yoga", "19:00", "18:30"), song(2)];
      expect(parts(refusedPlan([], wrong))).toEqual([[1, "classAnnouncementTime"]]);
      const early = [song(1), classAt("Night swim", "00:10", "00:00"), song(2)];
      expect(parts(refusedPlan([], early))).toEqual([[1, "classAnnouncementTime"]]);
      const missing = refusedPlan(
        [],
        [song(1), classAt("Yoga", "19:00", "18:45")],
        [
          { className: "Yoga", startsAt: "19:00" },
          { className: "Spinning", startsAt: "20:00" },
        ],
      );
      expect(missing.violations).toEqual([
        { part: "classNotAnnounced", message: expect.stringContaining("Spinning at 20:00") },
      ]);
      expect(missing.violations[0]?.message).toContain("19:45");
    });

    it("B1 only a recorded announcement plays, and only on the days it was requested for", () => {
      const history = [
        ...onAir("b-1"),
        requested("b-2"),
        signed("b-2"),
        approved("b-2"),
        requested("b-3"),
      ];
      const error = refusedPlan(history, [
        song(1),
        announce("b-2"),
        announce("b-3"),
        announce("b-9"),
        song(2),
      ]);
      expect(parts(error)).toEqual([
        [1, "announcementNotRecorded"],
        [2, "announcementNotRecorded"],
        [3, "announcementNotRecorded"],
      ]);
      expect(error.violations.map((v) => v.message).join(" ")).toMatch(
        /approved but not recorded yet.*floor manager's signature.*no broadcast request/,
      );
      const command = PlanPlaylist({
        planId: "p-2",
        day: "2026-11-24",
        items: [song(1), announce("b-1")],
      });
      expect(() => decideOn(onAir(), command)).toThrow(/requested for 2026-11-23/);
    });

    it("B1 refuses a plan with EVERY violation listed, in the order of the items", () => {
      const items: PlaylistItem[] = [
        announce("b-9"),
        ...songs(7),
        announce(),
        announce(),
        announce(),
        announce(),
        announce(),
        announce(),
        classAt("Yoga", "19:00", "18:50"),
        song(8),
      ];
      const error = refusedPlan(onAir(), items, [{ className: "Pilates", startsAt: "10:00" }]);
      expect(parts(error)).toEqual([
        [0, "announcementNotRecorded"],
        [6, "courtesyNotice"],
        [6, "safetyNotice"],
        [13, "announcementsBetweenSongs"],
        [14, "classAnnouncementTime"],
        [undefined, "classNotAnnounced"],
      ]);
      expect(error).toBeInstanceOf(RuleViolation);
      expect(error).toBeInstanceOf(SvcOpsError);
      expect([error.name, error.code, error.rule]).toEqual([
        "PlaylistViolations",
        "rule_violation",
        "B1",
      ]);
      expect(error.message).toMatch(/^B1: playlist plan p-1 is refused, 6 violations: /);
      expect(error.violations).toEqual(
        checkPlaylist(
          { day: DAY_AHEAD, items, classes: [{ className: "Pilates", startsAt: "10:00" }] },
          replay(broadcastDecider, onAir()).requests,
        ),
      );
    });

    it("B1 through the façade: the refusal keeps its violations and nothing is appended", async () => {
      const { ops, store, clock } = openRoom();
      await ops.execute(RequestBroadcast(requestForm), { actor: desk });
      await ops.execute(SignBroadcastRequest({ requestId: "b-1" }), { actor: floor });
      await ops.execute(ApproveBroadcastRequest({ requestId: "b-1" }), { actor: cs });
      const before = store.size;
      const early = PlanPlaylist({
        planId: "p-1",
        day: DAY_AHEAD,
        items: [song(1), announce(), ...songs(6, 2)],
      });
      const error = await ops.execute(early, { actor: desk }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlaylistViolations);
      expect(parts(error as PlaylistViolations)).toEqual([
        [1, "announcementNotRecorded"],
        [6, "courtesyNotice"],
        [6, "safetyNotice"],
      ]);
      expect(store.size).toBe(before);
      await ops.execute(RecordBroadcast({ requestId: "b-1" }), { actor: desk });
      clock.advance(3_600_000);
      const result = await ops.execute(
        PlanPlaylist({ planId: "p-1", day: DAY_AHEAD, items: goodItems }),
        { actor: desk },
      );
      expect(result.events.map((e) => [e.type, e.streamId])).toEqual([
        ["PlaylistPlanned", broadcastStream(SITE)],
      ]);
    });

    it("B1 a plan with an unknown kind of item, or a time that is no time, is a ValidationError", () => {
      expect(() =>
        PlanPlaylist({ planId: "p-1", day: DAY_AHEAD, items: [{ kind: "jingle" } as never] }),
      ).toThrow(/data.items.0.kind/);
      expect(() =>
        PlanPlaylist({ planId: "p-1", day: DAY_AHEAD, items: [classAt("Yoga", "25:00", "24:45")] }),
      ).toThrow(/data.items.0.startsAt/);
      expect(() => PlanPlaylist({ planId: "p-1", day: DAY_AHEAD, items: [] })).toThrow(
        /data.items/,
      );
    });
  });
});
