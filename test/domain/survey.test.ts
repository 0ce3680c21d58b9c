/**
 * Survey: customer satisfaction per quarter (docs/rules.md Q1, docs/survey.md). 300 customers
 * drawn reproducibly from a seed out of the quarter's members and visitors (everyone when fewer),
 * a forum of 20–30 of the best customers, their answers recorded, and a report per quarter.
 */
import {
  type CustomerRef,
  createMemoryStore,
  createServiceOps,
  customerKey,
  customersOf,
  DrawSurveySample,
  drawQuarterlySurvey,
  drawSample,
  foldProjection,
  InviteForumGuests,
  MemberCheckedIn,
  manualClock,
  mulberry32,
  quarterCustomer,
  quarterCustomers,
  quarterDays,
  quarterOf,
  RecordForumFeedback,
  RecordSurveyResponse,
  RegisterKeyTags,
  RuleViolation,
  type SurveyEvent,
  SurveyResponseRecorded,
  satisfactionReports,
  surveyDecider,
  surveyPopulation,
  surveyStream,
  topCustomers,
  Unauthorized,
  ValidationError,
  VisitorRegistered,
} from "svcops";
import { envelop, given, projectionSpec, specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { checkedIn, lead, NOW, registered, SITE } from "./fixtures.js";
import {
  cs,
  desk,
  drawn,
  invited,
  population,
  QUARTER,
  questionnaire,
  specCs,
  specDesk,
  stateAfter,
} from "./survey-fixtures.js";

const draw = (people: CustomerRef[], seed = 2026) =>
  DrawSurveySample({ quarter: QUARTER, seed, questionnaire, population: people });

function refusal(
  history: readonly SurveyEvent[],
  command: Parameters<typeof surveyDecider.decide>[0],
  actor = specCs,
) {
  try {
    surveyDecider.decide(command, stateAfter(history), specContext({ actor }));
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error(`expected ${command.type} to be refused`);
}

describe("Survey", () => {
  describe("Q1 the quarterly survey of 300 customers", () => {
    it("Q1 draws 300 distinct customers of the population", () => {
      const people = population(800, 400);
      given(surveyDecider, [])
        .when(draw(people), { actor: specCs })
        .then([drawn(people)]);
      const [event] = surveyDecider.decide(
        draw(people),
        surveyDecider.initialState,
        specContext({ actor: specCs }),
      );
      const data = (event as Extract<SurveyEvent, { type: "SurveySampleDrawn" }>).data;
      const keys = new Set(people.map(customerKey));
      expect(data.sample).toHaveLength(300);
      expect(new Set(data.sample.map(customerKey)).size).toBe(300);
      expect(data.sample.every((c) => keys.has(customerKey(c)))).toBe(true);
      expect([data.populationSize, data.wholePopulation]).toEqual([1200, false]);
    });

    it("Q1 the same seed and the same population give the same sample, whatever their order", () => {
      const people = population(500, 200);
      const shuffled = [...people].reverse();
      expect(drawSample(shuffled, 42, 300)).toEqual(drawSample(people, 42, 300));
      expect(drawSample(people, 43, 300)).not.toEqual(drawSample(people, 42, 300));
    });

    it("Q1 the seeded generator is mulberry32: the same numbers for a seed, on every run", () => {
      const a = mulberry32(2026);
      const b = mulberry32(2026);
      const first = [a(), a(), a()];
      expect([b(), b(), b()]).toEqual(first);
      expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
      // Pinned: a change of the generator or of the draw would change every sample drawn before.
      expect(first).toEqual([0.45540769933722913, 0.30849614599719644, 0.6611574492417276]);
      expect(drawSample(population(1000), 2026, 300).slice(0, 5).map(customerKey)).toEqual([
        "member:M-10",
        "member:M-104",
        "member:M-106",
        "member:M-109",
        "member:M-114",
      ]);
    });

    it("Q1 a population of fewer than 300 is asked whole, and the event says so", () => {
      const people = population(120, 30);
      const [event] = surveyDecider.decide(
        draw(people),
        surveyDecider.initialState,
        specContext({ actor: specCs }),
      );
      expect(
        event?.type === "SurveySampleDrawn" && [
          event.data.sample.length,
          event.data.wholePopulation,
        ],
      ).toEqual([150, true]);
    });

    it("Q1 one survey a quarter, and not before the quarter begins", () => {
      given(surveyDecider, [drawn(population(10))])
        .when(draw(population(10)), { actor: specCs })
        .thenThrows("Q1");
      given(surveyDecider, [])
        .when(DrawSurveySample({ quarter: "2027-Q1", seed: 1, questionnaire, population: [] }), {
          actor: specCs,
        })
        .thenThrows("Q1");
    });

    it("Q1 a population that lists a customer twice, or a seed that is not a 32-bit integer, is a ValidationError", () => {
      expect(() => draw([...population(2), { kind: "member", id: "M-1" }])).toThrow(
        /data.population/,
      );
      expect(() => draw(population(2), -1)).toThrow(ValidationError);
      expect(() => draw(population(2), 2 ** 32)).toThrow(/data.seed/);
    });

    it("Q1 records a sampled customer's scores, once, on the questionnaire's questions and scale", () => {
      const history = [drawn(population(5))];
      const customer = { kind: "member" as const, id: "M-3" };
      given(surveyDecider, history)
        .when(
          RecordSurveyResponse({
            quarter: QUARTER,
            customer,
            scores: [{ questionId: "clean", score: 4 }],
          }),
          {
            actor: specDesk,
          },
        )
        .then([
          SurveyResponseRecorded({
            quarter: QUARTER,
            customer,
            scores: [{ questionId: "clean", score: 4 }],
            recordedBy: { staffId: "desk-1", role: "frontDesk", at: NOW },
          }),
        ]);
      const answered = [
        ...history,
        SurveyResponseRecorded({
          quarter: QUARTER,
          customer,
          scores: [{ questionId: "clean", score: 4 }],
          recordedBy: { staffId: "desk-1", role: "frontDesk" },
        }),
      ];
      const again = RecordSurveyResponse({
        quarter: QUARTER,
        customer,
        scores: [{ questionId: "staff", score: 5 }],
      });
      expect(refusal(answered, again).message).toContain("already recorded");
    });

    it("Q1 refuses answers from a customer not sampled, and every score off the questionnaire", () => {
      const history = [drawn(population(5))];
      const stranger = RecordSurveyResponse({
        quarter: QUARTER,
        customer: { kind: "member", id: "M-99" },
        scores: [{ questionId: "clean", score: 4 }],
      });
      expect(refusal(history, stranger).message).toContain("not in the sample");
      const wrong = RecordSurveyResponse({
        quarter: QUARTER,
        customer: { kind: "member", id: "M-1" },
        scores: [
          { questionId: "clean", score: 6 },
          { questionId: "parking", score: 3 },
          { questionId: "staff", score: 0 },
        ],
      });
      expect(refusal(history, wrong).message).toBe(
        "Q1: clean is scored 6, off the scale 1–5; parking is not a question of this questionnaire; staff is scored 0, off the scale 1–5.",
      );
      given(surveyDecider, []).when(wrong).thenThrows("Q1");
      expect(() =>
        RecordSurveyResponse({
          quarter: QUARTER,
          customer: { kind: "member", id: "M-1" },
          scores: [{ questionId: "clean", score: 4.5 }],
        }),
      ).toThrow(/data.scores.0.score/);
    });
  });

  describe("Q1 the quarterly forum of 20–30 best customers", () => {
    const forum = (n: number, forumDay = "2026-12-12") =>
      InviteForumGuests({ quarter: QUARTER, forumDay, guests: population(n), questionnaire });

    it("Q1 invites 20 to 30 guests, once a quarter", () => {
      for (const n of [20, 25, 30]) {
        given(surveyDecider, [])
          .when(forum(n), { actor: specCs })
          .thenState((state) => expect(state.forum?.asked).toHaveLength(n));
      }
      given(surveyDecider, [invited()]).when(forum(25), { actor: specCs }).thenThrows("Q1");
    });

    it("Q1 refuses a forum of fewer than 20 or more than 30 guests", () => {
      expect(refusal([], forum(19)).message).toContain("20 to 30 of the best customers, not 19");
      expect(refusal([], forum(31)).message).toContain("not 31");
    });

    it("Q1 the forum is held in its quarter", () => {
      given(surveyDecider, []).when(forum(20, "2027-01-05"), { actor: specCs }).thenThrows("Q1");
    });

    it("Q1 records a guest's feedback, and only a guest's", () => {
      const guest = { kind: "member" as const, id: "M-7" };
      given(surveyDecider, [invited()])
        .when(
          RecordForumFeedback({
            quarter: QUARTER,
            customer: guest,
            scores: [{ questionId: "overall", score: 9 }],
            notes: "more evening classes",
          }),
          { actor: specDesk },
        )
        .thenState((state) => expect(state.forum?.answered).toEqual(["member:M-7"]));
      const stranger = RecordForumFeedback({
        quarter: QUARTER,
        customer: { kind: "visitor", id: "g-1" },
        scores: [{ questionId: "overall", score: 9 }],
      });
      expect(refusal([invited()], stranger).message).toContain("not a guest");
    });
  });

  describe("Q1 the quarter's customers, the report, through the façade", () => {
    it("Q1 quarterCustomers: distinct members and visitors per quarter with their visits; coaches are staff", () => {
      projectionSpec(quarterCustomers)
        .given([
          checkedIn({ visitId: "v-1", memberCard: "M-1" }),
          checkedIn({ visitId: "v-2", memberCard: "M-1", businessDay: "2026-11-23" }),
          checkedIn({ visitId: "v-3", memberCard: "T-1", category: "trial" }),
          checkedIn({ visitId: "v-4", memberCard: "C-1", category: "coach" }),
          registered({ visitorId: "g-1" }),
          checkedIn({ visitId: "v-5", memberCard: "M-1", businessDay: "2027-01-01" }),
        ])
        .then((view) => {
          expect(surveyPopulation(view, QUARTER).map(customerKey)).toEqual([
            "member:M-1",
            "member:T-1",
            "visitor:g-1",
          ]);
          expect(quarterCustomer(view, QUARTER, { kind: "member", id: "M-1" })?.visits).toBe(2);
          expect(quarterCustomer(view, QUARTER, { kind: "member", id: "C-1" })).toBeUndefined();
          expect(view.get(QUARTER)?.size).toBe(3);
          expect(surveyPopulation(view, "2027-Q1").map(customerKey)).toEqual(["member:M-1"]);
          expect(surveyPopulation(view, "2026-Q3")).toEqual([]);
        });
    });

    it("Q1 quarterCustomers never changes a view it was given: a later fold leaves it as it was", () => {
      const first = population(500).map((c, i) =>
        checkedIn({ visitId: `v-${i}`, memberCard: c.id }),
      );
      const more = population(900).map((c, i) =>
        checkedIn({ visitId: `w-${i}`, memberCard: c.id }),
      );
      const before = foldProjection(quarterCustomers, envelop(first));
      const after = foldProjection(quarterCustomers, envelop(more), before);
      expect([before.get(QUARTER)?.size, surveyPopulation(before, QUARTER).length]).toEqual([
        500, 500,
      ]);
      expect(quarterCustomer(before, QUARTER, { kind: "member", id: "M-1" })?.visits).toBe(1);
      expect([after.get(QUARTER)?.size, customersOf(after, QUARTER).length]).toEqual([900, 900]);
      expect(quarterCustomer(after, QUARTER, { kind: "member", id: "M-1" })?.visits).toBe(2);
    });

    it("Q1 a quarter is of business days in the site's time zone", async () => {
      const clock = manualClock("2026-12-31T17:00:00Z"); // 01:00 on 1 January in Shanghai
      const ops = createServiceOps({ site: { id: SITE }, store: createMemoryStore(), clock });
      await ops.execute(RegisterKeyTags({ tags: ["1"] }), { actor: lead });
      await ops.execute(
        {
          type: "CheckInMember",
          data: { visitId: "v-1", memberCard: "M-1", keyTag: "1", gender: "female" },
        },
        { actor: lead },
      );
      expect(quarterOf("2027-01-01")).toBe("2027-Q1");
      expect(surveyPopulation(await ops.read(quarterCustomers), "2027-Q1")).toEqual([
        { kind: "member", id: "M-1" },
      ]);
      expect(quarterDays("2026-Q4")).toEqual({ firstDay: "2026-10-01", lastDay: "2026-12-31" });
    });

    it("Q1 topCustomers: the most visits first, ties in key order", () => {
      const visits = [
        ...["M-2", "M-2", "M-2", "M-1", "M-1", "M-3", "M-3"].map((card, i) =>
          MemberCheckedIn({
            visitId: `v-${i}`,
            memberCard: card,
            keyTag: "1",
            category: "member",
            gender: "male",
            businessDay: "2026-11-22",
          }),
        ),
        VisitorRegistered({
          visitorId: "g-1",
          name: "Li Wei",
          phone: "13800000000",
          gender: "male",
          firstVisit: true,
          businessDay: "2026-11-22",
          deskSignature: { staffId: "desk-1", role: "frontDesk" },
        }),
      ];
      projectionSpec(quarterCustomers)
        .given(visits)
        .then((view) => {
          expect(
            topCustomers(view, QUARTER, 3).map((c) => [customerKey(c.customer), c.visits]),
          ).toEqual([
            ["member:M-2", 3],
            ["member:M-1", 2],
            ["member:M-3", 2],
          ]);
        });
    });

    it("Q1 a whole quarter through the façade: the draw from the recorded customers, answers, forum, report", async () => {
      const store = createMemoryStore();
      const clock = manualClock(NOW);
      const ops = createServiceOps({ site: { id: SITE }, store, clock });
      await ops.execute(RegisterKeyTags({ tags: ["1"] }), { actor: lead });
      for (let i = 1; i <= 40; i++) {
        for (let v = 0; v < 1 + (i % 3); v++) {
          const visitId = `v-${i}-${v}`;
          await ops.execute(
            {
              type: "CheckInMember",
              data: { visitId, memberCard: `M-${i}`, keyTag: "1", gender: "female" },
            },
            { actor: lead },
          );
          await ops.execute(
            { type: "CheckOutMember", data: { visitId, keyTag: "1" } },
            { actor: lead },
          );
        }
      }
      const refused = await drawQuarterlySurvey(ops, {
        quarter: QUARTER,
        seed: 7,
        questionnaire,
        actor: desk,
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Unauthorized);
      const { events } = await drawQuarterlySurvey(ops, {
        quarter: QUARTER,
        seed: 7,
        questionnaire,
        actor: cs,
      });
      const sample = events[0]?.data as { sample: CustomerRef[]; wholePopulation: boolean };
      expect([sample.sample.length, sample.wholePopulation, events[0]?.streamId]).toEqual([
        40,
        true,
        surveyStream(SITE, QUARTER),
      ]);
      await ops.execute(
        RecordSurveyResponse({
          quarter: QUARTER,
          customer: { kind: "member", id: "M-1" },
          scores: [
            { questionId: "clean", score: 4 },
            { questionId: "staff", score: 5 },
          ],
          comment: "warmer showers",
        }),
        { actor: desk },
      );
      await ops.execute(
        RecordSurveyResponse({
          quarter: QUARTER,
          customer: { kind: "member", id: "M-2" },
          scores: [{ questionId: "clean", score: 2 }],
        }),
        { actor: desk },
      );
      const guests = topCustomers(await ops.read(quarterCustomers), QUARTER, 25).map(
        (c) => c.customer,
      );
      await ops.execute(
        InviteForumGuests({ quarter: QUARTER, forumDay: "2026-12-12", guests, questionnaire }),
        { actor: cs },
      );
      await ops.execute(
        RecordForumFeedback({
          quarter: QUARTER,
          customer: guests[0] as CustomerRef,
          scores: [{ questionId: "staff", score: 5 }],
        }),
        { actor: cs },
      );

      const report = (await ops.read(satisfactionReports)).get(QUARTER);
      expect(
        report?.survey && [
          report.survey.seed,
          report.survey.populationSize,
          report.survey.asked,
          report.survey.answered,
        ],
      ).toEqual([7, 40, 40, 2]);
      const clean = report?.survey?.questions.find((q) => q.questionId === "clean");
      expect(
        clean && [
          clean.answers,
          clean.total,
          clean.mean,
          clean.counts[2],
          clean.counts[4],
          clean.counts[5],
        ],
      ).toEqual([2, 6, 3, 1, 1, 0]);
      expect(report?.survey?.remarks).toEqual(["warmer showers"]);
      expect(
        report?.forum && [report.forum.forumDay, report.forum.asked, report.forum.answered],
      ).toEqual(["2026-12-12", 25, 1]);
      expect(report?.forum?.questions.find((q) => q.questionId === "staff")?.mean).toBe(5);
    });
  });
});
