import {
  CommandHandler,
  createMemoryStore,
  defineProjection,
  defineSite,
  manualClock,
  ProjectionRunner,
} from "svcops";
import { describe, expect, it } from "vitest";
import { counterAggregate, desk } from "./counter-fixture.js";

const total = defineProjection<number>({
  name: "total",
  initialView: 0,
  fold: (view, event) => view + (event.data as { by: number }).by,
});

describe("ProjectionRunner", () => {
  it("catches up from its checkpoint, in batches, and rebuilds to the same view", async () => {
    const store = createMemoryStore();
    const h = new CommandHandler({
      store,
      site: defineSite({ id: "club-1" }),
      clock: manualClock(0),
      aggregates: [counterAggregate()],
    });
    const runner = new ProjectionRunner(store, total, { batchSize: 3 });
    for (let i = 1; i <= 10; i++)
      await h.execute({ type: "Increment", data: { id: `c${i % 3}`, by: i } }, { actor: desk });
    expect(await runner.catchUp()).toBe(10);
    expect(runner.view).toBe(55);
    await h.execute({ type: "Increment", data: { id: "c1", by: 100 } }, { actor: desk });
    expect(await runner.catchUp()).toBe(1);
    expect(await runner.catchUp()).toBe(0);
    expect(runner.view).toBe(155);
    expect(await runner.rebuild()).toBe(11);
    expect(runner.view).toBe(155);
  });

  it("reads only one site's events when asked", async () => {
    const store = createMemoryStore();
    const clock = manualClock(0);
    const a = new CommandHandler({
      store,
      site: defineSite({ id: "club-1" }),
      clock,
      aggregates: [counterAggregate()],
    });
    const b = new CommandHandler({
      store,
      site: defineSite({ id: "club-2" }),
      clock,
      aggregates: [counterAggregate()],
    });
    await a.execute({ type: "Increment", data: { id: "x", by: 1 } }, { actor: desk });
    await b.execute(
      { type: "Increment", data: { id: "x", by: 5 } },
      { actor: { ...desk, sites: ["club-2"] } },
    );
    const runner = new ProjectionRunner(store, total, { siteId: "club-2" });
    await runner.catchUp();
    expect(runner.view).toBe(5);
    expect(() => new ProjectionRunner(store, total, { batchSize: 0 })).toThrow(RangeError);
  });
});
