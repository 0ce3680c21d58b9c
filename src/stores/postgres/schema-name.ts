import { ValidationError } from "../../kernel/errors.js";

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks a PostgreSQL schema name (lower-case letters, digits and `_`, not starting with a
 * digit, at most 63 characters) and returns it double-quoted for SQL.
 *
 * @example
 * ```ts
 * quoteSchemaName("svcops"); // "\"svcops\""
 * ```
 */
export function quoteSchemaName(schema: string): string {
  if (!NAME.test(schema)) {
    throw new ValidationError("PostgreSQL store options", [
      {
        path: "schema",
        message: `expected lower-case letters, digits and _ (not starting with a digit), found "${schema}"`,
      },
    ]);
  }
  return `"${schema}"`;
}
