/**
 * `Aggregate.guard`: a command decided after a check on another stream that it does not write.
 * The guard's stream goes into the command's commit with no events and the version it was
 * decided at, so a writer that moves it in between makes the command decide again; a refusal
 * decided on a cached guard state is confirmed on the store's, like every refusal.
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

const Shut = defineCommand("Shut", z.strictObject({ open: z.boolean() }), {
  roles: ["dutyManager"],
});
const Pass = defineCommand("Pass", z.strictObject({}), { roles: [] });
const GateSet = defineEvent("GateSet", z.object({ open: z.boolean() }));
type GateCommand = MessageOf<typeof Shut> | MessageOf<typeof Pass>;
type GateSet = MessageOf<typeof GateSet>;

/** One gate per site: open or shut. */
const gate = defineAggregate<GateCommand, GateSet, boolean>({
  name: "gate",
  version: 1,
  decider: {
    initialState: true,
    decide(command, open) {
      if (command.type === "Shut") return [{ type: "GateSet", data: { open: command.data.open } }];
      if (!open) throw new RuleViolation("S7", "the gate is shut.");
      return [];
    },
    evolve: (_open, event) => event.data.open,
  },
  commands: [Shut, Pass],
  events: [GateSet],
  streamId: (_command, scope) => streamName(scope.siteId, "gate", "main"),
});

const Note = defineCommand("Note", z.strictObject({ id: z.string() }), { roles: ["frontDesk"] });
const Noted = defineEvent("Noted", z.object({ id: z.string() }));
type Note = MessageOf<typeof Note>;
type Noted = MessageOf<typeof Noted>;

/** A note per id, each guarded by the gate. */
const notes = defineAggregate<Note, Noted, number>({
  name: "notes",
  version: 1,
  decider: {
    initialState: 0,
    decide: (command) => [{ type: "Noted", data: { id: command.data.id } }],
    evolve: (n) => n + 1,
  },
  commands: [Note],
  events: [Noted],
  streamId: (command, scope) => streamName(scope.siteId, "notes", command.data.id),
  guard: () => [{ aggregate: gate, command: { type: "Pass", data: {} } }],
});

const desk = deskOfS;
const manager = managerOfS;
const ops = (store: EventStore) => opsOnSiteS(store, [gate, notes]);

describe("guards", () => {
  it("a guarded command's commit carries the guard's stream with no events and its version", async () => {
    const { store, commits } = recording(createMemoryStore());
    const app = ops(store);
    await app.execute(Note({ id: "n-1" }), { actor: desk });
    await app.execute(Shut({ open: true }), { actor: manager });
    await app.execute(Note({ id: "n-2" }), { actor: desk });
    expect(commits[0]?.map((r) => [r.streamId, r.expectedVersion, r.events.length])).toEqual([
      ["s/gate/main", "no-stream", 0],
      ["s/notes/n-1", "no-stream", 1],
    ]);
    expect(commits[2]?.map((r) => [r.streamId, r.expectedVersion, r.events.length])).toEqual([
      ["s/gate/main", 1, 0],
      ["s/notes/n-2", "no-stream", 1],
    ]);
  });

  it("a gate shut by another instance refuses a command decided on the cached open gate, appending nothing", async () => {
    const shared = createMemoryStore();
    const [a, b] = [ops(shared), ops(shared)];
    await a.execute(Note({ id: "n-1" }), { actor: desk });
    await b.execute(Shut({ open: false }), { actor: manager });
    const size = shared.size;
    await expect(a.execute(Note({ id: "n-2" }), { actor: desk })).rejects.toThrow(RuleViolation);
    expect(shared.size).toBe(size);
  });

  it("a gate opened again by another instance lets through a command whose cached state saw it shut", async () => {
    const shared = createMemoryStore();
    const [a, b] = [ops(shared), ops(shared)];
    await a.execute(Shut({ open: false }), { actor: manager });
    await expect(a.execute(Note({ id: "n-1" }), { actor: desk })).rejects.toThrow(RuleViolation);
    await b.execute(Shut({ open: true }), { actor: manager });
    // a's cache still has the gate shut: the refusal is confirmed on the store's state, and fails.
    const result = await a.execute(Note({ id: "n-1" }), { actor: desk });
    expect(result.events.map((e) => e.type)).toEqual(["Noted"]);
  });
});
