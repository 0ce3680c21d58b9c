import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import type { RoleName } from "../../kernel/roles.js";
import { id } from "../shared/people.js";

/** Staff who work a shift on site: they arrive, attend the pre-shift meeting and take a post. */
export const ON_SITE_ROLES = [
  "frontDesk",
  "consultant",
  "coach",
  "waterBar",
  "teamLead",
  "csManager",
  "dutyManager",
  "cashier",
  "venueStaff",
  "callAgent",
  "informationDesk",
] as const satisfies readonly RoleName[];

/** Who chairs the pre-shift meeting (例會): the team lead or a manager. */
export const MEETING_CHAIRS = [
  "teamLead",
  "csManager",
  "dutyManager",
] as const satisfies readonly RoleName[];

/**
 * S7: the opening checks of the seeds' front desk (營業前): the desk, water bar, billiards and
 * shop area clean; the day's forms, receipts and stationery ready; everything in the guests'
 * sight in order; the desk's music and television on; the staff's own appearance checked.
 */
export const OpeningCheck = z.enum([
  "cleanliness",
  "supplies",
  "display",
  "audioVisual",
  "grooming",
]);
export type OpeningCheck = z.infer<typeof OpeningCheck>;

/** Every opening check: opening waits for all of them. */
export const OPENING_CHECKS: readonly OpeningCheck[] = OpeningCheck.options;

/** S7: a staff member is on site (the time is the clock's); late past `arriveBeforeOpening`. */
export const RecordArrival = defineCommand("RecordArrival", z.strictObject({ staffId: id }), {
  roles: ON_SITE_ROLES,
});

/** S6: the pre-shift meeting was held; `attendees` are the staff who attended (on site). */
export const HoldPreShiftMeeting = defineCommand(
  "HoldPreShiftMeeting",
  z.strictObject({
    attendees: z.array(id).min(1).max(100),
    topics: z.string().trim().max(1000).optional(),
  }),
  { roles: MEETING_CHAIRS },
);

/** S6: a staff member takes a post; refused without the meeting first. */
export const TakePost = defineCommand("TakePost", z.strictObject({ staffId: id, post: id }), {
  roles: ON_SITE_ROLES,
});

/** S7: opening checks done (sent once or in parts; the day records the union). */
export const CompleteOpeningChecks = defineCommand(
  "CompleteOpeningChecks",
  z.strictObject({ checks: z.array(OpeningCheck).min(1).max(OPENING_CHECKS.length) }),
  { roles: ["frontDesk", "teamLead", "csManager", "dutyManager"] },
);

/** S7: the previous business day's message book (留言本) is read. */
export const ReadMessageBook = defineCommand(
  "ReadMessageBook",
  z.strictObject({ notes: z.string().trim().max(1000).optional() }),
  { roles: ["frontDesk", "teamLead", "csManager", "dutyManager"] },
);

/** S7: the desk opens for the day; refused until the checks are done and the message book read. */
export const OpenBusinessDay = defineCommand("OpenBusinessDay", z.strictObject({}), {
  roles: ["frontDesk", "teamLead", "csManager", "dutyManager"],
});

export type RecordArrival = MessageOf<typeof RecordArrival>;
export type HoldPreShiftMeeting = MessageOf<typeof HoldPreShiftMeeting>;
export type TakePost = MessageOf<typeof TakePost>;
export type CompleteOpeningChecks = MessageOf<typeof CompleteOpeningChecks>;
export type ReadMessageBook = MessageOf<typeof ReadMessageBook>;
export type OpenBusinessDay = MessageOf<typeof OpenBusinessDay>;
export type ShiftOpeningCommand =
  | RecordArrival
  | HoldPreShiftMeeting
  | TakePost
  | CompleteOpeningChecks
  | ReadMessageBook
  | OpenBusinessDay;

/** The opening's commands, in the order of a morning. */
export const shiftOpeningCommands = [
  RecordArrival,
  HoldPreShiftMeeting,
  TakePost,
  CompleteOpeningChecks,
  ReadMessageBook,
  OpenBusinessDay,
] as const;
