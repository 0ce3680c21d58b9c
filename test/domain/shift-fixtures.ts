/**
 * Fixtures of the Shift specs: the mall service centre of the seeds (seed 001, 人员架构和作息):
 * 9 staff, a member centre on the 4th floor and a service centre on the ground floor, each with
 * 2 people every day; 4 membership specialists (m1–m4) and 4 customer-service specialists
 * (c1–c4) in two groups that work alternate days, and the CS manager apart.
 */
import {
  type Actor,
  createCalendar,
  createPolicy,
  holidayShifts,
  monthDays,
  type Roster,
  RosterPublished,
  RosterScheduled,
  type RosterShift,
  rosterHours,
  ShiftRulesViolated,
} from "svcops";
import { SPEC_SITE } from "svcops/testing";

export const MEMBER_CENTRE = "member-4F";
export const SERVICE_CENTRE = "service-1F";
export const POINTS = [MEMBER_CENTRE, SERVICE_CENTRE];
/** Group A works the 1st, 3rd, 5th … day of the month; group B the 2nd, 4th … */
export const GROUP_A = ["m1", "m2", "c1", "c2"];
export const GROUP_B = ["m3", "m4", "c3", "c4"];
export const MANAGER = "manager";
export const STAFF = [...GROUP_A, ...GROUP_B, MANAGER];

const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SPEC_SITE] });
export const csManager = person(MANAGER, "csManager");
export const teamLead = person("lead-1", "teamLead");
export const dutyManager = person("dm-1", "dutyManager");
export const m1 = person("m1", "frontDesk");
export const m2 = person("m2", "frontDesk");

/** The seeds' arrangement for a month: alternate days, membership staff at 4F, CS staff at 1F. */
export function mallShifts(month: string): RosterShift[] {
  return monthDays(month).flatMap((day, i) => {
    const [a, b, c, d] = (i % 2 === 0 ? GROUP_A : GROUP_B) as [string, string, string, string];
    return [
      { day, pointId: MEMBER_CENTRE, staffId: a },
      { day, pointId: MEMBER_CENTRE, staffId: b },
      { day, pointId: SERVICE_CENTRE, staffId: c },
      { day, pointId: SERVICE_CENTRE, staffId: d },
    ];
  });
}

export function mallRoster(month: string, shifts = mallShifts(month)): Roster {
  return { month, points: POINTS, staff: STAFF, shifts };
}

export const signedBy = (actor: Actor, at = "2026-11-22T02:00:00.000Z") => ({
  staffId: actor.id,
  role: actor.role,
  at,
});

/** The draft as the CS manager scheduled it. */
export function scheduled(month: string, shifts = mallShifts(month)) {
  return RosterScheduled({ month, points: POINTS, staff: STAFF, shifts, by: signedBy(csManager) });
}

/** The roster as published with the default policy and calendar (or the given holidays). */
export function published(month: string, shifts = mallShifts(month), holidays: string[] = []) {
  const roster = mallRoster(month, shifts);
  return RosterPublished({
    month,
    points: [...POINTS],
    staff: [...STAFF],
    shifts,
    hours: rosterHours(roster, createPolicy()),
    holidayShifts: holidayShifts(roster, createCalendar({ holidays })),
    by: signedBy(csManager),
  });
}

/** The error a decision throws (the spec fails if it does not throw). */
export function refusal(run: () => unknown): ShiftRulesViolated {
  try {
    run();
  } catch (error) {
    if (error instanceof ShiftRulesViolated) return error;
    throw error;
  }
  throw new Error("expected the roster to be refused");
}

/** The manager covers one day of each of group A's four people: 25th, 27th, 29th and 31st. */
export const managerCovers = GROUP_A.map((staffId, i) => ({
  kind: "cover" as const,
  day: `2026-12-${25 + 2 * i}`,
  staffId,
  byStaffId: MANAGER,
}));
