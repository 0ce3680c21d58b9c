/**
 * The key-tag pool: which tags exist, which are out and on which visit, which are retired
 * (docs/rules.md V1, V2, V3, V7). The visit enlists the pool, so check-in, check-out and a lost tag
 * change both streams in one atomic append; the façade specs below show that from outside.
 */
import {
  CheckInMember,
  CheckOutMember,
  createServiceOps,
  IssueKeyTag,
  KeyTagIssued,
  type KeyTagPoolState,
  KeyTagRetired,
  KeyTagReturned,
  KeyTagsRegistered,
  keyTagLedger,
  keyTagPoolAggregate,
  keyTagPoolDecider,
  keyTagPoolStream,
  RegisterKeyTags,
  ReportKeyTagLost,
  RetireKeyTag,
  RetireLostKeyTag,
  ReturnKeyTag,
  RuleViolation,
  SettleTab,
  VersionConflict,
  visitAggregate,
  visitStream,
} from "svcops";
import { given } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { DAY, dataOf, desk, desk2, lead, openDesk, SITE, storedOfType } from "./fixtures.js";

const pool = KeyTagsRegistered({ tags: ["16", "17", "18"] });
const issued = (tag: string, visitId: string) => KeyTagIssued({ tag, visitId, businessDay: DAY });
const checkIn = (visitId: string, keyTag: string) =>
  CheckInMember({ visitId, memberCard: `M-${visitId}`, keyTag, gender: "male" });

