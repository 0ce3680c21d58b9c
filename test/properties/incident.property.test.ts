/**
 * Properties of the Incident under any sequence of commands: random reports, first aid,
 * statements and signatures, escorts, assessments, examinations, care calls, reports written
 * and closes over a few incidents, sent by the right role or a wrong one, run through the façade
 * on a memory store. Refusals (SvcOpsError) are part of the sequence, not failures.
 */
import fc from "fast-check";
import {
  type Actor,
  completeIncidentReport,
  createMemoryStore,
  createServiceOps,
  type IncidentEvent,
  IncidentReport,
  type IncidentState,
  incidentAggregate,
  incidentDecider,
  incidentStream,
  type ManualClock,
  type MemoryEventStore,
  manualClock,
  missingIncidentSteps,
  replay,
  type ServiceOps,
  type ShippedCommand,
  SvcOpsError,
} from "svcops";
import { describe, expect, it } from "vitest";
import { minutes, NOW, SITE } from "../domain/fixtures.js";
import { completeReport, reportInput, staff, toldFirst } from "../domain/incident-fixtures.js";

const INCIDENTS = ["inc-1", "inc-2"] as const;
const RUNS = { numRuns: 100 } as const;

const actors = {
  desk: staff("desk-1", "frontDesk"),
  coach: staff("coach-1", "coach"),
  cs: staff("cs-1", "csManager"),
  consultant: staff("c-1", "consultant"),
  /** A role no incident command allows. */
  wrong: staff("bar-1", "waterBar"),
} satisfies Record<string, Actor>;

type Step =
  /** The next step the incident needs (or its close), decided at run time from its state. */
  | { kind: "progress" }
  | { kind: "report"; severity: "minor" | "serious"; toldOk: boolean; withAge: boolean }
  | { kind: "firstAid" }
  | { kind: "statement" }
  | { kind: "sign"; memberSigns: boolean }
  | { kind: "escort" }
  | { kind: "assess"; responsibility: "member" | "site" | "shared" | "undetermined" }
  | { kind: "examine"; memberSigns: boolean; costs: number }
  | { kind: "call"; byCs: boolean; compensation: boolean }
  | { kind: "write"; fields: (keyof typeof completeReport)[] }
  | { kind: "close" };
type Sent = Step & { incident: number; rightRole: boolean; waitMs: number };

