import { z } from "zod";
import { CATALOGUE_ROLES } from "../../kernel/roles.js";

/**
 * The staff and customer roles of the rule catalogue (docs/rules.md, "Roles"). Each command names
 * the roles allowed to issue it (a zod schema of the kernel's `CATALOGUE_ROLES`).
 *
 * @example
 * ```ts
 * Role.parse("frontDesk"); // ok
 * ```
 */
export const Role = z.enum(CATALOGUE_ROLES);
export type Role = z.infer<typeof Role>;

/** Roles that run the front desk or supervise it. */
export const DESK_ROLES = [
  "frontDesk",
  "teamLead",
  "csManager",
  "dutyManager",
] as const satisfies readonly Role[];

/** Roles that supervise the desk (tag pool set-up, retiring tags by hand). */
export const SUPERVISOR_ROLES = [
  "teamLead",
  "csManager",
  "dutyManager",
] as const satisfies readonly Role[];
