import type { z } from "zod";
import { brandOf, classChain, ERROR_BRAND, endsWithChain } from "./error-brand.js";
import type { RuleId } from "./rule-ids.js";

/**
 * The `code` of every error svcops throws: one per error class, and those of the stores'
 * SvcOpsErrors (`store_busy`, `store_unavailable`, …).
 *
 * @example
 * ```ts
 * const code: SvcOpsErrorCode = "rule_violation";
 * ```
 */
export type SvcOpsErrorCode =
  | "validation_failed"
  | "rule_violation"
  | "unauthorized"
  | "version_conflict"
  | "idempotency_conflict"
  | "duplicate_command"
  | "clock_out_of_range"
  | "store_busy"
  | "store_unsupported"
  | "store_not_migrated"
  | "store_unavailable"
  | "schema_too_new";

/**
 * Base class of every error svcops throws on purpose. `code` is a stable string an app can
 * switch on; `message` is a sentence a front-desk clerk can read; `name` is the class's name
 * (`"RuleViolation"`), in the ESM and the CJS build alike.
 *
 * `instanceof` works across copies of svcops: when an app loads both builds (its own `import`s
 * get the ESM build, a dependency's `require` the CJS one), a `RuleViolation` thrown by either is
 * `instanceof RuleViolation` of both, and not `instanceof ValidationError` of either. Errors carry
 * their class names under `Symbol.for("svcops.error")`, and those names are compared when the
 * prototype chain cannot answer. Within one copy `instanceof` works as usual, for your own
 * subclasses of `SvcOpsError` too.
 *
 * @example
 * ```ts
 * try {
 *   await ops.execute(command, { actor });
 * } catch (error) {
 *   if (error instanceof SvcOpsError) console.log(error.name, error.code, error.message);
 * }
 * ```
 */
export class SvcOpsError extends Error {
  /** Stable machine-readable code, e.g. `"rule_violation"`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  static {
    // The brand: this error's class names, most derived first (`["RuleViolation", "SvcOpsError"]`).
    // A getter on the prototype, so that errors hold no extra field of their own.
    Object.defineProperty(SvcOpsError.prototype, ERROR_BRAND, {
      get(this: SvcOpsError) {
        return classChain(Object.getPrototypeOf(this), SvcOpsError.prototype);
      },
      enumerable: false,
      configurable: false,
    });
  }

  /**
   * `error instanceof RuleViolation` (or any svcops error class, or `SvcOpsError`): the usual
   * prototype-chain test, and, for an error made by another copy of svcops, the same test on its
   * class names.
   *
   * @example
   * ```ts
   * const { RuleViolation: CjsRuleViolation } = createRequire(import.meta.url)("svcops");
   * new CjsRuleViolation("V2", "Key tag 17 is out.") instanceof RuleViolation; // true
   * ```
   */
  static override [Symbol.hasInstance]<T>(
    this: { readonly prototype: T },
    value: unknown,
  ): value is T {
    // `this` is the class right of instanceof: SvcOpsError, one of its subclasses, or yours.
    // biome-ignore lint/complexity/noThisInStatic: the class instanceof asks about, not SvcOpsError
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (!(value instanceof Error)) return false;
    // An error of this copy of svcops: its prototype chain has answered.
    if (Object.prototype.isPrototypeOf.call(SvcOpsError.prototype, value)) return false;
    // An error of another copy: it is an instance of this class if its class names end with
    // this class's names, up to SvcOpsError.
    const theirs = brandOf(value);
    // biome-ignore lint/complexity/noThisInStatic: the class instanceof asks about, not SvcOpsError
    const ours = classChain(this.prototype as object, SvcOpsError.prototype);
    return theirs !== undefined && ours !== undefined && endsWithChain(theirs, ours);
  }
}

/** One problem found in an input, with the path of the offending field. */
export interface ValidationIssue {
  /** Dotted path of the field, e.g. `"data.keyTag"`. Empty for the whole input. */
  readonly path: string;
  readonly message: string;
}

/**
 * Input did not match a command's or event's schema. Nothing was changed.
 *
 * @example
 * ```ts
 * const error = ValidationError.fromZod("CheckInMember", zodError);
 * error.issues[0]?.path; // "data.keyTag"
 * ```
 */
