/**
 * Properties of complaint cases under any sequence of steps, taken by the right role or by a
 * wrong one, in any order, with the clock moving on between them; and of the calendar's deadline
 * algebra the clocks stand on. Refusals (SvcOpsError) are part of the sequence, not failures.
 */
import fc from "fast-check";
import {
  type Actor,
  type ComplaintState,
  complaintAggregate,
  complaintCases,
  complaintDecider,
  complaintStream,
  complaintsDue,
  createCalendar,
  createMemoryStore,
  createServiceOps,
  isShippedEvent,
  manualClock,
  PENALTY_STEPS,
  penaltyLedger,
  replay,
  type ShippedCommand,
  SvcOpsError,
} from "svcops";
import { describe, expect, it } from "vitest";

const SITE = "club-1";
const CASES = ["k-1", "k-2"] as const;
const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SITE] });
const ACTORS: Record<string, Actor> = {
  dutyManager: person("dm-1", "dutyManager"),
  supervisor: person("sup-1", "deptSupervisor"),
  otherSupervisor: person("sup-2", "deptSupervisor"),
  storeManager: person("sm-1", "storeManager"),
  callAgent: person("agent-1", "callAgent"),
  handler: person("handler-1", "complaintHandler"),
  csManager: person("cs-1", "csManager"),
  teamLead: person("lead-1", "teamLead"),
  frontDesk: person("desk-1", "frontDesk"),
};
const report = {
  material: "m",
  verifiedFacts: "f",
  partyConcerned: "p",
  requestedOutcome: "o",
  managersOpinion: "op",
  recommendations: "r",
};

/** Every step of a case, with fixed data: the properties are about order and roles. */
function commandOf(kind: number, caseId: string, variant: number): ShippedCommand {
  const channels = ["onSite", "phone", "letter", "hotline"] as const;
  const steps: ShippedCommand[] = [
    {
      type: "LodgeComplaint",
      data: {
        caseId,
        channel: channels[variant % 4] ?? "phone",
        customer: { name: "Chen" },
        material: "m",
        department: "d",
        ...(variant % 2 === 0 ? { staffConcerned: "coach-7" } : {}),
        causedByMerchant: variant % 3 === 0,
      },
    },
    { type: "HandComplaintToSupervisor", data: { caseId, supervisorId: "sup-1" } },
    { type: "RecordRequestedOutcome", data: { caseId, outcome: "o" } },
    { type: "RecordInvestigation", data: { caseId, findings: "f", verified: variant % 2 === 0 } },
    {
      type: "ProposeResolution",
      data: {
        caseId,
        resolution: "r",
        supervisorSignature: { staffId: "sup-1", role: "deptSupervisor" },
      },
    },
    { type: "RecordCustomerDecision", data: { caseId, accepted: variant % 3 !== 1 } },
    { type: "EscalateComplaint", data: { caseId, report } },
    { type: "ResolveEscalatedComplaint", data: { caseId, resolution: "r" } },
    { type: "PassComplaintToHandler", data: { caseId, handlerId: "handler-1" } },
    {
      type: "RecordHandlerFindings",
      data: { caseId, responsiblePerson: "p", content: "c", result: "r" },
    },
    { type: "ReportStaffDisposition", data: { caseId, disposition: "d" } },
    { type: "WriteComplaintReport", data: { caseId, process: "p", result: "r" } },
    { type: "ReportComplaintToStoreManager", data: { caseId } },
    { type: "CloseComplaint", data: { caseId } },
    { type: "RecordComplaintCallback", data: { caseId, progress: "p" } },
    { type: "RouteComplaintToOperations", data: { caseId } },
    { type: "MarkComplaintDifficult", data: { caseId, reason: "r" } },
  ];
  return steps[kind % steps.length] as ShippedCommand;
}

/** The role that takes each step (by `kind`), so that most sequences get far into a case. */
const RIGHT = [
  "dutyManager",
  "dutyManager",
  "dutyManager",
  "supervisor",
  "dutyManager",
  "dutyManager",
  "dutyManager",
  "storeManager",
  "callAgent",
  "handler",
  "supervisor",
  "dutyManager",
  "dutyManager",
  "dutyManager",
  "callAgent",
  "csManager",
  "teamLead",
];

interface Step {
  kind: number;
  caseNo: number;
  variant: number;
  /** Another role than the step's own, or undefined for the step's own. */
  actor: string | undefined;
  waitMinutes: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  // Any step, or one of the first six (lodging to the customer's answer), more often.
  kind: fc.oneof(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 5 })),
  caseNo: fc.integer({ min: 0, max: CASES.length - 1 }),
  variant: fc.integer({ min: 0, max: 11 }),
  actor: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    fc.constantFrom(...Object.keys(ACTORS)),
  ),
  waitMinutes: fc.integer({ min: 0, max: 300 }),
});

/** A case's steps in the procedure's order: lodge, hand, outcome, investigate, propose, accept,
 * disposition, operations, report, report to the store manager, close. */
const HAPPY_PATH = [0, 1, 2, 3, 4, 5, 10, 15, 11, 12, 13];

