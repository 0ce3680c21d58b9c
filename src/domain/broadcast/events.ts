import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { Signature } from "../shared/signature.js";
import { PlaylistItem, TimetableClass } from "./playlist-item.js";

/** B1: a merchant's announcement requested, with the business days it plays on. */
export const BroadcastRequested = defineEvent(
  "BroadcastRequested",
  z.object({
    requestId: z.string(),
    merchant: z.string(),
    floor: z.string(),
    category: z.string(),
    brand: z.string(),
    text: z.string(),
    playFrom: z.string(),
    playUntil: z.string(),
    /** Business days (site zone) of `playFrom` and `playUntil`. */
    firstDay: z.string(),
    lastDay: z.string(),
    requestedBy: Signature,
  }),
);
/** B1: the floor manager signed. */
export const BroadcastRequestSigned = defineEvent(
  "BroadcastRequestSigned",
  z.object({ requestId: z.string(), floorManager: Signature }),
);
/** B1: the CS manager approved the signed request. */
export const BroadcastRequestApproved = defineEvent(
  "BroadcastRequestApproved",
  z.object({ requestId: z.string(), csManager: Signature }),
);
/** B1: the announcement is recorded; it may now appear in a playlist plan. */
export const BroadcastRecorded = defineEvent(
  "BroadcastRecorded",
  z.object({ requestId: z.string(), recording: z.string().optional(), recordedBy: Signature }),
);
/** B1: a day's playlist, checked; `revision` counts the plans of this id (1 for the first). */
export const PlaylistPlanned = defineEvent(
  "PlaylistPlanned",
  z.object({
    planId: z.string(),
    day: z.string(),
    revision: z.number().int().positive(),
    items: z.array(PlaylistItem),
    classes: z.array(TimetableClass),
    plannedBy: Signature,
  }),
);

export type BroadcastRequested = MessageOf<typeof BroadcastRequested>;
export type BroadcastRequestSigned = MessageOf<typeof BroadcastRequestSigned>;
export type BroadcastRequestApproved = MessageOf<typeof BroadcastRequestApproved>;
export type BroadcastRecorded = MessageOf<typeof BroadcastRecorded>;
export type PlaylistPlanned = MessageOf<typeof PlaylistPlanned>;
export type BroadcastEvent =
  | BroadcastRequested
  | BroadcastRequestSigned
  | BroadcastRequestApproved
  | BroadcastRecorded
  | PlaylistPlanned;

export const broadcastEvents = [
  BroadcastRequested,
  BroadcastRequestSigned,
  BroadcastRequestApproved,
  BroadcastRecorded,
  PlaylistPlanned,
];