const reportFields = Object.keys(completeReport) as (keyof typeof completeReport)[];
const kind: fc.Arbitrary<Step> = fc.oneof(
  { weight: 30, arbitrary: fc.constant({ kind: "progress" as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("report" as const),
      severity: fc.constantFrom("minor" as const, "serious" as const),
      toldOk: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
      withAge: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "firstAid" as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: "statement" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("sign" as const), memberSigns: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "escort" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("assess" as const),
      responsibility: fc.constantFrom(
        "member" as const,
        "site" as const,
        "shared" as const,
        "undetermined" as const,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("examine" as const),
      memberSigns: fc.boolean(),
      costs: fc.integer({ min: 0, max: 200_000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("call" as const),
      byCs: fc.boolean(),
      compensation: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("write" as const),
      fields: fc.subarray(reportFields),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: "close" as const }) },
);
const step: fc.Arbitrary<Sent> = fc
  .tuple(
    kind,
    fc.integer({ min: 0, max: INCIDENTS.length - 1 }),
    fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, fc.constant(false)),
    fc.integer({ min: 0, max: minutes(90) }),
  )
  .map(([s, incident, rightRole, waitMs]) => ({ ...s, incident, rightRole, waitMs }));
const steps = fc.array(step, { minLength: 1, maxLength: 60, size: "max" });

/** The step that moves an incident on: report it, take its first missing step, or close it. */
function progress(state: IncidentState, incident: number): Step {
  if (state.status === "none") {
    const severity = incident === 0 ? "minor" : "serious";
    return { kind: "report", severity, toldOk: true, withAge: incident === 0 };
  }
  const next = state.status === "open" ? missingIncidentSteps(state)[0] : undefined;
  switch (next?.step) {
    case undefined:
      return { kind: "close" };
    case "firstAid":
      return { kind: "firstAid" };
    case "statement":
      return { kind: "statement" };
    case "statementSignature":
      return { kind: "sign", memberSigns: true };
    case "hospitalEscort":
      return { kind: "escort" };
    case "responsibility":
      return { kind: "assess", responsibility: "shared" };
    case "examination":
      return { kind: "examine", memberSigns: true, costs: 48_000 };
    case "csManagerCareCall":
      return { kind: "call", byCs: true, compensation: false };
    case "report":
      return { kind: "write", fields: [...(next.fields ?? [])] };
  }
}

/**
 * The command a step stands for, and who sends it (the right role, or one never allowed), given
 * the state of its incident.
 */
function commandOf(sent: Sent, state: IncidentState): { command: ShippedCommand; actor: Actor } {
  const s = sent.kind === "progress" ? { ...sent, ...progress(state, sent.incident) } : sent;
  const incidentId = INCIDENTS[s.incident] ?? "inc-1";
  const id = { incidentId };
  const signature = (ok: boolean) =>
    ok ? { staffId: "M-1", role: "member" } : { staffId: "desk-1", role: "frontDesk" };
  const as = (command: ShippedCommand, right: Actor) => ({
    command,
    actor: s.rightRole ? right : actors.wrong,
  });
  switch (s.kind) {
    case "report": {
      const { age: _age, ...noAge } = reportInput.member;
      return as(
        {
          type: "ReportIncident",
          data: {
            ...reportInput,
            incidentId,
            severity: s.severity,
            member: s.withAge ? reportInput.member : noAge,
            notified: s.toldOk ? toldFirst : toldFirst.slice(1),
          },
        },
        actors.desk,
      );
    }
    case "firstAid":
      return as({ type: "RecordFirstAid", data: { ...id, measures: ["clean"] } }, actors.coach);
    case "statement":
      return as({ type: "RecordIncidentStatement", data: { ...id, statement: "fell" } }, actors.cs);
    case "sign":
      return as(
        {
          type: "SignIncidentStatement",
          data: { ...id, memberSignature: signature(s.memberSigns) },
        },
        actors.cs,
      );
    case "escort":
      return as(
        {
          type: "AssignHospitalEscort",
          data: { ...id, escort: { staffId: "desk-2", role: "frontDesk" } },
        },
        actors.cs,
      );
    case "assess":
      return as(
        {
          type: "AssessResponsibility",
          data: { ...id, responsibility: s.responsibility, notes: "assessed" },
        },
        actors.cs,
      );
    case "examine":
      return as(
        {
          type: "ConfirmExaminationOutcome",
          data: {
            ...id,
            outcome: "bruise",
            examinationCosts: s.costs,
            memberSignature: signature(s.memberSigns),
          },
        },
        actors.desk,
      );
    case "call":
      return as(
        {
          type: "RecordCareCall",
          data: {
            ...id,
            notes: "asked after",
            ...(s.compensation ? { compensationTerms: { amount: 100, terms: "a voucher" } } : {}),
          },
        },
        s.byCs ? actors.cs : actors.consultant,
      );
    case "write": {
      const fields = Object.fromEntries(s.fields.map((f) => [f, completeReport[f]]));
      return as({ type: "WriteIncidentReport", data: { ...id, ...fields } }, actors.cs);
    }
    case "close":
      return as({ type: "CloseIncident", data: id }, actors.cs);
    case "progress":
      throw new Error("a progress step is resolved above");
  }
}

interface Site {
  readonly ops: ServiceOps;
  readonly store: MemoryEventStore;
  readonly clock: ManualClock;
}

/** What one step did, with the state of its incident before it. */
interface Outcome {
  readonly command: ShippedCommand;
  readonly actor: Actor;
  readonly accepted: boolean;
  readonly error?: SvcOpsError;
  readonly sizeBefore: number;
  readonly sizeAfter: number;
  readonly before: IncidentState;
}

const stateOf = async (site: Site, incidentId: string) =>
  (await site.ops.state(incidentAggregate, incidentStream(SITE, incidentId))).state;

/** Runs the steps through a façade, calling `check` after each. */
async function run(
  sequence: readonly Sent[],
  check: (site: Site, outcome: Outcome) => Promise<void> | void = () => {},
): Promise<Site> {
  const store = createMemoryStore();
  const clock = manualClock(NOW);
  const site: Site = { ops: createServiceOps({ site: { id: SITE }, store, clock }), store, clock };
  for (const s of sequence) {
    clock.advance(s.waitMs);
    const before = await stateOf(site, INCIDENTS[s.incident] ?? "inc-1");
    const { command, actor } = commandOf(s, before);
    const sizeBefore = store.size;
    let error: SvcOpsError | undefined;
    try {
      await site.ops.execute(command, { actor });
    } catch (e) {
      if (!(e instanceof SvcOpsError)) throw e;
      error = e;
    }
    const outcome = { command, actor, accepted: !error, sizeBefore, sizeAfter: store.size, before };
    await check(site, error ? { ...outcome, error } : outcome);
  }
  return site;
}

describe("Incident properties", () => {
  it("property: I7 no closed incident lacks its complete written report, for any command sequence", async () => {
    let closes = 0;
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        await run(sequence, async (site, outcome) => {
          for (const incidentId of INCIDENTS) {
            const state = await stateOf(site, incidentId);
            if (state.status !== "closed") continue;
            expect(completeIncidentReport(state.report)).toBeDefined();
            expect(missingIncidentSteps(state)).toEqual([]);
          }
          if (outcome.command.type !== "CloseIncident") return;
          // A close is accepted exactly when the incident was open and missed nothing.
          const ready =
            outcome.before.status === "open" && missingIncidentSteps(outcome.before).length === 0;
          const rightRole = outcome.actor.role === "csManager";
          expect(outcome.accepted).toBe(ready && rightRole);
          if (!outcome.accepted) return;
          closes++;
          const { events } = await site.store.readAll({ limit: 100_000 });
          const closed = events.at(-1);
          expect(closed?.type).toBe("IncidentClosed");
          const { report } = (closed?.data ?? {}) as { report?: unknown };
          expect(IncidentReport.safeParse(report).success).toBe(true);
        });
      }),
      RUNS,
    );
    // The sequences do reach the close: many runs close an incident.
    expect(closes).toBeGreaterThan(RUNS.numRuns / 4);
  });

  it("property: a refused command appends nothing; an accepted one appends one event", async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        await run(sequence, (_site, outcome) => {
          expect(outcome.sizeAfter).toBe(outcome.sizeBefore + (outcome.accepted ? 1 : 0));
        });
      }),
      RUNS,
    );
  });

  it("property: replaying the stored events gives the state the handler used", async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        const site = await run(sequence);
        const cold = createServiceOps({
          site: site.ops.site,
          store: site.store,
          clock: site.clock,
        });
        for (const incidentId of INCIDENTS) {
          const streamId = incidentStream(SITE, incidentId);
          const stored = await site.store.readStream(streamId);
          const events = stored.map((e) => ({ type: e.type, data: e.data }) as IncidentEvent);
          const live = await site.ops.state(incidentAggregate, streamId);
          expect(replay(incidentDecider, events)).toEqual(live.state);
          expect(live.version).toBe(stored.length);
          expect((await cold.state(incidentAggregate, streamId)).state).toEqual(live.state);
        }
      }),
      RUNS,
    );
  });
});
