import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { id } from "../shared/people.js";
import { DESK_ROLES, type Role } from "../shared/roles.js";
import { PlaylistItem, TimetableClass } from "./playlist-item.js";

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);
const instant = z.iso.datetime({ offset: true, message: "must be an ISO instant" });

/**
 * Who takes a merchant's broadcast request form at the service centre and who plans the playlist
 * (the member centre records and plays announcements).
 *
 * @example
 * ```ts
 * BROADCAST_DESK_ROLES.includes("frontDesk"); // true
 * ```
 */
export const BROADCAST_DESK_ROLES = [
  ...DESK_ROLES,
  "floorManager",
] as const satisfies readonly Role[];

/**
 * B1: a merchant asks for an announcement (播音申请单): floor, category, brand and text, playing
 * from `playFrom` (at least `broadcastLeadTime`, 1 day, after the request) until `playUntil`
 * (default: the end of `playFrom`'s business day).
 */
export const RequestBroadcast = defineCommand(
  "RequestBroadcast",
  z
    .strictObject({
      requestId: id,
      merchant: text(100),
      floor: text(16),
      category: text(64),
      brand: text(100),
      text: text(2000),
      playFrom: instant,
      playUntil: instant.optional(),
    })
    .refine((r) => r.playUntil === undefined || Date.parse(r.playUntil) >= Date.parse(r.playFrom), {
      path: ["playUntil"],
      message: "must not be before playFrom",
    }),
  { roles: BROADCAST_DESK_ROLES },
);

/** B1: the floor manager signs the request (first signature). */
export const SignBroadcastRequest = defineCommand(
  "SignBroadcastRequest",
  z.strictObject({ requestId: id }),
  { roles: ["floorManager"], authorityRule: "B1" },
);

/** B1: the CS manager approves the signed request (second signature). */
export const ApproveBroadcastRequest = defineCommand(
  "ApproveBroadcastRequest",
  z.strictObject({ requestId: id }),
  { roles: ["csManager"], authorityRule: "B1" },
);

/** B1: the member centre records the approved announcement; only then may it play. */
export const RecordBroadcast = defineCommand(
  "RecordBroadcast",
  z.strictObject({ requestId: id, recording: text(200).optional() }),
  { roles: BROADCAST_DESK_ROLES },
);

/**
 * B1: the playlist of a business day, in the order it plays, with the day's classes. Refused
 * with every violation listed (`PlaylistViolations`); a plan with the same `planId` replaces the
 * earlier one.
 */
export const PlanPlaylist = defineCommand(
  "PlanPlaylist",
  z.strictObject({
    planId: id,
    day: z.iso.date({ message: "must be a day, YYYY-MM-DD" }),
    items: z.array(PlaylistItem).min(1, "a plan has at least one item").max(5000),
    classes: z.array(TimetableClass).max(200).default([]),
  }),
  { roles: BROADCAST_DESK_ROLES },
);

export type RequestBroadcast = MessageOf<typeof RequestBroadcast>;
export type SignBroadcastRequest = MessageOf<typeof SignBroadcastRequest>;
export type ApproveBroadcastRequest = MessageOf<typeof ApproveBroadcastRequest>;
export type RecordBroadcast = MessageOf<typeof RecordBroadcast>;
export type PlanPlaylist = MessageOf<typeof PlanPlaylist>;
export type BroadcastCommand =
  | RequestBroadcast
  | SignBroadcastRequest
  | ApproveBroadcastRequest
  | RecordBroadcast
  | PlanPlaylist;

export const broadcastCommands = [
  RequestBroadcast,
  SignBroadcastRequest,
  ApproveBroadcastRequest,
  RecordBroadcast,
  PlanPlaylist,
];
