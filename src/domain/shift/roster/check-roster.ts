import type { SiteCalendar } from "../../../kernel/calendar.js";
import { ValidationError, type ValidationIssue } from "../../../kernel/errors.js";
import type { Policy } from "../../../kernel/policy.js";
import { type ShiftViolation, sortViolations } from "../shift-rules-violated.js";
import { compareText as compare, formatHours, list } from "../wording.js";
import type { RosterShift } from "./commands.js";
import type { HolidayShift, RosterHours } from "./events.js";
import { monthDays } from "./month-days.js";

/**
 * A month's roster as plain data: the site's service points, the staff, and who is on which
 * point each day. `checkRoster` reads it; the `roster` decider keeps one per month.
 *
 * @example
 * ```ts
 * const roster: Roster = {
 *   month: "2026-11",
 *   points: ["member-4F", "service-1F"],
 *   staff: ["a1", "a2", "b1", "b2", "manager"],
 *   shifts: [{ day: "2026-11-01", pointId: "member-4F", staffId: "a1" }],
 * };
 * ```
 */
export interface Roster {
  readonly month: string;
  readonly points: readonly string[];
  readonly staff: readonly string[];
  readonly shifts: readonly RosterShift[];
}

/**
 * What is structurally wrong with a roster: a shift on a day outside its month, on a point or of
 * a person it does not list, or a point or person listed twice. Paths are relative to the roster
 * (`shifts.3.pointId`). Empty: the roster can be checked.
 *
 * @example
 * ```ts
 * rosterIssues({ ...roster, shifts: [{ day: "2026-12-01", pointId: "x", staffId: "a1" }] });
 * ```
 */
export function rosterIssues(roster: Roster): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const points = new Set(roster.points);
  const staff = new Set(roster.staff);
  if (points.size !== roster.points.length) {
    issues.push({ path: "points", message: "lists a point twice" });
  }
  if (staff.size !== roster.staff.length) {
    issues.push({ path: "staff", message: "lists a person twice" });
  }
  roster.shifts.forEach((shift, i) => {
    if (!shift.day.startsWith(`${roster.month}-`) || !isCalendarDay(shift.day)) {
      issues.push({ path: `shifts.${i}.day`, message: `${shift.day} is not in ${roster.month}` });
    }
    if (!points.has(shift.pointId)) {
      issues.push({ path: `shifts.${i}.pointId`, message: `${shift.pointId} is not a point` });
    }
    if (!staff.has(shift.staffId)) {
      issues.push({ path: `shifts.${i}.staffId`, message: `${shift.staffId} is not on the staff` });
    }
  });
  return issues;
}

/**
 * Checks a month's roster against S1 and S2 and returns **every** violation, sorted (by day,
 * rule, point, people); empty when the roster may be published. Pure: the same roster, policy
 * and calendar give the same list, whatever order the points, staff and shifts are listed in.
 *
 * - S1: on each business day (a day the calendar opens; holidays are open, S4) each point has
 *   exactly `staffPerPoint` people; nobody is on two points, or twice, on a day; nobody is
 *   rostered on a day the site is closed.
 * - S2 (with S3's counted day): nobody's working days × `workingDay.countedHours` pass
 *   `monthlyHourCap` in the month; the violation's day is the one that passes it.
 *
 * A structurally broken roster (see `rosterIssues`) is a ValidationError, not a violation.
 *
 * @example
 * ```ts
 * const violations = checkRoster(roster, createPolicy(), createCalendar());
 * violations.map((v) => `${v.rule} ${v.day} ${v.staffIds.join(",")}`);
 * ```
 */