/**
 * Mostly the procedure's path for one case (each step kept 9 times in 10, so some are missing),
 * with random steps of either case, by any role, slipped in at random places.
 */
const sequence: fc.Arbitrary<Step[]> = fc
  .record({
    variant: fc.integer({ min: 0, max: 11 }),
    keep: fc.array(fc.integer({ min: 0, max: 9 }), {
      minLength: HAPPY_PATH.length,
      maxLength: HAPPY_PATH.length,
    }),
    waits: fc.array(fc.integer({ min: 0, max: 300 }), {
      minLength: HAPPY_PATH.length,
      maxLength: HAPPY_PATH.length,
    }),
    noise: fc.array(fc.tuple(fc.nat(), step), { maxLength: 15 }),
  })
  .map(({ variant, keep, waits, noise }) => {
    const steps: Step[] = HAPPY_PATH.flatMap((kind, i) =>
      (keep[i] ?? 0) > 0
        ? [{ kind, caseNo: 0, variant, actor: undefined, waitMinutes: waits[i] ?? 0 }]
        : [],
    );
    for (const [at, extra] of noise) steps.splice(at % (steps.length + 1), 0, extra);
    return steps;
  });

/** Cases closed over all runs: the properties about closed cases are not vacuous. */
let closedCases = 0;

async function run(steps: readonly Step[]) {
  const store = createMemoryStore();
  const clock = manualClock("2026-11-23T05:00:00Z");
  const ops = createServiceOps({ site: { id: SITE }, store, clock });
  const dues: Map<string, number>[] = [];
  for (const s of steps) {
    clock.advance(s.waitMinutes * 60_000);
    const caseId = CASES[s.caseNo] as string;
    const before = store.size;
    try {
      const actor = ACTORS[s.actor ?? (RIGHT[s.kind] as string)] as Actor;
      await ops.execute(commandOf(s.kind, caseId, s.variant), { actor });
    } catch (error) {
      if (!(error instanceof SvcOpsError)) throw error;
      // A refused command appends nothing.
      expect(store.size).toBe(before);
    }
    const due = new Map<string, number>();
    const cases = await ops.read(complaintCases);
    for (const item of complaintsDue(
      cases,
      ops.site,
      new Date(clock.now().getTime() + 10 * 86_400_000),
    )) {
      if (item.rule === "C9") due.set(item.caseId, Date.parse(item.dueAt));
    }
    dues.push(due);
  }
  return { ops, store, dues };
}

describe("Complaint properties", () => {
  it("property: C11 C6 no closed case lacks its report or its report to the store manager, and replaying the stored events gives the handler's state", async () => {
    await fc.assert(
      fc.asyncProperty(sequence, async (steps) => {
        const { ops, store } = await run(steps);
        for (const caseId of CASES) {
          const { state } = await ops.state(complaintAggregate, complaintStream(SITE, caseId));
          const stored = await store.readStream(complaintStream(SITE, caseId));
          const replayed = replay(complaintDecider, stored.filter(isShippedEvent) as never);
          expect(replayed).toEqual(state);
          const s = state as ComplaintState;
          if (s.status === "closed") {
            closedCases += 1;
            expect(s.report).toBeDefined();
            expect(s.reportedToStoreManager).toBe(true);
            if (s.causedByMerchant) expect(s.routedToOperations).toBe(true);
            if (s.staffConcerned) expect(s.disposition).toBeDefined();
          }
        }
      }),
      { numRuns: 100 },
    );
    expect(closedCases).toBeGreaterThan(0);
  }, 60_000);

  it("property: C9 a callback never moves the next callback deadline earlier", async () => {
    await fc.assert(
      fc.asyncProperty(sequence, async (steps) => {
        const { dues } = await run(steps);
        for (let i = 1; i < dues.length; i++) {
          for (const [caseId, at] of dues[i] ?? []) {
            const earlier = dues[i - 1]?.get(caseId);
            if (earlier !== undefined) expect(at).toBeGreaterThanOrEqual(earlier);
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it("property: C13 the penalty ladder never skips or repeats a step", async () => {
    await fc.assert(
      fc.asyncProperty(sequence, async (steps) => {
        const { ops } = await run(steps);
        for (const entries of (await ops.read(penaltyLedger)).values()) {
          expect(entries.map((e) => e.step)).toEqual(entries.map((_, i) => PENALTY_STEPS[i]));
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("property: C9 for any start and duration, the business time from the start to the deadline equals the duration", () => {
    const calendar = createCalendar({
      timeZone: "Asia/Shanghai",
      weekly: { "0": null },
      holidays: ["2026-12-25"],
      closedDays: ["2027-01-01"],
    });
    fc.assert(
      fc.property(
        fc.integer({
          min: Date.parse("2026-11-01T00:00:00Z"),
          max: Date.parse("2027-02-01T00:00:00Z"),
        }),
        fc.integer({ min: 0, max: 30 * 3_600_000 }),
        fc.constantFrom("openingHours" as const, "elapsed" as const),
        (start, ms, counting) => {
          const from = new Date(start);
          const due = calendar.due(from, { ms, counting });
          expect(calendar.measure(from, due, counting)).toBe(ms);
        },
      ),
      { numRuns: 300 },
    );
  });
});
