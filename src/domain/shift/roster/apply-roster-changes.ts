import { ValidationError, type ValidationIssue } from "../../../kernel/errors.js";
import type { RosterChange, RosterShift } from "./commands.js";

/**
 * The shifts of a roster after the CS manager's changes (S2), applied in order: a swap exchanges
 * two people's shifts, a cover hands one person's shift to another, `add` and `remove` put on or
 * take off a shift. A change that names a shift the roster does not have, or a person not on its
 * staff, is a ValidationError naming the change (`data.changes.2`); the roster is then unchanged.
 *
 * @example
 * ```ts
 * applyRosterChanges(shifts, staff, [
 *   { kind: "cover", day: "2026-12-25", staffId: "a1", byStaffId: "manager" },
 * ]);
 * ```
 */
export function applyRosterChanges(
  shifts: readonly RosterShift[],
  staff: readonly string[],
  changes: readonly RosterChange[],
): RosterShift[] {
  const next = shifts.map((shift) => ({ ...shift }));
  const known = new Set(staff);
  const issues: ValidationIssue[] = [];
  const find = (day: string, staffId: string) =>
    next.findIndex((s) => s.day === day && s.staffId === staffId);
  changes.forEach((change, i) => {
    const path = `data.changes.${i}`;
    const people =
      change.kind === "swap"
        ? [change.staffId, change.withStaffId]
        : change.kind === "cover"
          ? [change.staffId, change.byStaffId]
          : [change.staffId];
    const stranger = people.find((p) => !known.has(p));
    if (stranger !== undefined) {
      issues.push({ path, message: `${stranger} is not on the roster's staff` });
      return;
    }
    const missing = (day: string, staffId: string) =>
      issues.push({ path, message: `${staffId} has no shift on ${day}` });
    switch (change.kind) {
      case "swap": {
        const a = find(change.day, change.staffId);
        const b = find(change.withDay, change.withStaffId);
        if (a < 0) {
          missing(change.day, change.staffId);
          return;
        }
        if (b < 0) {
          missing(change.withDay, change.withStaffId);
          return;
        }
        const first = next[a] as RosterShift;
        const second = next[b] as RosterShift;
        next[a] = { ...first, staffId: change.withStaffId };
        next[b] = { ...second, staffId: change.staffId };
        return;
      }
      case "cover": {
        const a = find(change.day, change.staffId);
        if (a < 0) {
          missing(change.day, change.staffId);
          return;
        }
        next[a] = { ...(next[a] as RosterShift), staffId: change.byStaffId };
        return;
      }
      case "add":
        next.push({ day: change.day, pointId: change.pointId, staffId: change.staffId });
        return;
      case "remove": {
        const a = find(change.day, change.staffId);
        if (a < 0) {
          missing(change.day, change.staffId);
          return;
        }
        next.splice(a, 1);
        return;
      }
      default: {
        const unknown: never = change;
        throw new Error(`unknown change ${(unknown as { kind: string }).kind}`);
      }
    }
  });
  if (issues.length > 0) throw new ValidationError("AdjustRoster", issues);
  return next;
}
