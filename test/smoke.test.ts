import { describe, expect, it } from "vitest";
import {
  type Actor,
  CheckInMember,
  CheckOutMember,
  createServiceOps,
  keyTagLedger,
  manualClock,
  RegisterKeyTags,
  Unauthorized,
  visitAggregate,
} from "../src/index.js";

describe("smoke", () => {
  it("checks a member in and out through the façade", async () => {
    const ops = createServiceOps({
      site: { id: "club-1" },
      clock: manualClock("2026-11-22T02:00:00Z"),
    });
    const lead: Actor = { id: "lead-1", role: "teamLead", sites: ["club-1"] };
    const desk: Actor = { id: "desk-1", role: "frontDesk", sites: ["club-1"] };
    await ops.execute(RegisterKeyTags({ tags: ["1", "2"] }), { actor: lead });
    const r = await ops.execute(
      CheckInMember({ visitId: "v1", memberCard: "M1", keyTag: "1", gender: "female" }),
      { actor: desk },
    );
    expect(r.events.map((e) => e.type)).toEqual(["MemberCheckedIn", "KeyTagIssued"]);
    expect((await ops.read(keyTagLedger)).out.get("1")?.memberCard).toBe("M1");
    await ops.execute(CheckOutMember({ visitId: "v1", keyTag: "1" }), { actor: desk });
    expect((await ops.read(keyTagLedger)).out.size).toBe(0);
  });

  it("refuses to read another site's stream through a site's façade", async () => {
    const ops = createServiceOps({ site: { id: "club-1" } });
    await expect(ops.state(visitAggregate, "club-2/visit/v1")).rejects.toBeInstanceOf(Unauthorized);
  });
});
