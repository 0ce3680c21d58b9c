import type { PlaylistItem, TimetableClass } from "./playlist-item.js";

/**
 * B1's numbers: at most 5 spoken items (announcements and notices) between two songs, a courtesy
 * and a safety notice after every 6 songs, a class announced 15 minutes before it starts.
 *
 * @example
 * ```ts
 * `at most ${MAX_SPOKEN_BETWEEN_SONGS} announcements between two songs`;
 * ```
 */
export const MAX_SPOKEN_BETWEEN_SONGS = 5;
/** B1: a courtesy notice and a safety notice play after every this many songs. */
export const SONGS_PER_NOTICE = 6;
/** B1: a class is announced this many minutes before it starts. */
export const CLASS_ANNOUNCEMENT_LEAD_MINUTES = 15;

/**
 * Which part of B1 a playlist plan breaks:
 * - `announcementsBetweenSongs`: more than 5 spoken items in a row without a song;
 * - `courtesyNotice` / `safetyNotice`: 6 songs played since the last such notice (or the start)
 *   and the next song (or the end of the plan) comes without one;
 * - `classAnnouncementTime`: a class announcement not 15 minutes before the class starts;
 * - `classNotAnnounced`: a class of the day's timetable that no item announces;
 * - `announcementNotRecorded`: an announcement whose request is unknown or not recorded yet;
 * - `announcementNotToday`: a recorded announcement outside the days it was requested for.
 */
export type PlaylistRulePart =
  | "announcementsBetweenSongs"
  | "courtesyNotice"
  | "safetyNotice"
  | "classAnnouncementTime"
  | "classNotAnnounced"
  | "announcementNotRecorded"
  | "announcementNotToday";

/**
 * One way a plan breaks B1: the rule part, the index of the item in the plan's `items` (0-based,
 * as in `data.items.<index>`; absent for a class of the timetable that no item announces), and a
 * sentence saying what was expected and what was found.
 */
export interface PlaylistViolation {
  readonly part: PlaylistRulePart;
  readonly index?: number;
  readonly message: string;
}

/** A plan as the checker reads it. */
export interface PlaylistPlanInput {
  /** The business day the plan plays on (YYYY-MM-DD, site zone). */
  readonly day: string;
  readonly items: readonly PlaylistItem[];
  /** The day's classes; each must be announced (default: none). */
  readonly classes?: readonly TimetableClass[];
}

/** What the checker needs to know of a broadcast request: its status and the days it plays. */
export interface AnnouncementOnFile {
  readonly status: "requested" | "signed" | "approved" | "recorded";
  readonly firstDay: string;
  readonly lastDay: string;
}

/**
 * B1's checker, pure: every way a playlist plan breaks the rule, in the order of the items (a
 * class of the timetable left unannounced comes last). Empty: the plan may play. `PlanPlaylist`
 * refuses a plan exactly when this list is not empty, with the list in `PlaylistViolations`.
 *
 * A missed notice is reported once per 6 songs: after it, the count starts again.
 *
 * @example
 * ```ts
 * const song = (title: string) => ({ kind: "song" as const, title });
 * checkPlaylist({ day: "2026-11-23", items: [1, 2, 3, 4, 5, 6, 7].map((n) => song(`s${n}`)) }, {});
 * // [{ part: "courtesyNotice", index: 5, … }, { part: "safetyNotice", index: 5, … }]
 * ```
 */
export function checkPlaylist(
  plan: PlaylistPlanInput,
  announcements: Readonly<Record<string, AnnouncementOnFile>>,
): PlaylistViolation[] {
  const found: PlaylistViolation[] = [];
  const notices = { courtesy: noticeCounter("courtesy"), safety: noticeCounter("safety") };
  let runStart = -1;
  let runLength = 0;
  let lastSong = -1;
  const endRun = () => {
    if (runLength > MAX_SPOKEN_BETWEEN_SONGS) {
      found.push({
        part: "announcementsBetweenSongs",
        index: runStart + MAX_SPOKEN_BETWEEN_SONGS,
        message: `items ${runStart}–${runStart + runLength - 1} are ${runLength} announcements in a row without a song; at most ${MAX_SPOKEN_BETWEEN_SONGS} go between two songs.`,
      });
    }
    runLength = 0;
  };
  plan.items.forEach((item, index) => {
    if (item.kind === "song") {
      endRun();
      notices.courtesy.song(lastSong, found);
      notices.safety.song(lastSong, found);
      lastSong = index;
      return;
    }
    if (runLength === 0) runStart = index;
    runLength += 1;
    switch (item.kind) {
      case "courtesy":
      case "safety":
        notices[item.kind].heard();
        return;
      case "announcement":
        checkAnnouncement(item.requestId, index, plan.day, announcements, found);
        return;
      case "class":
        checkClassTime(item, index, found);
        return;
    }
  });
  endRun();
  notices.courtesy.end(lastSong, found);
  notices.safety.end(lastSong, found);
  found.sort((a, b) => (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER));
  for (const lesson of plan.classes ?? []) {
    const announced = plan.items.some(
      (item) =>
        item.kind === "class" &&
        item.className === lesson.className &&
        item.startsAt === lesson.startsAt,
    );
    if (!announced) {
      found.push({
        part: "classNotAnnounced",
        message: `the class ${lesson.className} at ${lesson.startsAt} is not announced; it is announced at ${announcementTime(lesson.startsAt) ?? "15 minutes before"}.`,
      });
    }
  }
  return found;
}

