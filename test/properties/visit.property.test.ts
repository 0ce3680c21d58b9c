/**
 * Properties of the Visit and the key-tag pool under any sequence of front-desk commands: random
 * check-ins, charges, payments, lost tags and check-outs over a few visits and tags, run through
 * the façade on a memory store. Refusals (SvcOpsError) are part of the sequence, not failures.
 */
import fc from "fast-check";
import {
  type AnyAggregate,
  createServiceOps,
  type Decider,
  type KeyTagPoolState,
  keyTagLedger,
  keyTagMovements,
  keyTagPoolAggregate,
  keyTagPoolDecider,
  keyTagPoolStream,
  type Message,
  reconcileKeyTags,
  replay,
  type ServiceOps,
  type ShippedCommand,
  SvcOpsError,
  type VisitState,
  visitAggregate,
  visitDecider,
  visitStream,
} from "svcops";
import { describe, expect, it } from "vitest";
import { DAY, type Desk, desk, minutes, openDesk, SITE, waterBar } from "../domain/fixtures.js";

const VISITS = ["v-1", "v-2", "v-3", "v-4", "v-5"] as const;
/** Tags 1–5 are in the pool; 6 is not. */
const TAGS = ["1", "2", "3", "4", "5", "6"] as const;
const RUNS = { numRuns: 100 } as const;

/**
 * Which visit a step is about: `0…4` names a visit outright (often one the step does not fit);
 * `5…9` picks, at run time, among the visits the step fits (new ones for a check-in, those inside
 * for the rest), so that sequences get past the first refusals.
 */
type Target = number;
type Step =
  | { kind: "checkIn"; target: Target; tag: string; gender: "female" | "male" }
  | { kind: "charge"; target: Target; amount: number }
  | { kind: "settle"; target: Target; amount: number | "all" }
  | { kind: "lost"; target: Target }
  | { kind: "checkOut"; target: Target; tag: string | "own" | undefined }
  | { kind: "wait"; ms: number };

const target = fc.integer({ min: 0, max: 2 * VISITS.length - 1 });
const tag = fc.constantFrom(...TAGS);
const amount = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 1, max: 3000 }) },
  fc.constant(0),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("checkIn" as const),
      target,
      tag,
      gender: fc.constantFrom("female" as const, "male" as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("charge" as const), target, amount }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("settle" as const),
      target,
      amount: fc.oneof({ weight: 3, arbitrary: fc.constant("all" as const) }, amount),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("lost" as const), target }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("checkOut" as const),
      target,
      tag: fc.oneof(
        { weight: 4, arbitrary: fc.constant("own" as const) },
        tag,
        fc.constant(undefined),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("wait" as const),
      ms: fc.integer({ min: 0, max: minutes(10) }),
    }),
  },
);
const steps = fc.array(step, { minLength: 1, maxLength: 24, size: "max" });

async function visitState(d: Desk, visitId: string): Promise<VisitState> {
  return (await d.ops.state(visitAggregate, visitStream(SITE, visitId))).state;
}
async function poolState(d: Desk): Promise<KeyTagPoolState> {
  return (await d.ops.state(keyTagPoolAggregate, keyTagPoolStream(SITE))).state;
}

async function resolveVisit(d: Desk, s: Exclude<Step, { kind: "wait" }>): Promise<string> {
  const named = VISITS[s.target % VISITS.length] ?? "v-1";
  if (s.target < VISITS.length) return named;
  const want = s.kind === "checkIn" ? "none" : "inside";
  const fitting: string[] = [];
  for (const visitId of VISITS) {
    if ((await visitState(d, visitId)).status === want) fitting.push(visitId);
  }
  return fitting[s.target % Math.max(1, fitting.length)] ?? named;
}

/** The command a step stands for, as raw input: the façade validates it (amount 0 is refused). */
async function commandOf(d: Desk, s: Exclude<Step, { kind: "wait" }>): Promise<ShippedCommand> {
  const visitId = await resolveVisit(d, s);
  switch (s.kind) {
    case "checkIn":
      return {
        type: "CheckInMember",
        data: { visitId, memberCard: `M-${visitId}`, keyTag: s.tag, gender: s.gender },
      };
    case "charge":
      return { type: "ChargeTab", data: { visitId, amount: s.amount, source: "waterBar" } };
    case "settle": {
      const state = await visitState(d, visitId);
      const amount = s.amount === "all" ? (state.status === "none" ? 1 : state.tab) : s.amount;
      return { type: "SettleTab", data: { visitId, amount } };
    }
    case "lost":
      return { type: "ReportKeyTagLost", data: { visitId } };
    case "checkOut": {
      const state = await visitState(d, visitId);
      const own = state.status === "none" ? "1" : state.keyTag;
      const keyTag = s.tag === "own" ? own : s.tag;
      return { type: "CheckOutMember", data: { visitId, ...(keyTag ? { keyTag } : {}) } };
    }
  }
}

/** What one step did, with the states it was decided against. */
interface Outcome {
  readonly step: Step;
  readonly command?: Message;
  readonly accepted: boolean;
  readonly sizeBefore: number;
  readonly sizeAfter: number;
  /** The pool, and the command's visit, before the command. */
  readonly poolBefore: KeyTagPoolState;
  readonly visitBefore?: VisitState;
}

/**
 * Runs the steps one by one through the façade (a fee of ¥10.00 per lost tag), calling `check`
 * after each step with what happened. Only SvcOpsErrors are expected refusals.
 */
