/**
 * The staff and customer roles of the catalogue (docs/rules.md), and `system` for svcops' own
 * processes (workflows, tools): an actor's role is one of these, and each command names the
 * roles allowed to issue it.
 */
export const CATALOGUE_ROLES = [
  "frontDesk",
  "consultant",
  "coach",
  "waterBar",
  "teamLead",
  "csManager",
  "dutyManager",
  "deptSupervisor",
  "storeManager",
  "cashier",
  "venueStaff",
  "callAgent",
  "complaintHandler",
  "informationDesk",
  "floorManager",
  "member",
  "visitor",
  "system",
] as const;

/** A role of the catalogue. */
export type CatalogueRole = (typeof CATALOGUE_ROLES)[number];

/**
 * Roles an app adds for its own aggregates: declare them by augmenting this interface, and
 * `RoleName` accepts them.
 *
 * @example
 * ```ts
 * declare module "svcops" {
 *   interface CustomRoles {
 *     lifeguard: true;
 *   }
 * }
 * const actor: Actor = { id: "l-1", role: "lifeguard", sites: ["club-1"] };
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by apps through declaration merging
export interface CustomRoles {}

/**
 * The role of an actor: one of the catalogue's, or one an app declared in `CustomRoles`. A
 * typo (`"frontdesk"`) does not compile.
 *
 * @example
 * ```ts
 * const role: RoleName = "frontDesk";
 * ```
 */
export type RoleName = CatalogueRole | (keyof CustomRoles & string);
