/**
 * The Visit: a member's entry, tab, lost tag and exit (docs/rules.md V1, V3, V4, V5, V7).
 * Each `it` whose name starts with a rule id is the executable proof of that rule.
 */
import {
  ChargeTab,
  CheckInMember,
  CheckOutMember,
  KeyTagReportedLost,
  MemberCheckedIn,
  MemberCheckedOut,
  ReportKeyTagLost,
  SettleTab,
  TabCharged,
  TabSettled,
  type VisitState,
  visitDecider,
} from "svcops";
import { given, SPEC_SITE } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { checkedIn, DAY } from "./fixtures.js";

const charged = (amount: number) => TabCharged({ visitId: "v-1", amount, source: "waterBar" });
const settled = (amount: number) => TabSettled({ visitId: "v-1", amount, method: "cash" });
const lost = (replacementFee: number) =>
  KeyTagReportedLost({ visitId: "v-1", keyTag: "17", replacementFee, businessDay: DAY });
const withFee = (fee: number) => ({
  site: { id: SPEC_SITE, policy: { keyTagReplacementFee: fee } },
});

describe("Visit", () => {
  describe("V1 check-in: card kept, one key tag issued", () => {
    it("V1 keeps the membership card and issues the key tag on check-in", () => {
      given(visitDecider, [])
        .when(CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "17", gender: "female" }))
        .then([checkedIn()]);
    });

    it("V1 the visit holds the card and its one tag while the member is inside", () => {
      given(visitDecider, [])
        .when(CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "17", gender: "female" }))
        .thenState({
          status: "inside",
          visitId: "v-1",
          memberCard: "M-1",
          keyTag: "17",
          tagLost: false,
          category: "member",
          gender: "female",
          tab: 0,
          creditable: [],
        });
    });

    it("V1 rejects a second check-in on the same visit: one visit, one key tag", () => {
      given(visitDecider, [checkedIn()])
        .when(CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "18", gender: "female" }))
        .thenThrows("V1");
    });
  });

  describe("V3 check-out: same tag back, same card back", () => {
    it("V3 returns the same card for the same key tag", () => {
      given(visitDecider, [checkedIn()])
        .when(CheckOutMember({ visitId: "v-1", keyTag: "17" }))
        .then([
          MemberCheckedOut({ visitId: "v-1", memberCard: "M-1", keyTag: "17", businessDay: DAY }),
        ]);
    });

    it("V3 rejects a different key tag at check-out", () => {
      given(visitDecider, [checkedIn({ keyTag: "17" })])
        .when(CheckOutMember({ visitId: "v-1", keyTag: "18" }))
        .thenThrows("V3");
    });

    it("V3 rejects a check-out without the tag unless the tag was reported lost", () => {
      given(visitDecider, [checkedIn()])
        .when(CheckOutMember({ visitId: "v-1" }))
        .thenThrows("V3");
    });

    it("V3 rejects checking out a visit that never checked in, or twice", () => {
      given(visitDecider, [])
        .when(CheckOutMember({ visitId: "v-1", keyTag: "17" }))
        .thenThrows("V3");
      given(visitDecider, [
        checkedIn(),
        MemberCheckedOut({ visitId: "v-1", memberCard: "M-1", keyTag: "17", businessDay: DAY }),
      ])
        .when(CheckOutMember({ visitId: "v-1", keyTag: "17" }))
        .thenThrows("V3");
    });
  });

  describe("V4 the tab is settled before check-out", () => {
    it("V4 puts a water-bar charge on the visit's tab", () => {
      given(visitDecider, [checkedIn()])
        .when(ChargeTab({ visitId: "v-1", amount: 1500, source: "waterBar" }))
        .thenState((state) => expect(state).toMatchObject({ status: "inside", tab: 1500 }));
    });

    it("V4 refuses check-out while the tab is unpaid", () => {
      given(visitDecider, [checkedIn(), charged(1500)])
        .when(CheckOutMember({ visitId: "v-1", keyTag: "17" }))
        .thenThrows("V4");
    });

    it("V4 refuses check-out while part of the tab is still unpaid", () => {
      given(visitDecider, [checkedIn(), charged(1500), charged(800), settled(1500)])
        .when(CheckOutMember({ visitId: "v-1", keyTag: "17" }))
        .thenThrows("V4");
    });

    it("V4 settles the tab, then checks out", () => {
      given(visitDecider, [checkedIn(), charged(1500)])
        .when(SettleTab({ visitId: "v-1", amount: 1500, method: "wechat" }))
        .then([TabSettled({ visitId: "v-1", amount: 1500, method: "wechat" })]);
      given(visitDecider, [checkedIn(), charged(1500), settled(1500)])
        .when(CheckOutMember({ visitId: "v-1", keyTag: "17" }))
        .then([
          MemberCheckedOut({ visitId: "v-1", memberCard: "M-1", keyTag: "17", businessDay: DAY }),
        ]);
    });

    it("V4 rejects a payment larger than the tab", () => {
      given(visitDecider, [checkedIn(), charged(1500)])
        .when(SettleTab({ visitId: "v-1", amount: 1600 }))
        .thenThrows("V4");
    });

    it("V4 rejects a charge on a visit that is not inside", () => {
      given(visitDecider, [])
        .when(ChargeTab({ visitId: "v-1", amount: 1500, source: "waterBar" }))
        .thenThrows("V4");
      given(visitDecider, [
        checkedIn(),
        MemberCheckedOut({ visitId: "v-1", memberCard: "M-1", keyTag: "17", businessDay: DAY }),
      ])
        .when(ChargeTab({ visitId: "v-1", amount: 1500, source: "venue" }))
        .thenThrows("V4");
    });
  });

  describe("V5 every check-in carries what the handover book counts", () => {
    it("V5 records the entry's category and gender on the business day of check-in", () => {
      given(visitDecider, [])
        .when(
          CheckInMember({
            visitId: "v-2",
            memberCard: "T-9",
            keyTag: "4",
            category: "trial",
            gender: "male",
          }),
          // 2026-11-22T17:30Z is 01:30 on the 23rd in Shanghai: counted on the 23rd.
          { now: "2026-11-22T17:30:00Z" },
        )
        .then([
          MemberCheckedIn({
            visitId: "v-2",
            memberCard: "T-9",
            keyTag: "4",
            category: "trial",
            gender: "male",
            businessDay: "2026-11-23",
          }),
        ]);
    });
  });

  describe("V7 a lost key tag", () => {
    it("V7 reports the tag lost with the site's replacement fee, which goes on the tab", () => {
      given(visitDecider, [checkedIn()])
        .when(ReportKeyTagLost({ visitId: "v-1" }), withFee(2000))
        .then([lost(2000)]);
      given(visitDecider, [checkedIn(), charged(500)])
        .when(ReportKeyTagLost({ visitId: "v-1" }), withFee(2000))
        .thenState((state: VisitState) =>
          expect(state).toMatchObject({ tagLost: true, keyTag: "17", tab: 2500 }),
        );
    });

    it("V7 carries no fee when the policy sets none (the default)", () => {
      given(visitDecider, [checkedIn()])
        .when(ReportKeyTagLost({ visitId: "v-1" }))
        .then([lost(0)]);
    });

    it("V7 checks out without the tag once the replacement fee is settled", () => {
      given(visitDecider, [checkedIn(), lost(2000)])
        .when(CheckOutMember({ visitId: "v-1" }))
        .thenThrows("V4");
      given(visitDecider, [checkedIn(), lost(2000), settled(2000)])
        .when(CheckOutMember({ visitId: "v-1" }))
        .then([
          MemberCheckedOut({ visitId: "v-1", memberCard: "M-1", keyTag: null, businessDay: DAY }),
        ]);
    });

    it("V3 after a loss, naming another tag at check-out is still refused", () => {
      given(visitDecider, [checkedIn(), lost(0)])
        .when(CheckOutMember({ visitId: "v-1", keyTag: "18" }))
        .thenThrows("V3");
    });

    it("V7 rejects reporting the same tag lost twice", () => {
      given(visitDecider, [checkedIn(), lost(0)])
        .when(ReportKeyTagLost({ visitId: "v-1" }))
        .thenThrows("V7");
    });

    it("V7 rejects reporting a loss on a visit that is not inside", () => {
      given(visitDecider, [])
        .when(ReportKeyTagLost({ visitId: "v-1" }))
        .thenThrows("V7");
      given(visitDecider, [
        checkedIn(),
        MemberCheckedOut({ visitId: "v-1", memberCard: "M-1", keyTag: "17", businessDay: DAY }),
      ])
        .when(ReportKeyTagLost({ visitId: "v-1" }))
        .thenThrows("V7");
    });
  });
});
