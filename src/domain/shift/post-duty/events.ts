import { z } from "zod";
import { defineEvent, type MessageOf } from "../../../kernel/message.js";
import { Signature } from "../../shared/signature.js";

const leave = { leaveId: z.string(), day: z.string() };

export const LeaveFromPostRequested = defineEvent(
  "LeaveFromPostRequested",
  z.object({
    ...leave,
    staffId: z.string(),
    pointId: z.string(),
    reason: z.string(),
    at: z.string(),
  }),
);
export const LeaveFromPostGranted = defineEvent(
  "LeaveFromPostGranted",
  z.object({ ...leave, staffId: z.string(), by: Signature }),
);
export const PostLeft = defineEvent(
  "PostLeft",
  z.object({ ...leave, staffId: z.string(), pointId: z.string(), at: z.string() }),
);
export const PostReturned = defineEvent(
  "PostReturned",
  z.object({ ...leave, staffId: z.string(), pointId: z.string(), at: z.string() }),
);
/** S8: a breach: someone was found away from the post without leave. */
export const PostLeftWithoutLeave = defineEvent(
  "PostLeftWithoutLeave",
  z.object({
    day: z.string(),
    staffId: z.string(),
    pointId: z.string(),
    note: z.string(),
    by: Signature,
  }),
);

export type LeaveFromPostRequested = MessageOf<typeof LeaveFromPostRequested>;
export type LeaveFromPostGranted = MessageOf<typeof LeaveFromPostGranted>;
export type PostLeft = MessageOf<typeof PostLeft>;
export type PostReturned = MessageOf<typeof PostReturned>;
export type PostLeftWithoutLeave = MessageOf<typeof PostLeftWithoutLeave>;

export type PostDutyEvent =
  | LeaveFromPostRequested
  | LeaveFromPostGranted
  | PostLeft
  | PostReturned
  | PostLeftWithoutLeave;

export const postDutyEvents = [
  LeaveFromPostRequested,
  LeaveFromPostGranted,
  PostLeft,
  PostReturned,
  PostLeftWithoutLeave,
];
