/**
 * The id of every rule of the catalogue (docs/rules.md): V Visit, P Phone, C Complaint,
 * I Incident, D DepositLoan, S Shift, N Inventory, and B, W, G, Q for the seeds' other systems.
 */
export const CATALOGUE_RULE_IDS = [
  "V1",
  "V2",
  "V3",
  "V4",
  "V5",
  "V6",
  "V7",
  "V8",
  "V9",
  "V10",
  "V11",
  "V12",
  "V13",
  "V14",
  "P1",
  "P2",
  "P3",
  "P4",
  "C1",
  "C2",
  "C3",
  "C4",
  "C5",
  "C6",
  "C7",
  "C8",
  "C9",
  "C10",
  "C11",
  "C12",
  "C13",
  "C14",
  "C15",
  "I1",
  "I2",
  "I3",
  "I4",
  "I5",
  "I6",
  "I7",
  "D1",
  "D2",
  "D3",
  "D4",
  "D5",
  "D6",
  "D7",
  "S1",
  "S2",
  "S3",
  "S4",
  "S5",
  "S6",
  "S7",
  "S8",
  "S9",
  "N1",
  "N2",
  "N3",
  "N4",
  "N5",
  "N6",
  "N7",
  "N8",
  "B1",
  "W1",
  "G1",
  "Q1",
] as const;

/** A rule id of the catalogue. */
export type CatalogueRuleId = (typeof CATALOGUE_RULE_IDS)[number];

/**
 * Rule ids an app adds for rules of its own aggregates: declare them by augmenting this
 * interface, and `RuleId` accepts them.
 *
 * @example
 * ```ts
 * declare module "svcops" {
 *   interface CustomRuleIds {
 *     X1: true; // our own rule: a locker is rented for one day at most
 *   }
 * }
 * new RuleViolation("X1", "locker 4 is rented until tomorrow.");
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by apps through declaration merging
export interface CustomRuleIds {}

/**
 * A rule id: one of the catalogue's, or one an app declared in `CustomRuleIds`. A typo
 * (`"V99"`, `"v2"`) does not compile.
 *
 * @example
 * ```ts
 * const rule: RuleId = "V2";
 * ```
 */
export type RuleId = CatalogueRuleId | (keyof CustomRuleIds & string);

/**
 * Whether a string is a rule id of the catalogue.
 *
 * @example
 * ```ts
 * isCatalogueRuleId("V2"); // true
 * isCatalogueRuleId("V99"); // false
 * ```
 */
export function isCatalogueRuleId(id: string): id is CatalogueRuleId {
  return (CATALOGUE_RULE_IDS as readonly string[]).includes(id);
}
