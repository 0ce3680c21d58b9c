/**
 * Ordinary contention never reaches the caller: several app instances of one site write to one
 * store (each check-in and check-out also moves the site's one key-tag pool stream), and every
 * command succeeds without the app writing a retry loop. The handler decides again after a
 * VersionConflict, with backoff and jitter, for as long as its retry policy allows (10 s by
 * default). And a handler with a tiny state cache gives the same results as the default one.
 */
import {
  type Actor,
  CheckInMember,
  CheckOutMember,
  createMemoryStore,
  createServiceOps,
  keyTagLedger,
  manualClock,
  RegisterKeyTags,
  type ServiceOps,
  VersionConflict,
} from "svcops";
import { readAllFrom } from "svcops/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type SharedStore, sharedStores } from "../support/shared-stores.js";
import { lead, NOW, SITE } from "./fixtures.js";

/** Memory, SQLite and PostgreSQL (a throwaway cluster for this file). */
const STORES = sharedStores({ postgres: true });

const desk = (n: number): Actor => ({ id: `desk-${n}`, role: "frontDesk", sites: [SITE] });

/** Each desk checks members in and out on its own tag, `rounds` times; returns the failures. */
async function deskDay(
  ops: ServiceOps,
  deskNo: number,
  rounds: number,
  failures: unknown[],
): Promise<void> {
  const actor = desk(deskNo);
  for (let round = 0; round < rounds; round++) {
    const visitId = `d${deskNo}-r${round}`;
    try {
      await ops.execute(
        CheckInMember({
          visitId,
          memberCard: `M-${visitId}`,
          keyTag: `t${deskNo}`,
          gender: "male",
        }),
        { actor },
      );
      await ops.execute(CheckOutMember({ visitId, keyTag: `t${deskNo}` }), { actor });
    } catch (error) {
      failures.push(error);
    }
  }
}

for (const make of STORES) {
  describe(`Contention on one ${make().name} store`, () => {
    let shared: SharedStore | undefined;
    afterEach(async () => {
      await shared?.release();
      shared = undefined;
    });

    it("three app instances of one site, four desks each, 240 check-ins and check-outs: no VersionConflict reaches a desk", async () => {
      shared = make();
      const clock = manualClock(NOW);
      const instances: ServiceOps[] = [];
      const stores = [await shared.open(), await shared.open(), await shared.open()];
      for (const store of stores) {
        instances.push(createServiceOps({ site: { id: SITE }, store, clock }));
      }
      const tags = Array.from({ length: 12 }, (_, n) => `t${n}`);
      await instances[0]?.execute(RegisterKeyTags({ tags }), { actor: lead });
      const failures: unknown[] = [];
      await Promise.all(
        instances.flatMap((ops, i) =>
          [0, 1, 2, 3].map((d) => deskDay(ops, i * 4 + d, 20, failures)),
        ),
      );
      expect(failures.filter((f) => f instanceof VersionConflict)).toEqual([]);
      expect(failures).toEqual([]);
      const { events } = await readAllFrom(stores[0] ?? (await shared.open()));
      const count = (type: string) => events.filter((e) => e.type === type).length;
      expect(count("MemberCheckedIn")).toBe(240);
      expect(count("MemberCheckedOut")).toBe(240);
      expect(count("KeyTagIssued")).toBe(240);
      expect(count("KeyTagReturned")).toBe(240);
      for (const ops of instances) expect((await ops.read(keyTagLedger)).out.size).toBe(0);
    }, 60_000);
  });
}

describe("A handler's state cache size", () => {
  async function eightDesks(cacheSize: number | undefined) {
    const store = createMemoryStore();
    const ops = createServiceOps({
      site: { id: SITE },
      store,
      clock: manualClock(NOW),
      ...(cacheSize === undefined ? {} : { cacheSize }),
    });
    const tags = Array.from({ length: 8 }, (_, n) => `t${n}`);
    await ops.execute(RegisterKeyTags({ tags }), { actor: lead });
    const failures: unknown[] = [];
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((d) => deskDay(ops, d, 50, failures)));
    const { events } = await readAllFrom(store);
    const types = new Map<string, number>();
    for (const event of events) types.set(event.type, (types.get(event.type) ?? 0) + 1);
    return { failures, types, ledger: (await ops.read(keyTagLedger)).out.size };
  }

  for (const size of [0, 1, 2]) {
    it(`cacheSize ${size} gives the same results as the default with 8 desks: no VersionConflict, no refusal`, async () => {
      const reference = await eightDesks(undefined);
      const small = await eightDesks(size);
      expect(reference.failures).toEqual([]);
      expect(small.failures).toEqual([]);
      expect(small.types).toEqual(reference.types);
      expect(small.ledger).toBe(0);
    }, 60_000);
  }
});
