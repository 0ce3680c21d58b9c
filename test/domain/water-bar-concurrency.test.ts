/**
 * N2 and V4 under concurrency: two bar staff on two app instances sell on the same member's key
 * tag at the same moment (each at the bar counter of their own, with its own receipt numbers),
 * while a desk on a third instance settles part of the tab. Every sale appends its receipt, the
 * pool's charge and the visit's TabCharged together or not at all; the tab is exactly what was
 * sold on the tag less what was settled; and check-out is refused until it is zero.
 */
import {
  type Actor,
  CheckInMember,
  CheckOutMember,
  CountOpeningStock,
  createServiceOps,
  type EventStore,
  ListItems,
  manualClock,
  RegisterKeyTags,
  RuleViolation,
  SellItems,
  type ServiceOps,
  SettleTab,
  visitAggregate,
  visitStream,
} from "svcops";
import { createPostgresStore } from "svcops/postgres";
import { readAllFrom } from "svcops/testing";
import { afterEach, describe, expect, it } from "vitest";
import { findPostgres, startPgCluster } from "../support/pg-cluster.js";
import { type SharedStore, sharedStores } from "../support/shared-stores.js";
import { NOW } from "./fixtures.js";

const SITE = "club-1";
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const lead = person("lead-1", "teamLead");
const desk = person("desk-1", "frontDesk");
const bars = [person("bar-1", "waterBar"), person("bar-2", "waterBar")];
const SALES = 12;
const PRICE = 300;

/** The race on three instances (a desk, two bars) sharing one store through `stores`. */
async function waterBarRace(stores: readonly EventStore[]): Promise<void> {
  const clock = manualClock(NOW);
  const [deskOps, ...barOps] = stores.map((store) =>
    createServiceOps({ site: { id: SITE }, store, clock }),
  ) as [ServiceOps, ServiceOps, ServiceOps];
  await deskOps.execute(RegisterKeyTags({ tags: ["17"] }), { actor: lead });
  await deskOps.execute(
    CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "17", gender: "female" }),
    { actor: desk },
  );
  for (const [i, ops] of barOps.entries()) {
    const location = `bar-${i + 1}`;
    await ops.execute(ListItems({ location, items: [{ item: "water", kind: "goods" }] }), {
      actor: lead,
    });
    await ops.execute(CountOpeningStock({ location, counts: [{ item: "water", quantity: 100 }] }), {
      actor: bars[i] as Actor,
    });
  }
  const sell = async (i: number) => {
    const ops = barOps[i] as ServiceOps;
    for (let n = 1; n <= SALES; n++) {
      await ops.execute(
        SellItems({
          location: `bar-${i + 1}`,
          receiptNumber: n,
          lines: [{ item: "water", quantity: 1, unitPrice: PRICE }],
          payment: { keyTag: "17" },
        }),
        { actor: bars[i] as Actor },
      );
    }
  };
  let settled = 0;
  const settle = async () => {
    for (let n = 0; n < SALES; n++) {
      try {
        await deskOps.execute(SettleTab({ visitId: "v-1", amount: PRICE, method: "wechat" }), {
          actor: desk,
        });
        settled += PRICE;
      } catch (error) {
        // More than the tab at that moment (V4): nothing is appended; the desk tries again.
        if (!(error instanceof RuleViolation)) throw error;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all([sell(0), sell(1), settle()]);

  const { events } = await readAllFrom(stores[0] as EventStore);
  const ofType = (type: string) => events.filter((e) => e.type === type);
  expect(ofType("ItemsSold")).toHaveLength(2 * SALES);
  expect(ofType("TabCharged")).toHaveLength(2 * SALES);
  // Each sale's two events were appended by one command (the pool routes without an event).
  for (const sale of ofType("ItemsSold")) {
    const together = events.filter((e) => e.metadata.commandId === sale.metadata.commandId);
    expect(together.map((e) => e.type).sort()).toEqual(["ItemsSold", "TabCharged"]);
  }
  const { state } = await deskOps.state(visitAggregate, visitStream(SITE, "v-1"));
  const tab = (state as { tab: number }).tab;
  expect(tab).toBe(2 * SALES * PRICE - settled);
  if (tab > 0) {
    await expect(
      deskOps.execute(CheckOutMember({ visitId: "v-1", keyTag: "17" }), { actor: desk }),
    ).rejects.toMatchObject({ rule: "V4" });
    await deskOps.execute(SettleTab({ visitId: "v-1", amount: tab, method: "cash" }), {
      actor: desk,
    });
  }
  await deskOps.execute(CheckOutMember({ visitId: "v-1", keyTag: "17" }), { actor: desk });
}

for (const make of sharedStores()) {
  describe(`Water bar on the key tag, on one ${make().name} store`, () => {
    let shared: SharedStore | undefined;
    afterEach(async () => {
      await shared?.release();
      shared = undefined;
    });

    it("N2 V4 two bar staff and a desk on the same member at the same moment: every sale is on the tab once, and the tab settles to zero", async () => {
      shared = make();
      await waterBarRace([await shared.open(), await shared.open(), await shared.open()]);
    }, 60_000);
  });
}

const found = findPostgres();
describe.skipIf(typeof found === "string")(
  "Water bar on the key tag, on one PostgreSQL store",
  () => {
    it("N2 V4 two bar staff and a desk on the same member at the same moment: every sale is on the tab once, and the tab settles to zero", async () => {
      if (typeof found === "string") return;
      const cluster = await startPgCluster(found);
      const stores = [0, 1, 2].map(() =>
        createPostgresStore({ connectionString: cluster.connectionString, maxConnections: 3 }),
      );
      try {
        await stores[0]?.migrate();
        await waterBarRace(stores);
      } finally {
        await Promise.allSettled(stores.map((store) => store.close()));
        await cluster.stop();
      }
    }, 90_000);
  },
);