export function checkRoster(
  roster: Roster,
  policy: Policy,
  calendar: SiteCalendar,
): ShiftViolation[] {
  const issues = rosterIssues(roster);
  if (issues.length > 0) throw new ValidationError(`The roster of ${roster.month}`, issues);
  const violations: ShiftViolation[] = [];
  const points = [...roster.points].sort();
  // day → point → people, and day → person → points
  const onPoint = new Map<string, Map<string, string[]>>();
  const ofPerson = new Map<string, Map<string, string[]>>();
  for (const { day, pointId, staffId } of roster.shifts) {
    pushTo(onPoint, day, pointId, staffId);
    pushTo(ofPerson, day, staffId, pointId);
  }
  const need = policy.staffPerPoint;
  for (const day of monthDays(roster.month)) {
    const open = calendar.isOpenOn(day);
    const people = ofPerson.get(day);
    if (!open) {
      if (people) {
        const who = [...people.keys()].sort();
        violations.push(
          v(
            "S1",
            day,
            null,
            who,
            `the site is closed on ${day}, yet ${list(who)} ${who.length === 1 ? "is" : "are"} rostered`,
          ),
        );
      }
      continue;
    }
    for (const point of points) {
      const there = [...(onPoint.get(day)?.get(point) ?? [])].sort();
      if (there.length !== need) {
        const found = there.length === 0 ? "nobody" : `${there.length} (${list(there)})`;
        violations.push(
          v("S1", day, point, there, `${point} has ${found} on ${day}; it needs ${need}`),
        );
      }
    }
    for (const [person, at] of people ?? []) {
      if (at.length > 1) {
        const where = [...at].sort();
        violations.push(
          v(
            "S1",
            day,
            null,
            [person],
            `${person} is rostered ${at.length} times on ${day} (${list(where)}); one point a day`,
          ),
        );
      }
    }
  }
  const counted = policy.workingDay.countedHours;
  const cap = policy.monthlyHourCap;
  for (const { staffId, days } of workingDays(roster)) {
    const hours = days.length * counted;
    if (hours <= cap) continue;
    const past = days[Math.floor(cap / counted)] as string;
    violations.push(
      v(
        "S2",
        past,
        null,
        [staffId],
        `${staffId} is rostered ${days.length} days = ${formatHours(hours)} h in ${roster.month}, over the ${cap} h cap from ${past}`,
      ),
    );
  }
  return sortViolations(violations);
}

/**
 * Each person's working days and counted hours in the roster's month (S2, S3), in the order the
 * staff are listed: a day counts once, `workingDay.countedHours` (11), however it is staffed.
 *
 * @example
 * ```ts
 * rosterHours(roster, policy).find((h) => h.staffId === "a1"); // { staffId: "a1", days: 15, hours: 165 }
 * ```
 */
export function rosterHours(roster: Roster, policy: Policy): RosterHours[] {
  const counted = policy.workingDay.countedHours;
  return workingDays(roster).map(({ staffId, days }) => ({
    staffId,
    days: days.length,
    hours: days.length * counted,
  }));
}

/**
 * The shifts that fall on a public holiday of the site's calendar (S4): worked, flagged for
 * holiday pay. Sorted by day, point and person.
 *
 * @example
 * ```ts
 * holidayShifts(roster, createCalendar({ holidays: ["2027-01-01"] }));
 * ```
 */
export function holidayShifts(roster: Roster, calendar: SiteCalendar): HolidayShift[] {
  return roster.shifts
    .filter((shift) => calendar.isHoliday(shift.day))
    .map(({ day, pointId, staffId }) => ({ day, pointId, staffId }))
    .sort(
      (a, b) =>
        compare(a.day, b.day) || compare(a.pointId, b.pointId) || compare(a.staffId, b.staffId),
    );
}

/** "2026-02-30" is not a day. */
function isCalendarDay(day: string): boolean {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

function workingDays(roster: Roster): { staffId: string; days: string[] }[] {
  const days = new Map<string, Set<string>>(roster.staff.map((s) => [s, new Set<string>()]));
  for (const shift of roster.shifts) days.get(shift.staffId)?.add(shift.day);
  return roster.staff.map((staffId) => ({ staffId, days: [...(days.get(staffId) ?? [])].sort() }));
}

function pushTo(map: Map<string, Map<string, string[]>>, a: string, b: string, value: string) {
  let inner = map.get(a);
  if (!inner) {
    inner = new Map();
    map.set(a, inner);
  }
  const values = inner.get(b);
  if (values) values.push(value);
  else inner.set(b, [value]);
}

const v = (
  rule: ShiftViolation["rule"],
  day: string,
  pointId: string | null,
  staffIds: readonly string[],
  message: string,
): ShiftViolation => ({ rule, day, pointId, staffIds, gap: null, message });