export class ValidationError extends SvcOpsError {
  readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[]) {
    const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    super("validation_failed", `${subject} is invalid: ${detail}`);
    this.issues = issues;
  }

  /** Builds a ValidationError from zod issues, prefixing each path with `prefix`. */
  static fromZod(subject: string, error: z.ZodError, prefix = ""): ValidationError {
    const at = (path: readonly PropertyKey[]) =>
      [prefix, ...path.map(String)].filter((p) => p !== "").join(".");
    return new ValidationError(
      subject,
      error.issues.flatMap((issue) =>
        // A misspelt field is named in its own path (`data.refrence`), one issue per field.
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({ path: at([...issue.path, key]), message: "unknown field" }))
          : [{ path: at(issue.path), message: issue.message }],
      ),
    );
  }
}

/**
 * A business rule of the catalogue (docs/rules.md) refused the command. `rule` is the rule id
 * (`"V2"`).
 *
 * @example
 * ```ts
 * throw new RuleViolation("V2", "Key tag 17 is already out on visit v-9.");
 * ```
 */
export class RuleViolation extends SvcOpsError {
  readonly rule: RuleId;

  constructor(rule: RuleId, message: string) {
    super("rule_violation", `${rule}: ${message}`);
    this.rule = rule;
  }
}

/**
 * The actor may not issue this command: wrong role, or not a member of the site.
 *
 * @example
 * ```ts
 * new Unauthorized("Role frontDesk may not issue QuoteMembershipPrice; allowed: consultant.");
 * ```
 */
export class Unauthorized extends SvcOpsError {
  /** The rule that sets this authority, when one does (e.g. `"V14"`). */
  readonly rule: RuleId | undefined;

  constructor(message: string, rule?: RuleId) {
    super("unauthorized", rule ? `${rule}: ${message}` : message);
    this.rule = rule;
  }
}

/**
 * A stream was not at the version the writer expected. Nothing was appended.
 *
 * @example
 * ```ts
 * new VersionConflict("site-1/visit/v-1", "no-stream", 3);
 * ```
 */
export class VersionConflict extends SvcOpsError {
  readonly streamId: string;
  readonly expected: number | "no-stream" | "any";
  readonly actual: number;

  constructor(
    streamId: string,
    expected: number | "no-stream" | "any",
    actual: number,
    /** Set when the version matched but the last event was not this one (see `afterEventId`). */
    readonly afterEventId?: string,
  ) {
    super(
      "version_conflict",
      afterEventId === undefined
        ? `Stream ${streamId} expected ${expected === "no-stream" ? "to not exist" : `version ${expected}`} but is at version ${actual}.`
        : `Stream ${streamId} is at version ${actual}, but its last event is not ${afterEventId}, the one the append was decided after.`,
    );
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * A command id was reused for a different command. The first command's result stands.
 *
 * @example
 * ```ts
 * new IdempotencyConflict("cmd-1");
 * ```
 */
export class IdempotencyConflict extends SvcOpsError {
  readonly commandId: string;

  constructor(commandId: string) {
    super(
      "idempotency_conflict",
      `Command id ${commandId} was already used for a different command; use a new id for a new command.`,
    );
    this.commandId = commandId;
  }
}

/**
 * Thrown by an EventStore when an append names a command id it has already stored. The
 * command handler turns it into the first result; apps rarely see it.
 *
 * @example
 * ```ts
 * if (error instanceof DuplicateCommand) return store.findCommand({ siteId: error.siteId, id: error.commandId });
 * ```
 */
export class DuplicateCommand extends SvcOpsError {
  readonly commandId: string;
  readonly siteId: string;

  constructor(commandId: string, siteId: string) {
    super("duplicate_command", `Command ${commandId} was already handled at site ${siteId}.`);
    this.commandId = commandId;
    this.siteId = siteId;
  }
}

/**
 * The clock port gave an instant svcops cannot stamp: not a valid Date, before 1970-01-01, or
 * past 10889-08-02 (the last millisecond a ULID can carry). Nothing was decided or appended.
 *
 * @example
 * ```ts
 * new ClockError(new Date(-1)); // "The clock gave 1969-12-31T23:59:59.999Z: …"
 * ```
 */
export class ClockError extends SvcOpsError {
  /** What the clock gave. */
  readonly instant: unknown;

  constructor(instant: unknown) {
    const shown =
      instant instanceof Date && !Number.isNaN(instant.getTime())
        ? instant.toISOString()
        : String(instant);
    super(
      "clock_out_of_range",
      `The clock gave ${shown}: svcops needs a valid instant from 1970-01-01T00:00:00.000Z to 10889-08-02T05:31:50.655Z.`,
    );
    this.instant = instant;
  }
}
