import type { Actor } from "./envelope.js";
import { ValidationError } from "./errors.js";
import { BAD_TEXT_MESSAGE, isCleanText } from "./text.js";

/** The longest command, correlation or causation id svcops accepts (characters). */
export const MAX_COMMAND_ID_LENGTH = 256;

/** Who sends a command, and the ids that tie it to others. */
export interface ExecuteOptions {
  readonly actor: Actor;
  /**
   * The caller's id for this command, unique within the site: sending it again (at the same
   * moment, later, from another app instance, after a restart) returns the first result. A
   * non-empty string of at most 256 characters.
   */
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

const ID_FIELDS = ["commandId", "correlationId", "causationId"] as const;

/**
 * Checks `execute`'s options before anything is read or decided: an actor object is there, and
 * the ids given are non-empty strings of at most 256 characters with no NUL or lone surrogate.
 * Anything else is a ValidationError naming the field (`actor`, `commandId`, …); a `null` or a
 * number is never taken as "no id".
 *
 * @example
 * ```ts
 * checkExecuteOptions({ actor: desk, commandId: "kiosk-7" }); // ok
 * checkExecuteOptions({ actor: desk, commandId: 7 as never }); // throws, path "commandId"
 * ```
 */
export function checkExecuteOptions(options: unknown): ExecuteOptions {
  if (typeof options !== "object" || options === null) {
    throw new ValidationError("Execute options", [
      { path: "actor", message: "execute(command, { actor }) needs the actor who sends it" },
    ]);
  }
  // Each field is read once, into a snapshot: a getter cannot answer the check one way and
  // the command path another.
  const given = options as Record<string, unknown>;
  const snapshot: Record<string, unknown> = { actor: given.actor };
  for (const field of ID_FIELDS) {
    const value = given[field];
    if (value === undefined) continue;
    snapshot[field] = value;
    const problem =
      typeof value !== "string"
        ? `must be a string, found ${value === null ? "null" : typeof value}`
        : value.length === 0
          ? "must not be empty"
          : value.length > MAX_COMMAND_ID_LENGTH
            ? `must be at most ${MAX_COMMAND_ID_LENGTH} characters, found ${value.length}`
            : isCleanText(value)
              ? undefined
              : BAD_TEXT_MESSAGE;
    if (problem) throw new ValidationError("Execute options", [{ path: field, message: problem }]);
  }
  return snapshot as unknown as ExecuteOptions;
}
