/**
 * Fixtures of the Broadcast specs: actors, a merchant's request form, histories of a request at
 * each step (requested, signed, approved, recorded), and playlist items.
 */
import {
  type Actor,
  BroadcastRecorded,
  BroadcastRequestApproved,
  BroadcastRequested,
  BroadcastRequestSigned,
  type PlaylistItem,
} from "svcops";
import { SPEC_SITE } from "svcops/testing";
import { SITE } from "./fixtures.js";

/** Actors of the spec site (given/when) and of the façade site. */
export const specFloor: Actor = { id: "floor-1", role: "floorManager", sites: [SPEC_SITE] };
export const specCs: Actor = { id: "cs-1", role: "csManager", sites: [SPEC_SITE] };
export const specDesk: Actor = { id: "desk-1", role: "frontDesk", sites: [SPEC_SITE] };
export const floor: Actor = { id: "floor-1", role: "floorManager", sites: [SITE] };
export const cs: Actor = { id: "cs-1", role: "csManager", sites: [SITE] };
export const desk: Actor = { id: "desk-1", role: "frontDesk", sites: [SITE] };

/**
 * A merchant's form (播音申请单) for request b-1: plays from 2026-11-23 10:00 Shanghai, exactly a
 * day after the spec's NOW (2026-11-22T02:00Z).
 */
export const requestForm = {
  requestId: "b-1",
  merchant: "Li Ning store",
  floor: "3F",
  category: "sportswear",
  brand: "Li Ning",
  text: "Winter sale on the third floor: 30% off all running shoes until Sunday.",
  playFrom: "2026-11-23T02:00:00.000Z",
};

const sig = (staffId: string, role: string, at = "2026-11-22T02:00:00.000Z") => ({
  staffId,
  role,
  at,
});

/** BroadcastRequested for `requestId` (b-1), playing on 2026-11-23, requested by desk-1. */
export function requested(
  requestId = "b-1",
  days = { firstDay: "2026-11-23", lastDay: "2026-11-23" },
) {
  return BroadcastRequested({
    ...requestForm,
    requestId,
    playUntil: "2026-11-23T16:00:00.000Z",
    ...days,
    requestedBy: sig("desk-1", "frontDesk"),
  });
}
export const signed = (requestId = "b-1") =>
  BroadcastRequestSigned({ requestId, floorManager: sig("floor-1", "floorManager") });
export const approved = (requestId = "b-1") =>
  BroadcastRequestApproved({ requestId, csManager: sig("cs-1", "csManager") });
export const recorded = (requestId = "b-1") =>
  BroadcastRecorded({ requestId, recordedBy: sig("desk-1", "frontDesk") });

/** The history of a request that went through every step: it may play. */
export const onAir = (requestId = "b-1") => [
  requested(requestId),
  signed(requestId),
  approved(requestId),
  recorded(requestId),
];

/** Playlist items. */
export const song = (n: number): PlaylistItem => ({ kind: "song", title: `song ${n}` });
export const announce = (requestId = "b-1"): PlaylistItem => ({ kind: "announcement", requestId });
export const courtesy: PlaylistItem = { kind: "courtesy" };
export const safety: PlaylistItem = { kind: "safety" };
export const classAt = (className: string, startsAt: string, at: string): PlaylistItem => ({
  kind: "class",
  className,
  startsAt,
  at,
});

/** `n` songs numbered from `from`. */
export const songs = (n: number, from = 1): PlaylistItem[] =>
  Array.from({ length: n }, (_, i) => song(from + i));

/**
 * A plan that keeps every part of B1: 6 songs, both notices, an announcement and a class, then 6
 * songs and both notices again.
 */
export const goodItems: PlaylistItem[] = [
  ...songs(3),
  announce(),
  ...songs(3, 4),
  courtesy,
  safety,
  classAt("Yoga", "19:00", "18:45"),
  ...songs(6, 7),
  safety,
  courtesy,
];
