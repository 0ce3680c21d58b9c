import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { Gender } from "../shared/people.js";
import { EntryCategory } from "./commands.js";

/**
 * V1: card kept, tag issued. Schema version 2 added `category` for the V5 counts; version-1
 * events (written when every tagged entry was a member) are read as category "member".
 */
export const MemberCheckedIn = defineEvent(
  "MemberCheckedIn",
  z.object({
    visitId: z.string(),
    memberCard: z.string(),
    keyTag: z.string(),
    category: EntryCategory,
    gender: Gender,
    businessDay: z.string(),
  }),
  {
    schemaVersion: 2,
    upcasters: [{ from: 1, up: (data) => ({ category: "member", ...(data as object) }) }],
  },
);
export const TabCharged = defineEvent(
  "TabCharged",
  z.object({
    visitId: z.string(),
    amount: fenSchema,
    source: z.enum(["waterBar", "venue", "other"]),
    reference: z.string().optional(),
  }),
);
/** A charge taken back off the tab (a water-bar receipt lowered or voided: N3, N4, V4). */
export const TabCredited = defineEvent(
  "TabCredited",
  z.object({
    visitId: z.string(),
    amount: fenSchema,
    source: z.enum(["waterBar", "venue", "other"]),
    reference: z.string(),
  }),
);
export const TabSettled = defineEvent(
  "TabSettled",
  z.object({
    visitId: z.string(),
    amount: fenSchema,
    method: z.enum(["cash", "card", "wechat", "alipay"]),
  }),
);
/** V7: the tag is lost; the fee (maybe 0) goes on the tab. */
export const KeyTagReportedLost = defineEvent(
  "KeyTagReportedLost",
  z.object({
    visitId: z.string(),
    keyTag: z.string(),
    replacementFee: fenSchema,
    businessDay: z.string(),
  }),
);
/** V3: tag back (null when it was lost), card handed back. */
export const MemberCheckedOut = defineEvent(
  "MemberCheckedOut",
  z.object({
    visitId: z.string(),
    memberCard: z.string(),
    keyTag: z.string().nullable(),
    businessDay: z.string(),
  }),
);

export type MemberCheckedIn = MessageOf<typeof MemberCheckedIn>;
export type TabCharged = MessageOf<typeof TabCharged>;
export type TabSettled = MessageOf<typeof TabSettled>;
export type TabCredited = MessageOf<typeof TabCredited>;
export type KeyTagReportedLost = MessageOf<typeof KeyTagReportedLost>;
export type MemberCheckedOut = MessageOf<typeof MemberCheckedOut>;
export type VisitEvent =
  | MemberCheckedIn
  | TabCharged
  | TabCredited
  | TabSettled
  | KeyTagReportedLost
  | MemberCheckedOut;

export const visitEvents = [
  MemberCheckedIn,
  TabCharged,
  TabCredited,
  TabSettled,
  KeyTagReportedLost,
  MemberCheckedOut,
];
