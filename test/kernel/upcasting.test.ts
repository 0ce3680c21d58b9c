import {
  CommandHandler,
  createMemoryStore,
  createServiceOps,
  dailyEntryCounts,
  defineAggregate,
  defineEvent,
  defineSite,
  MemberCheckedIn,
  manualClock,
  UpcasterRegistry,
  ValidationError,
  visitAggregate,
} from "svcops";
import { newEvent } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

describe("Upcasting", () => {
  it("reads a version-1 MemberCheckedIn (before `category`) as a member check-in", async () => {
    expect(MemberCheckedIn.schemaVersion).toBe(2);
    const store = createMemoryStore();
    const v1 = {
      visitId: "v-old",
      memberCard: "M-9",
      keyTag: "7",
      gender: "male",
      businessDay: "2026-11-22",
    };
    await store.append({
      streamId: "club-1/visit/v-old",
      expectedVersion: "no-stream",
      events: [{ ...newEvent("MemberCheckedIn", v1), schemaVersion: 1 }],
    });
    const ops = createServiceOps({
      site: { id: "club-1" },
      store,
      clock: manualClock("2026-11-22T03:00:00Z"),
    });
    const { state } = await ops.state(visitAggregate, "club-1/visit/v-old");
    expect(state).toMatchObject({ status: "inside", category: "member", keyTag: "7" });
  });

  it("upgrades old events for projections too", async () => {
    const store = createMemoryStore();
    const v1 = {
      visitId: "v-old",
      memberCard: "M-9",
      keyTag: "7",
      gender: "male",
      businessDay: "2026-11-22",
    };
    const event = { ...newEvent("MemberCheckedIn", v1), schemaVersion: 1 };
    await store.append({
      streamId: "club-1/visit/v-old",
      expectedVersion: "no-stream",
      events: [{ ...event, metadata: { ...event.metadata, siteId: "club-1" } }],
    });
    const ops = createServiceOps({ site: { id: "club-1" }, store });
    expect((await ops.read(dailyEntryCounts)).get("2026-11-22")?.member.male).toBe(1);
  });

  it("runs a chain v1 → v2 → v3 in order", () => {
    const Event = defineEvent("Renamed", z.object({ fullName: z.string(), desk: z.string() }), {
      schemaVersion: 3,
      upcasters: [
        { from: 1, up: (d) => ({ fullName: (d as { name: string }).name }) },
        { from: 2, up: (d) => ({ ...(d as object), desk: "main" }) },
      ],
    });
    const registry = new UpcasterRegistry([Event]);
    const stored = { ...newEvent("Renamed", { name: "Li Lei" }), schemaVersion: 1 } as never;
    expect(registry.upcast(stored)).toMatchObject({
      schemaVersion: 3,
      data: { fullName: "Li Lei", desk: "main" },
    });
  });

  it("validates the chains at start-up: a missing step is refused", () => {
    const Broken = defineEvent("Broken", z.object({ a: z.string() }), {
      schemaVersion: 3,
      upcasters: [{ from: 1, up: (d) => d }],
    });
    const aggregate = defineAggregate({
      ...visitAggregate,
      name: "broken",
      events: [Broken],
      commands: [],
    });
    expect(
      () =>
        new CommandHandler({
          store: createMemoryStore(),
          site: defineSite({ id: "s" }),
          clock: manualClock(0),
          aggregates: [aggregate],
        }),
    ).toThrow(/needs upcasters from 1, 2 in order; found 1/);
  });

  it("fails loudly, naming the field, when an upcaster produces bad data", () => {
    const Event = defineEvent("Bad", z.object({ a: z.string() }), {
      schemaVersion: 2,
      upcasters: [{ from: 1, up: () => ({ a: 1 }) }],
    });
    const registry = new UpcasterRegistry([Event]);
    const stored = { ...newEvent("Bad", {}), schemaVersion: 1 } as never;
    expect(() => registry.upcast(stored)).toThrow(ValidationError);
    expect(() => registry.upcast(stored)).toThrow(/data\.a/);
  });
});
