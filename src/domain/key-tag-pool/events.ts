import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";

const day = z.string();

/** Tags were added to the pool. */
export const KeyTagsRegistered = defineEvent(
  "KeyTagsRegistered",
  z.object({ tags: z.array(z.string()) }),
);
/** A tag went out with a visit (V1, V2). */
export const KeyTagIssued = defineEvent(
  "KeyTagIssued",
  z.object({ tag: z.string(), visitId: z.string(), businessDay: day }),
);
/** A tag came back from its visit (V3). */
export const KeyTagReturned = defineEvent(
  "KeyTagReturned",
  z.object({ tag: z.string(), visitId: z.string(), businessDay: day }),
);
/** A tag left the pool for good (V7). */
export const KeyTagRetired = defineEvent(
  "KeyTagRetired",
  z.object({
    tag: z.string(),
    reason: z.enum(["lost", "damaged"]),
    visitId: z.string().optional(),
    businessDay: day,
  }),
);
/** N2: a charge made on a tag went to the visit the tag is out on (its tab is charged with it). */
export const KeyTagHolderCharged = defineEvent(
  "KeyTagHolderCharged",
  z.object({
    tag: z.string(),
    visitId: z.string(),
    amount: fenSchema,
    source: z.enum(["waterBar", "venue", "other"]),
    reference: z.string(),
  }),
);

/** N3, N4: a water-bar receipt lowered or voided, credited back to the visit the tag is out on. */
export const KeyTagHolderCredited = defineEvent(
  "KeyTagHolderCredited",
  z.object({
    tag: z.string(),
    visitId: z.string(),
    amount: fenSchema,
    source: z.enum(["waterBar", "venue", "other"]),
    reference: z.string(),
  }),
);

export type KeyTagsRegistered = MessageOf<typeof KeyTagsRegistered>;
export type KeyTagIssued = MessageOf<typeof KeyTagIssued>;
export type KeyTagReturned = MessageOf<typeof KeyTagReturned>;
export type KeyTagRetired = MessageOf<typeof KeyTagRetired>;
export type KeyTagHolderCharged = MessageOf<typeof KeyTagHolderCharged>;
export type KeyTagHolderCredited = MessageOf<typeof KeyTagHolderCredited>;
export type KeyTagPoolEvent =
  | KeyTagsRegistered
  | KeyTagIssued
  | KeyTagReturned
  | KeyTagRetired
  | KeyTagHolderCharged
  | KeyTagHolderCredited;

export const keyTagPoolEvents = [
  KeyTagsRegistered,
  KeyTagIssued,
  KeyTagReturned,
  KeyTagRetired,
  KeyTagHolderCharged,
  KeyTagHolderCredited,
];