/** Counts the songs since a notice was last heard; the notice is due after the 6th. */
function noticeCounter(kind: "courtesy" | "safety") {
  const part = kind === "courtesy" ? "courtesyNotice" : "safetyNotice";
  let songs = 0;
  const missed = (after: number, before: string, found: PlaylistViolation[]) => {
    found.push({
      part,
      index: after,
      message: `${SONGS_PER_NOTICE} songs have played since the last ${kind} notice by item ${after}, and ${before} comes without one; a ${kind} notice plays after every ${SONGS_PER_NOTICE} songs.`,
    });
    songs = 0;
  };
  return {
    heard() {
      songs = 0;
    },
    song(lastSong: number, found: PlaylistViolation[]) {
      if (songs === SONGS_PER_NOTICE) missed(lastSong, "the next song", found);
      songs += 1;
    },
    end(lastSong: number, found: PlaylistViolation[]) {
      if (songs === SONGS_PER_NOTICE) missed(lastSong, "the end of the plan", found);
    },
  };
}

function checkAnnouncement(
  requestId: string,
  index: number,
  day: string,
  announcements: Readonly<Record<string, AnnouncementOnFile>>,
  found: PlaylistViolation[],
): void {
  const request = Object.hasOwn(announcements, requestId) ? announcements[requestId] : undefined;
  if (request?.status !== "recorded") {
    const why = request
      ? `its request is ${STATUS_WORDS[request.status]}`
      : "no broadcast request has that id";
    found.push({
      part: "announcementNotRecorded",
      index,
      message: `item ${index} plays announcement ${requestId}, but ${why}; only a recorded announcement plays.`,
    });
    return;
  }
  if (day < request.firstDay || day > request.lastDay) {
    found.push({
      part: "announcementNotToday",
      index,
      message: `item ${index} plays announcement ${requestId} on ${day}, but it was requested for ${request.firstDay === request.lastDay ? request.firstDay : `${request.firstDay} to ${request.lastDay}`}.`,
    });
  }
}

const STATUS_WORDS: Record<Exclude<AnnouncementOnFile["status"], "recorded">, string> = {
  requested: "waiting for the floor manager's signature",
  signed: "waiting for the CS manager's approval",
  approved: "approved but not recorded yet",
};

function checkClassTime(
  item: Extract<PlaylistItem, { kind: "class" }>,
  index: number,
  found: PlaylistViolation[],
): void {
  const due = announcementTime(item.startsAt);
  if (item.at === due) return;
  found.push({
    part: "classAnnouncementTime",
    index,
    message: due
      ? `item ${index} announces the class ${item.className} at ${item.at}; it starts at ${item.startsAt} and is announced at ${due}, ${CLASS_ANNOUNCEMENT_LEAD_MINUTES} minutes before.`
      : `item ${index} announces the class ${item.className} starting at ${item.startsAt}, too early in the day to be announced ${CLASS_ANNOUNCEMENT_LEAD_MINUTES} minutes before on the same day.`,
  });
}

/**
 * When a class starting at `startsAt` is announced: 15 minutes before, `"HH:mm"`; undefined when
 * that would fall on the day before.
 *
 * @example
 * ```ts
 * announcementTime("19:00"); // "18:45"
 * ```
 */
export function announcementTime(startsAt: string): string | undefined {
  const [hh, mm] = startsAt.split(":").map(Number) as [number, number];
  const minutes = hh * 60 + mm - CLASS_ANNOUNCEMENT_LEAD_MINUTES;
  if (minutes < 0) return undefined;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
