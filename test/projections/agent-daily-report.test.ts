/**
 * The call centre's daily report per agent (W1, the information desk's statistics): calls
 * answered, work orders opened, repair callbacks and complaints lodged, per person and business
 * day of the site's zone.
 */
import {
  agentDailyReport,
  type CallAnsweredLike,
  createCalendar,
  EmergencyRepairRaised,
} from "svcops";
import { projectionSpec } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { lodged } from "../domain/complaint-fixtures.js";
import { NOW } from "../domain/fixtures.js";
import { calledBack, created } from "../domain/work-order-fixtures.js";

/** A call answered, shaped as the phone desk's `CallAnswered` (only `data.by` is read). */
const callAnswered = (by: CallAnsweredLike["data"]["by"]) =>
  ({
    type: "CallAnswered",
    data: { callId: "call-1", rings: 2, by: { ...by, at: NOW } },
  }) as CallAnsweredLike;

const shanghai = agentDailyReport(createCalendar({ timeZone: "Asia/Shanghai" }));

describe("agentDailyReport", () => {
  it("W1 the daily report counts each agent's calls, orders, callbacks and complaints", () => {
    projectionSpec(shanghai)
      .given([
        callAnswered({ id: "agent-li", role: "callAgent" }),
        callAnswered({ id: "agent-li", role: "callAgent" }),
        callAnswered({ id: "agent-ma", role: "callAgent" }),
        created, // by agent-li
        calledBack("confirmed"), // by agent-li
        lodged({ recordedBy: { staffId: "agent-ma", role: "callAgent" } }),
        EmergencyRepairRaised({
          orderId: "em-1",
          department: "engineering",
          fault: "fibre cut",
          location: "building 5",
          contact: { name: "property office", phone: "02100000000" },
          raisedBy: { staffId: "lead-zhao", role: "teamLead" },
          at: NOW,
        }),
      ])
      .then(
        new Map([
          [
            "2026-11-22",
            new Map([
              ["agent-li", { calls: 2, orders: 1, callbacks: 1, complaints: 0 }],
              ["agent-ma", { calls: 1, orders: 0, callbacks: 0, complaints: 1 }],
              ["lead-zhao", { calls: 0, orders: 1, callbacks: 0, complaints: 0 }],
            ]),
          ],
        ]),
      );
  });

  it("W1 the daily report counts on the business day of the site's zone, not the UTC date", () => {
    // 16:30 UTC on the 22nd is 00:30 on the 23rd in Shanghai, still the 22nd in London.
    const lateCall = { event: callAnswered({ id: "agent-li" }), at: "2026-11-22T16:30:00.000Z" };
    projectionSpec(shanghai)
      .given([callAnswered({ id: "agent-li" }), lateCall])
      .then((report) => {
        expect(report.get("2026-11-22")?.get("agent-li")?.calls).toBe(1);
        expect(report.get("2026-11-23")?.get("agent-li")?.calls).toBe(1);
      });
    projectionSpec(agentDailyReport(createCalendar({ timeZone: "Europe/London" })))
      .given([callAnswered({ id: "agent-li" }), lateCall])
      .then((report) => {
        expect(report.get("2026-11-22")?.get("agent-li")?.calls).toBe(2);
      });
  });

  it("W1 a call signed with staffId counts too; one signed by nobody counts for nobody", () => {
    projectionSpec(shanghai)
      .given([callAnswered({ staffId: "agent-li" }), callAnswered({})])
      .then((report) => {
        expect([...(report.get("2026-11-22")?.entries() ?? [])]).toEqual([
          ["agent-li", { calls: 1, orders: 0, callbacks: 0, complaints: 0 }],
        ]);
      });
  });

  it("one report per calendar: the same projection object each call", () => {
    const calendar = createCalendar();
    expect(agentDailyReport(calendar)).toBe(agentDailyReport(calendar));
  });
});