async function run(
  sequence: readonly Step[],
  check: (d: Desk, outcome: Outcome) => Promise<void> | void = () => {},
): Promise<Desk> {
  const d = await openDesk({ policy: { keyTagReplacementFee: 1000 } });
  for (const s of sequence) {
    const sizeBefore = d.store.size;
    const poolBefore = await poolState(d);
    if (s.kind === "wait") {
      d.clock.advance(s.ms);
      await check(d, { step: s, accepted: true, sizeBefore, sizeAfter: d.store.size, poolBefore });
      continue;
    }
    const command = await commandOf(d, s);
    const visitBefore = await visitState(d, (command.data as { visitId: string }).visitId);
    let accepted = true;
    try {
      await d.ops.execute(command, { actor: s.kind === "charge" ? waterBar : desk });
    } catch (error) {
      if (!(error instanceof SvcOpsError)) throw error;
      accepted = false;
    }
    const sizeAfter = d.store.size;
    await check(d, { step: s, command, accepted, sizeBefore, sizeAfter, poolBefore, visitBefore });
  }
  return d;
}

/** The visits inside with their tag in hand (not reported lost). */
async function openVisits(d: Desk) {
  const open: { visitId: string; keyTag: string }[] = [];
  for (const visitId of VISITS) {
    const state = await visitState(d, visitId);
    if (state.status === "inside" && !state.tagLost) open.push({ visitId, keyTag: state.keyTag });
  }
  return open;
}

async function checkV2(d: Desk): Promise<void> {
  const open = await openVisits(d);
  const pool = await poolState(d);
  const ledger = await d.ops.read(keyTagLedger);
  expect(new Set(open.map((v) => v.keyTag)).size).toBe(open.length);
  for (const { visitId, keyTag } of open) {
    expect(pool.out.get(keyTag)).toBe(visitId);
    expect(ledger.out.get(keyTag)?.visitId).toBe(visitId);
    expect(pool.retired.has(keyTag)).toBe(false);
  }
  expect(pool.out.size).toBe(open.length);
  expect(ledger.out.size).toBe(open.length);
  for (const tagOut of pool.out.keys()) expect(pool.registered.has(tagOut)).toBe(true);
}

async function checkV6(d: Desk): Promise<void> {
  const report = reconcileKeyTags(await d.ops.read(keyTagMovements), DAY);
  const pool = await poolState(d);
  expect(report.issued).toBe(report.returned + report.lost + report.outstanding.length);
  expect(report.issued).toBe(report.taggedEntries);
  expect(new Map(report.outstanding.map((o) => [o.tag, o.visitId]))).toEqual(pool.out);
  expect(report.balanced).toBe(pool.out.size === 0);
}

/**
 * (c) A stream's stored events folded from scratch give the state live handling reached, and
 * so does a second façade on the same store (its cache is empty: it folds from the store).
 */
async function expectReplayed<E extends Message, S>(
  d: Desk,
  cold: ServiceOps,
  aggregate: AnyAggregate,
  decider: Pick<Decider<Message, E, S>, "initialState" | "evolve">,
  streamId: string,
): Promise<void> {
  const stored = await d.store.readStream(streamId);
  const events = stored.map((e) => ({ type: e.type, data: e.data }) as E);
  const live = await d.ops.state(aggregate, streamId);
  expect(replay(decider, events)).toEqual(live.state);
  expect(live.version).toBe(stored.length);
  expect((await cold.state(aggregate, streamId)).state).toEqual(live.state);
}

async function checkReplay(d: Desk): Promise<void> {
  const cold = createServiceOps({ site: d.ops.site, store: d.store, clock: d.clock });
  for (const visitId of VISITS) {
    await expectReplayed(d, cold, visitAggregate, visitDecider, visitStream(SITE, visitId));
  }
  await expectReplayed(d, cold, keyTagPoolAggregate, keyTagPoolDecider, keyTagPoolStream(SITE));
}

describe("Visit properties", () => {
  it("property: V2 a tag is never out on two open visits for any command sequence", async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        await run(sequence, (d) => checkV2(d));
      }),
      RUNS,
    );
  });

  it("property: V2 a check-in is accepted exactly when the visit is new and its tag is free in the pool", async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        await run(sequence, (_d, { step, accepted, poolBefore, visitBefore }) => {
          if (step.kind !== "checkIn") return;
          const free =
            poolBefore.registered.has(step.tag) &&
            !poolBefore.retired.has(step.tag) &&
            !poolBefore.out.has(step.tag);
          expect(accepted).toBe(visitBefore?.status === "none" && free);
        });
      }),
      RUNS,
    );
  });

  it("property: V6 issued = returned + lost + still out, and issued = tagged entries, for any day", async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        await run(sequence, (d) => checkV6(d));
      }),
      RUNS,
    );
  });

  it("property: V4 no member leaves with an unpaid tab, and a tab never goes negative", async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        await run(sequence, async (d, outcome) => {
          for (const visitId of VISITS) {
            const state = await visitState(d, visitId);
            if (state.status === "none") continue;
            expect(state.tab).toBeGreaterThanOrEqual(0);
            if (state.status === "left") expect(state.tab).toBe(0);
          }
          if (outcome.command?.type === "CheckOutMember" && outcome.accepted) {
            const { visitId } = outcome.command.data as { visitId: string };
            const state = await visitState(d, visitId);
            expect(state.status).toBe("left");
          }
        });
      }),
      RUNS,
    );
  });

  it("property: replaying the stored events gives the state live handling reached", async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        await checkReplay(await run(sequence));
      }),
      RUNS,
    );
  });

  it("property: a refused command appends nothing; an accepted one appends", async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        await run(sequence, (_d, outcome) => {
          if (outcome.step.kind === "wait") return;
          if (outcome.accepted) expect(outcome.sizeAfter).toBeGreaterThan(outcome.sizeBefore);
          else expect(outcome.sizeAfter).toBe(outcome.sizeBefore);
        });
      }),
      RUNS,
    );
  });
});
