import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";

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
export type KeyTagsRegistered = MessageOf<typeof KeyTagsRegistered>;
export type KeyTagIssued = MessageOf<typeof KeyTagIssued>;
export type KeyTagReturned = MessageOf<typeof KeyTagReturned>;
export type KeyTagRetired = MessageOf<typeof KeyTagRetired>;
export type KeyTagPoolEvent = KeyTagsRegistered | KeyTagIssued | KeyTagReturned | KeyTagRetired;

export const keyTagPoolEvents = [KeyTagsRegistered, KeyTagIssued, KeyTagReturned, KeyTagRetired];
