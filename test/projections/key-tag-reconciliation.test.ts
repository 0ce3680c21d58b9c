/**
 * The end-of-day key-tag reconciliation (docs/rules.md V6): tags issued that business day equal the
 * tags returned plus the tags reported lost, and tags used equal tagged entries. A difference
 * is listed as a discrepancy, never silently absorbed.
 */
import {
  CheckInMember,
  CheckOutMember,
  KeyTagIssued,
  KeyTagRetired,
  KeyTagReturned,
  keyTagMovements,
  MemberCheckedIn,
  RegisterKeyTags,
  ReportKeyTagLost,
  RetireKeyTag,
  reconcileKeyTags,
} from "svcops";
import { projectionSpec } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { checkedIn, DAY, desk, lead, openDesk } from "../domain/fixtures.js";

const issued = (tag: string, visitId: string, businessDay = DAY) =>
  KeyTagIssued({ tag, visitId, businessDay });
const returned = (tag: string, visitId: string, businessDay = DAY) =>
  KeyTagReturned({ tag, visitId, businessDay });
const lostOn = (tag: string, visitId: string) =>
  KeyTagRetired({ tag, reason: "lost", visitId, businessDay: DAY });
const entry = (tag: string, visitId: string) => [
  checkedIn({ visitId, keyTag: tag }),
  issued(tag, visitId),
];

describe("Key-tag reconciliation", () => {
  it("V6 a day where every tag came back or was reported lost is balanced", () => {
    projectionSpec(keyTagMovements)
      .given([
        ...entry("1", "v-1"),
        ...entry("2", "v-2"),
        ...entry("3", "v-3"),
        returned("1", "v-1"),
        lostOn("2", "v-2"),
        returned("3", "v-3"),
      ])
      .then((view) =>
        expect(reconcileKeyTags(view, DAY)).toEqual({
          businessDay: DAY,
          issued: 3,
          returned: 2,
          lost: 1,
          taggedEntries: 3,
          outstanding: [],
          late: [],
          lateArrivals: 0,
          balanced: true,
          discrepancies: [],
        }),
      );
  });

  it("V6 a tag not returned is a discrepancy that names the tag and its visit", () => {
    projectionSpec(keyTagMovements)
      .given([...entry("1", "v-1"), ...entry("2", "v-2"), returned("1", "v-1")])
      .then((view) => {
        const report = reconcileKeyTags(view, DAY);
        expect(report.balanced).toBe(false);
        expect(report.outstanding).toEqual([{ tag: "2", visitId: "v-2" }]);
        expect(report.discrepancies).toEqual([
          "V6: 2 tags issued but 1 returned + 0 lost = 1.",
          "V6: key tag 2 (visit v-2) was not returned or reported lost.",
        ]);
      });
  });

  it("V6 tags used must equal tagged entries", () => {
    projectionSpec(keyTagMovements)
      .given([
        checkedIn({ visitId: "v-1", keyTag: "1" }),
        checkedIn({ visitId: "v-2", keyTag: "2" }),
        issued("1", "v-1"),
        returned("1", "v-1"),
      ])
      .then((view) => {
        const report = reconcileKeyTags(view, DAY);
        expect(report.balanced).toBe(false);
        expect(report.discrepancies).toEqual(["V6: 1 tags used but 2 tagged entries."]);
      });
  });

  it("V6 a day with no movements is balanced", () => {
    projectionSpec(keyTagMovements)
      .given([])
      .then((view) => expect(reconcileKeyTags(view, DAY).balanced).toBe(true));
  });

  it("V6 a tag retired from the drawer (never issued) is not counted as lost on a visit", () => {
    projectionSpec(keyTagMovements)
      .given([
        ...entry("1", "v-1"),
        returned("1", "v-1"),
        KeyTagRetired({ tag: "5", reason: "lost", businessDay: DAY }),
      ])
      .then((view) => {
        const report = reconcileKeyTags(view, DAY);
        expect(report).toMatchObject({ issued: 1, returned: 1, lost: 0, balanced: true });
      });
  });

  it("V6 reconciles a day through the façade: balanced, then a tag kept overnight", async () => {
    const { ops } = await openDesk();
    const checkIn = (visitId: string, keyTag: string) =>
      ops.execute(CheckInMember({ visitId, memberCard: `M-${visitId}`, keyTag, gender: "male" }), {
        actor: desk,
      });
    await checkIn("v-1", "1");
    await checkIn("v-2", "2");
    await checkIn("v-3", "3");
    await ops.execute(CheckOutMember({ visitId: "v-1", keyTag: "1" }), { actor: desk });
    await ops.execute(ReportKeyTagLost({ visitId: "v-2" }), { actor: desk });
    await ops.execute(CheckOutMember({ visitId: "v-2" }), { actor: desk });
    await ops.execute(CheckOutMember({ visitId: "v-3", keyTag: "3" }), { actor: desk });
    await ops.execute(RetireKeyTag({ tag: "5", reason: "damaged" }), { actor: lead });
    await ops.execute(RegisterKeyTags({ tags: ["6"] }), { actor: lead });
    const closed = reconcileKeyTags(await ops.read(keyTagMovements), DAY);
    expect(closed).toMatchObject({
      issued: 3,
      returned: 2,
      lost: 1,
      taggedEntries: 3,
      balanced: true,
    });

    await checkIn("v-4", "4");
    const open = reconcileKeyTags(await ops.read(keyTagMovements), DAY);
    expect(open.balanced).toBe(false);
    expect(open.outstanding).toEqual([{ tag: "4", visitId: "v-4" }]);
    expect(open.discrepancies).toContain(
      "V6: key tag 4 (visit v-4) was not returned or reported lost.",
    );
  });

  it("V6 a tag kept overnight unbalances its issuing day only; the next day counts it as a late arrival", () => {
    const NEXT = "2026-11-23";
    projectionSpec(keyTagMovements)
      .given([
        ...entry("1", "v-1"),
        KeyTagIssued({ tag: "2", visitId: "v-2", businessDay: NEXT }),
        MemberCheckedIn({
          visitId: "v-2",
          memberCard: "M-v-2",
          keyTag: "2",
          category: "member",
          gender: "female",
          businessDay: NEXT,
        }),
        KeyTagReturned({ tag: "1", visitId: "v-1", businessDay: NEXT }),
        KeyTagReturned({ tag: "2", visitId: "v-2", businessDay: NEXT }),
      ])
      .then((view) => {
        const first = reconcileKeyTags(view, DAY);
        expect(first).toMatchObject({ issued: 1, returned: 0, balanced: false, outstanding: [] });
        expect(first.late).toEqual([{ tag: "1", visitId: "v-1", how: "returned", on: NEXT }]);
        expect(first.discrepancies).toContain(
          `V6: key tag 1 (visit v-1) was still out at close; returned on ${NEXT}.`,
        );
        expect(reconcileKeyTags(view, NEXT)).toMatchObject({
          issued: 1,
          returned: 1,
          lateArrivals: 1,
          balanced: true,
        });
      });
  });
});
