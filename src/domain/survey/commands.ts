import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { DESK_ROLES } from "../shared/roles.js";
import { CustomerRef, distinctCustomers } from "./customer.js";
import { Quarter } from "./quarter.js";
import { Questionnaire, Scores } from "./questionnaire.js";

/** The most customers a population may list (a large site's members and visitors of a quarter). */
export const MAX_POPULATION = 200_000;

const customers = (max: number) =>
  z.array(CustomerRef).max(max).refine(distinctCustomers, "must not list a customer twice");

/**
 * Q1: the quarter's survey: 300 customers drawn from `population` (the quarter's members and
 * visitors, `surveyPopulation(await ops.read(quarterCustomers), quarter)`) reproducibly from
 * `seed` (a 32-bit unsigned integer), asked `questionnaire`. Once per quarter.
 */
export const DrawSurveySample = defineCommand(
  "DrawSurveySample",
  z.strictObject({
    quarter: Quarter,
    seed: z.number().int().min(0).max(0xffff_ffff),
    questionnaire: Questionnaire,
    population: customers(MAX_POPULATION),
  }),
  { roles: ["csManager"], authorityRule: "Q1" },
);

/** Q1: a sampled customer's filled-in questionnaire, once per customer. */
export const RecordSurveyResponse = defineCommand(
  "RecordSurveyResponse",
  z.strictObject({
    quarter: Quarter,
    customer: CustomerRef,
    scores: Scores,
    comment: z.string().trim().min(1).max(2000).optional(),
  }),
  { roles: DESK_ROLES },
);

/**
 * Q1: the quarter's forum (恳谈会): 20 to 30 of the best customers (`topCustomers` picks them by
 * visits), asked `questionnaire`, on `forumDay`. Once per quarter.
 */
export const InviteForumGuests = defineCommand(
  "InviteForumGuests",
  z.strictObject({
    quarter: Quarter,
    forumDay: z.iso.date({ message: "must be a day, YYYY-MM-DD" }),
    guests: customers(1000),
    questionnaire: Questionnaire,
  }),
  { roles: ["csManager"], authorityRule: "Q1" },
);

/** Q1: what a forum guest said, scored on the forum's questionnaire, once per guest. */
export const RecordForumFeedback = defineCommand(
  "RecordForumFeedback",
  z.strictObject({
    quarter: Quarter,
    customer: CustomerRef,
    scores: Scores,
    notes: z.string().trim().min(1).max(4000).optional(),
  }),
  { roles: DESK_ROLES },
);

export type DrawSurveySample = MessageOf<typeof DrawSurveySample>;
export type RecordSurveyResponse = MessageOf<typeof RecordSurveyResponse>;
export type InviteForumGuests = MessageOf<typeof InviteForumGuests>;
export type RecordForumFeedback = MessageOf<typeof RecordForumFeedback>;
export type SurveyCommand =
  | DrawSurveySample
  | RecordSurveyResponse
  | InviteForumGuests
  | RecordForumFeedback;

export const surveyCommands = [
  DrawSurveySample,
  RecordSurveyResponse,
  InviteForumGuests,
  RecordForumFeedback,
];
