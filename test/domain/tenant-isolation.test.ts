/**
 * A chain of clubs shares one store: each site sees only its own data. A command id is unique
 * per site (club-2 reusing club-1's id sends a new command and learns nothing of club-1's), and
 * every way into a site's data through the façade checks the site.
 */
import {
  type Actor,
  CheckInMember,
  CommandHandler,
  createServiceOps,
  defaultAggregates,
  defineSite,
  manualClock,
  RegisterKeyTags,
  Unauthorized,
  ValidationError,
  visitAggregate,
} from "svcops";
import { afterEach, describe, expect, it } from "vitest";
import { type SharedStore, sharedStores } from "../support/shared-stores.js";
import { NOW } from "./fixtures.js";

const actors = (site: string) => ({
  lead: { id: `lead-${site}`, role: "teamLead", sites: [site] } satisfies Actor,
  desk: { id: `desk-${site}`, role: "frontDesk", sites: [site] } satisfies Actor,
});

for (const make of sharedStores()) {
  describe(`Tenant isolation on one ${make().name} store`, () => {
    let shared: SharedStore | undefined;
    afterEach(async () => {
      await shared?.release();
      shared = undefined;
    });

    async function twoClubs() {
      shared = make();
      const clock = manualClock(NOW);
      const club1 = createServiceOps({ site: { id: "club-1" }, store: await shared.open(), clock });
      const club2 = createServiceOps({ site: { id: "club-2" }, store: await shared.open(), clock });
      for (const [ops, site] of [
        [club1, "club-1"],
        [club2, "club-2"],
      ] as const) {
        await ops.execute(RegisterKeyTags({ tags: ["17"] }), { actor: actors(site).lead });
      }
      return { club1, club2 };
    }

    const checkIn = (memberCard: string) =>
      CheckInMember({ visitId: "v-1", memberCard, keyTag: "17", gender: "female" });

    it("a command id club-1 used is a new command at club-2: appended there, nothing of club-1's returned", async () => {
      const { club1, club2 } = await twoClubs();
      const first = await club1.execute(checkIn("M-1"), {
        actor: actors("club-1").desk,
        commandId: "kiosk-1",
      });
      const second = await club2.execute(checkIn("M-1"), {
        actor: actors("club-2").desk,
        commandId: "kiosk-1",
      });
      expect(second.duplicate).toBe(false);
      expect(second.events.length).toBeGreaterThan(0);
      for (const event of second.events) {
        expect(event.metadata.siteId).toBe("club-2");
        expect(event.streamId.startsWith("club-2/")).toBe(true);
      }
      expect(second.events.map((e) => e.eventId)).not.toEqual(first.events.map((e) => e.eventId));
      // Each club's repeat answers from its own record.
      const again = await club2.execute(checkIn("M-1"), {
        actor: actors("club-2").desk,
        commandId: "kiosk-1",
      });
      expect(again.duplicate).toBe(true);
      expect(again.events.map((e) => e.eventId)).toEqual(second.events.map((e) => e.eventId));
    });

    it("a command id club-1 used for another command is no IdempotencyConflict at club-2", async () => {
      const { club1, club2 } = await twoClubs();
      await club1.execute(checkIn("M-1"), { actor: actors("club-1").desk, commandId: "k" });
      const other = await club2.execute(checkIn("M-2"), {
        actor: actors("club-2").desk,
        commandId: "k",
      });
      expect(other.duplicate).toBe(false);
      expect((await club2.state(visitAggregate, "club-2/visit/v-1")).version).toBe(1);
    });

    it("club-2's façade refuses club-1's streams, hands back neither the store nor the handler, and its site cannot be changed", async () => {
      const { club1, club2 } = await twoClubs();
      await club1.execute(checkIn("M-1"), { actor: actors("club-1").desk });
      await expect(club2.state(visitAggregate, "club-1/visit/v-1")).rejects.toBeInstanceOf(
        Unauthorized,
      );
      expect((await club1.state(visitAggregate, "club-1/visit/v-1")).version).toBe(1);
      expect(Object.keys(club2).sort()).toEqual([
        "erasePersonalData",
        "execute",
        "read",
        "site",
        "state",
        "upcasters",
      ]);
      expect(Object.isFrozen(club2) && Object.isFrozen(club2.site)).toBe(true);
      expect(() => {
        (club2.site as { id: string }).id = "club-1";
      }).toThrow(TypeError);
      await expect(club2.state(visitAggregate, "club-1/visit/v-1")).rejects.toBeInstanceOf(
        Unauthorized,
      );
    });

    it("a CommandHandler of club-2 refuses to load club-1's streams", async () => {
      const { club1 } = await twoClubs();
      await club1.execute(checkIn("M-1"), { actor: actors("club-1").desk });
      if (!shared) throw new Error("no store");
      const handler = new CommandHandler({
        store: await shared.open(),
        site: defineSite({ id: "club-2" }),
        clock: manualClock(NOW),
        aggregates: defaultAggregates,
      });
      await expect(handler.load(visitAggregate, "club-1/visit/v-1")).rejects.toBeInstanceOf(
        Unauthorized,
      );
    });

    it('a site built by hand with a "/" in its id is refused, so that command keys and streams cannot collide', async () => {
      shared = make();
      const store = await shared.open();
      const site = { ...defineSite({ id: "club-1" }), id: "club-1/kiosk" };
      expect(() => createServiceOps({ site, store })).toThrow(ValidationError);
      expect(() => createServiceOps({ site: { id: 42 as unknown as string }, store })).toThrow(
        ValidationError,
      );
    });

    it("projections read through club-2's façade hold none of club-1's events", async () => {
      const { club1, club2 } = await twoClubs();
      await club1.execute(checkIn("M-1"), { actor: actors("club-1").desk });
      const { keyTagLedger } = await import("svcops");
      expect((await club2.read(keyTagLedger)).out.size).toBe(0);
      expect((await club1.read(keyTagLedger)).out.get("17")?.memberCard).toBe("M-1");
    });
  });
}
