/**
 * `Aggregate.forward`: a command that an aggregate answers by passing it on, read from its state,
 * without an event of its own (N2: the key-tag pool passes a water-bar charge to the tab of the
 * visit the tag is out on). The forwarding stream goes into the commit with no events and the
 * version it was read at, so a route that changed in between makes the command decide again.
 */
import {
  createMemoryStore,
  defineAggregate,
  defineCommand,
  defineEvent,
  type EventStore,
  type MessageOf,
  RuleViolation,
  streamName,
} from "svcops";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { recording } from "../support/recording-store.js";
import { deskOfS, managerOfS, opsOnSiteS } from "../support/site-s.js";

// A directory: which box each name's post goes to.
const Point = defineCommand("Point", z.strictObject({ name: z.string(), box: z.string() }), {
  roles: ["dutyManager"],
});
const Deliver = defineCommand("Deliver", z.strictObject({ name: z.string(), item: z.string() }), {
  roles: ["frontDesk"],
});
const Pointed = defineEvent("Pointed", z.object({ name: z.string(), box: z.string() }));
type DirectoryCommand = MessageOf<typeof Point> | MessageOf<typeof Deliver>;
type Pointed = MessageOf<typeof Pointed>;
type Directory = ReadonlyMap<string, string>;

// A box: what was put in it.
const Put = defineCommand("Put", z.strictObject({ box: z.string(), item: z.string() }), {
  roles: [],
});
const PutIn = defineEvent("PutIn", z.object({ box: z.string(), item: z.string() }));
type Put = MessageOf<typeof Put>;
type PutIn = MessageOf<typeof PutIn>;

const box = defineAggregate<Put, PutIn, readonly string[]>({
  name: "box",
  version: 1,
  decider: {
    initialState: [],
    decide: (command) => [{ type: "PutIn", data: command.data }],
    evolve: (items, event) => [...items, event.data.item],
  },
  commands: [Put],
  events: [PutIn],
  streamId: (command, scope) => streamName(scope.siteId, "box", command.data.box),
});

const directory = defineAggregate<DirectoryCommand, Pointed, Directory>({
  name: "directory",
  version: 1,
  decider: {
    initialState: new Map(),
    decide(command, routes) {
      if (command.type === "Point") return [{ type: "Pointed", data: command.data }];
      if (!routes.has(command.data.name)) {
        throw new RuleViolation("N2", `nobody called ${command.data.name} has a box.`);
      }
      return []; // passed on by forward, below
    },
    evolve: (routes, event) => new Map(routes).set(event.data.name, event.data.box),
  },
  commands: [Point, Deliver],
  events: [Pointed],
  streamId: (_command, scope) => streamName(scope.siteId, "directory", "main"),
  forward: (command, routes) => {
    const to = command.type === "Deliver" ? routes.get(command.data.name) : undefined;
    if (to === undefined || command.type !== "Deliver") return [];
    return [{ aggregate: box, command: Put({ box: to, item: command.data.item }) }];
  },
});

const desk = deskOfS;
const manager = managerOfS;
const ops = (store: EventStore) => opsOnSiteS(store, [directory, box]);

describe("forward", () => {
  it("a forwarded command's commit carries the router's stream with no events and its version, and the event where it was passed", async () => {
    const { store, commits } = recording(createMemoryStore());
    const app = ops(store);
    await app.execute(Point({ name: "Li", box: "b-7" }), { actor: manager });
    const result = await app.execute(Deliver({ name: "Li", item: "parcel" }), { actor: desk });
    expect(result.events.map((e) => [e.type, e.streamId])).toEqual([["PutIn", "s/box/b-7"]]);
    expect(commits.at(-1)?.map((r) => [r.streamId, r.expectedVersion, r.events.length])).toEqual([
      ["s/directory/main", 1, 0],
      ["s/box/b-7", "no-stream", 1],
    ]);
  });

  it("a route changed by another instance after this one cached it: the command decides again and goes where the route now leads", async () => {
    const shared = createMemoryStore();
    const [a, b] = [ops(shared), ops(shared)];
    await a.execute(Point({ name: "Li", box: "b-7" }), { actor: manager });
    await a.execute(Deliver({ name: "Li", item: "letter" }), { actor: desk }); // a caches the route
    await b.execute(Point({ name: "Li", box: "b-9" }), { actor: manager });
    const result = await a.execute(Deliver({ name: "Li", item: "parcel" }), { actor: desk });
    expect(result.events.map((e) => e.streamId)).toEqual(["s/box/b-9"]);
    const { state } = await a.state(box, "s/box/b-7");
    expect(state).toEqual(["letter"]);
  });

  it("a route the router refuses appends nothing anywhere", async () => {
    const store = createMemoryStore();
    const app = ops(store);
    await app.execute(Point({ name: "Li", box: "b-7" }), { actor: manager });
    const size = store.size;
    await expect(
      app.execute(Deliver({ name: "Wu", item: "parcel" }), { actor: desk }),
    ).rejects.toThrow(RuleViolation);
    expect(store.size).toBe(size);
  });
});