describe("Key-tag pool", () => {
  describe("decider", () => {
    it("V1 registers tags into the site's pool, ignoring ones already there", () => {
      given(keyTagPoolDecider, [pool])
        .when(RegisterKeyTags({ tags: ["17", "19", "19"] }))
        .then([KeyTagsRegistered({ tags: ["19"] })]);
    });

    it("V1 rejects registering only tags that are already in the pool", () => {
      given(keyTagPoolDecider, [pool])
        .when(RegisterKeyTags({ tags: ["17"] }))
        .thenThrows("V1");
    });

    it("V2 issues a tag that is in the pool and not out", () => {
      given(keyTagPoolDecider, [pool])
        .when(IssueKeyTag({ tag: "17", visitId: "v-1" }))
        .then([issued("17", "v-1")]);
    });

    it("V2 rejects a key tag that is already out", () => {
      given(keyTagPoolDecider, [pool, issued("17", "v-1")])
        .when(IssueKeyTag({ tag: "17", visitId: "v-2" }))
        .thenThrows("V2");
    });

    it("V2 rejects a retired key tag", () => {
      given(keyTagPoolDecider, [
        pool,
        KeyTagRetired({ tag: "17", reason: "damaged", businessDay: DAY }),
      ])
        .when(IssueKeyTag({ tag: "17", visitId: "v-1" }))
        .thenThrows("V2");
    });

    it("V2 rejects a key tag that is not in the site's pool", () => {
      given(keyTagPoolDecider, [pool])
        .when(IssueKeyTag({ tag: "99", visitId: "v-1" }))
        .thenThrows("V2");
    });

    it("V2 issues a tag again once it has come back", () => {
      given(keyTagPoolDecider, [
        pool,
        issued("17", "v-1"),
        KeyTagReturned({ tag: "17", visitId: "v-1", businessDay: DAY }),
      ])
        .when(IssueKeyTag({ tag: "17", visitId: "v-2" }))
        .then([issued("17", "v-2")]);
    });

    it("V3 takes a tag back from the visit it is out on", () => {
      given(keyTagPoolDecider, [pool, issued("17", "v-1")])
        .when(ReturnKeyTag({ tag: "17", visitId: "v-1" }))
        .thenState((state: KeyTagPoolState) => expect(state.out.has("17")).toBe(false));
    });

    it("V3 rejects returning a tag on a visit it is not out on", () => {
      given(keyTagPoolDecider, [pool, issued("17", "v-1")])
        .when(ReturnKeyTag({ tag: "17", visitId: "v-2" }))
        .thenThrows("V3");
      given(keyTagPoolDecider, [pool])
        .when(ReturnKeyTag({ tag: "17", visitId: "v-1" }))
        .thenThrows("V3");
    });

    it("V7 retires a lost tag from the visit it was out on", () => {
      given(keyTagPoolDecider, [pool, issued("17", "v-1")])
        .when(RetireLostKeyTag({ tag: "17", visitId: "v-1" }))
        .then([KeyTagRetired({ tag: "17", reason: "lost", visitId: "v-1", businessDay: DAY })]);
      given(keyTagPoolDecider, [pool, issued("17", "v-1")])
        .when(RetireLostKeyTag({ tag: "17", visitId: "v-1" }))
        .thenState((state: KeyTagPoolState) => {
          expect(state.out.has("17")).toBe(false);
          expect(state.retired.has("17")).toBe(true);
        });
    });

    it("V7 rejects a lost report for a tag out on another visit, or not out at all", () => {
      given(keyTagPoolDecider, [pool, issued("17", "v-1")])
        .when(RetireLostKeyTag({ tag: "17", visitId: "v-2" }))
        .thenThrows("V7");
      given(keyTagPoolDecider, [pool])
        .when(RetireLostKeyTag({ tag: "17", visitId: "v-1" }))
        .thenThrows("V7");
    });

    it("V7 a supervisor retires a tag from the drawer, lost or damaged", () => {
      given(keyTagPoolDecider, [pool])
        .when(RetireKeyTag({ tag: "17", reason: "damaged" }))
        .then([KeyTagRetired({ tag: "17", reason: "damaged", businessDay: DAY })]);
    });

    it("V7 rejects retiring by hand a tag that is out, retired already, or not in the pool", () => {
      // Out on a visit: the visit reports it lost, or it could never check out.
      given(keyTagPoolDecider, [pool, issued("17", "v-1")])
        .when(RetireKeyTag({ tag: "17", reason: "lost" }))
        .thenThrows("V7");
      given(keyTagPoolDecider, [
        pool,
        KeyTagRetired({ tag: "17", reason: "lost", businessDay: DAY }),
      ])
        .when(RetireKeyTag({ tag: "17", reason: "damaged" }))
        .thenThrows("V7");
      given(keyTagPoolDecider, [pool])
        .when(RetireKeyTag({ tag: "99", reason: "damaged" }))
        .thenThrows("V7");
    });
  });

  describe("through createServiceOps", () => {
    it("V1 check-in issues the tag from the pool in the same append", async () => {
      const { ops } = await openDesk();
      const result = await ops.execute(checkIn("v-1", "3"), { actor: desk });
      expect(result.events.map((e) => [e.type, e.streamId])).toEqual([
        ["MemberCheckedIn", visitStream(SITE, "v-1")],
        ["KeyTagIssued", keyTagPoolStream(SITE)],
      ]);
      const state = await ops.state(keyTagPoolAggregate, keyTagPoolStream(SITE));
      expect(state.state.out.get("3")).toBe("v-1");
      expect((await ops.read(keyTagLedger)).out.get("3")).toMatchObject({
        visitId: "v-1",
        memberCard: "M-v-1",
      });
    });

    it("V2 rejects checking in with a tag that is out, and appends nothing", async () => {
      const { ops, store } = await openDesk();
      await ops.execute(checkIn("v-1", "3"), { actor: desk });
      const before = store.size;
      await expect(ops.execute(checkIn("v-2", "3"), { actor: desk2 })).rejects.toMatchObject({
        code: "rule_violation",
        rule: "V2",
      });
      expect(store.size).toBe(before);
      // The refused visit was not started: it can check in with a free tag.
      await ops.execute(checkIn("v-2", "4"), { actor: desk2 });
    });

    it("V2 rejects checking in with a tag that is not in the pool", async () => {
      const { ops, store } = await openDesk();
      const before = store.size;
      await expect(ops.execute(checkIn("v-1", "99"), { actor: desk })).rejects.toMatchObject({
        rule: "V2",
      });
      expect(store.size).toBe(before);
    });

    it("V2 two desks on two app instances checking in the same tag at the same moment: exactly one succeeds", async () => {
      const { ops: first, store, clock } = await openDesk();
      // A second app instance (another desk's machine) over the same store.
      const second = createServiceOps({ site: { id: SITE }, store, clock });
      // Both instances have the pool's current state cached, as instances that served earlier
      // check-ins would.
      for (const instance of [first, second]) {
        await instance.state(keyTagPoolAggregate, keyTagPoolStream(SITE));
      }
      // Watch the store: both check-ins are decided against the same pool version, so the
      // second append meets a VersionConflict, is decided again, and then sees the tag out.
      const conflicts: unknown[] = [];
      const appendMany = store.appendMany.bind(store);
      store.appendMany = (...args) =>
        appendMany(...args).catch((error: unknown) => {
          conflicts.push(error);
          throw error;
        });
      const outcomes = await Promise.allSettled([
        first.execute(checkIn("v-1", "3"), { actor: desk }),
        second.execute(checkIn("v-2", "3"), { actor: desk2 }),
      ]);
      const won = outcomes.filter((o) => o.status === "fulfilled");
      const lostRace = outcomes.filter((o) => o.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lostRace).toHaveLength(1);
      const reason = (lostRace[0] as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(RuleViolation);
      expect(reason).toMatchObject({ rule: "V2" });
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toBeInstanceOf(VersionConflict);
      const issuedTags = (await storedOfType(store, "KeyTagIssued")).filter(
        (e) => (e.data as { tag: string }).tag === "3",
      );
      expect(issuedTags).toHaveLength(1);
      // The visit that lost the race has no events at all.
      const winner = dataOf<{ visitId: string }>(issuedTags).visitId;
      const loser = winner === "v-1" ? "v-2" : "v-1";
      expect(await store.readStream(visitStream(SITE, loser))).toHaveLength(0);
    });

    it("V2 two desks on one app instance queue on the pool stream: one succeeds, no store conflict", async () => {
      const { ops, store } = await openDesk();
      const conflicts: unknown[] = [];
      const appendMany = store.appendMany.bind(store);
      store.appendMany = (...args) =>
        appendMany(...args).catch((error: unknown) => {
          conflicts.push(error);
          throw error;
        });
      const outcomes = await Promise.allSettled([
        ops.execute(checkIn("v-1", "3"), { actor: desk }),
        ops.execute(checkIn("v-2", "3"), { actor: desk2 }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      const lost = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ rule: "V2" });
      // The second decision waited for the first append and was refused on its result.
      expect(conflicts).toEqual([]);
    });

    it("V2 under a burst of concurrent check-ins, every tag goes out exactly once", async () => {
      const { ops, store } = await openDesk({ tags: ["1", "2"] });
      const attempts = Array.from({ length: 8 }, (_, i) =>
        ops.execute(checkIn(`v-${i}`, i % 2 === 0 ? "1" : "2"), { actor: i % 2 ? desk : desk2 }),
      );
      const outcomes = await Promise.allSettled(attempts);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(2);
      for (const o of outcomes) {
        if (o.status === "rejected") expect(o.reason).toMatchObject({ rule: "V2" });
      }
      const issuedTags = (await storedOfType(store, "KeyTagIssued")).map(
        (e) => (e.data as { tag: string }).tag,
      );
      expect(issuedTags.sort()).toEqual(["1", "2"]);
    });

    it("V3 check-out gives the tag back to the pool; a different tag changes nothing", async () => {
      const { ops, store } = await openDesk();
      await ops.execute(checkIn("v-1", "3"), { actor: desk });
      const before = store.size;
      await expect(
        ops.execute(CheckOutMember({ visitId: "v-1", keyTag: "4" }), { actor: desk }),
      ).rejects.toMatchObject({ rule: "V3" });
      expect(store.size).toBe(before);
      const result = await ops.execute(CheckOutMember({ visitId: "v-1", keyTag: "3" }), {
        actor: desk,
      });
      expect(result.events.map((e) => e.type)).toEqual(["MemberCheckedOut", "KeyTagReturned"]);
      expect(result.events[0]?.data).toMatchObject({ memberCard: "M-v-1", keyTag: "3" });
      const state = await ops.state(keyTagPoolAggregate, keyTagPoolStream(SITE));
      expect(state.state.out.size).toBe(0);
    });

    it("V7 a lost tag is retired with the policy fee on the tab; the member leaves after paying", async () => {
      const { ops } = await openDesk({ policy: { keyTagReplacementFee: 2000 } });
      await ops.execute(checkIn("v-1", "3"), { actor: desk });
      const report = await ops.execute(ReportKeyTagLost({ visitId: "v-1" }), { actor: desk });
      expect(report.events.map((e) => e.type)).toEqual(["KeyTagReportedLost", "KeyTagRetired"]);
      expect(report.events[0]?.data).toMatchObject({ keyTag: "3", replacementFee: 2000 });
      expect(report.events[1]?.data).toMatchObject({ tag: "3", reason: "lost", visitId: "v-1" });

      const visit = await ops.state(visitAggregate, visitStream(SITE, "v-1"));
      expect(visit.state).toMatchObject({ tagLost: true, tab: 2000 });
      const ledger = await ops.read(keyTagLedger);
      expect(ledger.out.has("3")).toBe(false);
      expect(ledger.retired.get("3")).toBe("lost");

      await expect(
        ops.execute(CheckOutMember({ visitId: "v-1" }), { actor: desk }),
      ).rejects.toMatchObject({ rule: "V4" });
      await ops.execute(SettleTab({ visitId: "v-1", amount: 2000 }), { actor: desk });
      const out = await ops.execute(CheckOutMember({ visitId: "v-1" }), { actor: desk });
      // No tag to give back: only the visit's event, the pool already retired it.
      expect(out.events.map((e) => e.type)).toEqual(["MemberCheckedOut"]);
      expect(out.events[0]?.data).toMatchObject({ memberCard: "M-v-1", keyTag: null });
    });

    it("V7 a retired tag cannot be issued again", async () => {
      const { ops, store } = await openDesk();
      await ops.execute(checkIn("v-1", "3"), { actor: desk });
      await ops.execute(ReportKeyTagLost({ visitId: "v-1" }), { actor: desk });
      await ops.execute(CheckOutMember({ visitId: "v-1" }), { actor: desk });
      const before = store.size;
      await expect(ops.execute(checkIn("v-2", "3"), { actor: desk })).rejects.toMatchObject({
        rule: "V2",
      });
      expect(store.size).toBe(before);
    });

    it("V7 a supervisor retires a damaged tag from the drawer; it is never issued again", async () => {
      const { ops } = await openDesk();
      await ops.execute(RetireKeyTag({ tag: "5", reason: "damaged" }), { actor: lead });
      expect((await ops.read(keyTagLedger)).retired.get("5")).toBe("damaged");
      await expect(ops.execute(checkIn("v-1", "5"), { actor: desk })).rejects.toMatchObject({
        rule: "V2",
      });
    });
  });
});
