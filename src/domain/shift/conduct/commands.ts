import { z } from "zod";
import { defineCommand, type MessageOf } from "../../../kernel/message.js";
import { fenSchema } from "../../../kernel/money.js";
import { id } from "../../shared/people.js";
import { SUPERVISOR_ROLES } from "../../shared/roles.js";

const text = z.string().trim().min(1, "must not be empty").max(500);

/**
 * S9: a supervisor records someone eating at the post: a fine of half a day's wage. svcops keeps
 * no payroll: the day's wage (whole fen) comes with the command, from the app's payroll.
 */
export const RecordEatingAtPost = defineCommand(
  "RecordEatingAtPost",
  z.strictObject({
    staffId: id,
    dailyWage: fenSchema.refine((n) => n > 0, "must be more than 0 fen"),
    note: text,
  }),
  { roles: SUPERVISOR_ROLES, authorityRule: "S9" },
);

/**
 * S9: a supervisor records someone who did not stand for a visiting official: a warning the
 * first time, then `failingToStandFine` every time after.
 */
export const RecordFailureToStand = defineCommand(
  "RecordFailureToStand",
  z.strictObject({ staffId: id, official: text, note: text.optional() }),
  { roles: SUPERVISOR_ROLES, authorityRule: "S9" },
);

export type RecordEatingAtPost = MessageOf<typeof RecordEatingAtPost>;
export type RecordFailureToStand = MessageOf<typeof RecordFailureToStand>;

export type ConductCommand = RecordEatingAtPost | RecordFailureToStand;

export const conductCommands = [RecordEatingAtPost, RecordFailureToStand];
