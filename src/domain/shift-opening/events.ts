import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { Signature } from "../shared/signature.js";
import { OpeningCheck } from "./commands.js";

const day = z.string();

/** S7: on site at `at`; `minutesLate` past the arrival limit (opening − `arriveBeforeOpening`). */
export const StaffArrived = defineEvent(
  "StaffArrived",
  z.object({
    businessDay: day,
    staffId: z.string(),
    at: z.string(),
    limit: z.string(),
    late: z.boolean(),
    minutesLate: z.number().int(),
    recordedBy: Signature,
  }),
);
/** S6: the pre-shift meeting and who attended it. */
export const PreShiftMeetingHeld = defineEvent(
  "PreShiftMeetingHeld",
  z.object({
    businessDay: day,
    attendees: z.array(z.string()),
    topics: z.string().optional(),
    chairedBy: Signature,
  }),
);
/** S6: a staff member at a post, after the meeting. */
export const PostTaken = defineEvent(
  "PostTaken",
  z.object({ businessDay: day, staffId: z.string(), post: z.string(), at: z.string() }),
);
/** S7: opening checks done. */
export const OpeningChecksCompleted = defineEvent(
  "OpeningChecksCompleted",
  z.object({ businessDay: day, checks: z.array(OpeningCheck), by: Signature }),
);
/** S7: the previous day's message book read. */
export const MessageBookRead = defineEvent(
  "MessageBookRead",
  z.object({ businessDay: day, bookOf: day, notes: z.string().optional(), by: Signature }),
);
/** S7: the desk is open for the day. */
export const BusinessDayOpened = defineEvent(
  "BusinessDayOpened",
  z.object({ businessDay: day, lateArrivals: z.array(z.string()), by: Signature }),
);

export type StaffArrived = MessageOf<typeof StaffArrived>;
export type PreShiftMeetingHeld = MessageOf<typeof PreShiftMeetingHeld>;
export type PostTaken = MessageOf<typeof PostTaken>;
export type OpeningChecksCompleted = MessageOf<typeof OpeningChecksCompleted>;
export type MessageBookRead = MessageOf<typeof MessageBookRead>;
export type BusinessDayOpened = MessageOf<typeof BusinessDayOpened>;
export type ShiftOpeningEvent =
  | StaffArrived
  | PreShiftMeetingHeld
  | PostTaken
  | OpeningChecksCompleted
  | MessageBookRead
  | BusinessDayOpened;

/** The opening's events. */
export const shiftOpeningEvents = [
  StaffArrived,
  PreShiftMeetingHeld,
  PostTaken,
  OpeningChecksCompleted,
  MessageBookRead,
  BusinessDayOpened,
] as const;
