/**
 * Error names and `instanceof`. Every exported error is named after its class, and `instanceof`
 * recognises a svcops error made by another copy of the package (the ESM and the CJS build loaded
 * side by side, the dual package hazard) by the class names it carries under
 * `Symbol.for("svcops.error")`. Here the second copy is the source loaded a second time, in a
 * fresh module registry; `npm run pack:check` does the same with the two built copies.
 */
import {
  ClockError,
  DuplicateCommand,
  IdempotencyConflict,
  RuleViolation,
  SvcOpsError,
  Unauthorized,
  ValidationError,
  VersionConflict,
} from "svcops";
import { beforeAll, describe, expect, it, vi } from "vitest";

const BRAND = Symbol.for("svcops.error");

/** The exported error classes of one copy of svcops, keyed by name. */
function errorClasses(copy: typeof import("svcops")) {
  const {
    SvcOpsError,
    ValidationError,
    RuleViolation,
    Unauthorized,
    VersionConflict,
    IdempotencyConflict,
    DuplicateCommand,
    ClockError,
  } = copy;
  return {
    SvcOpsError,
    ValidationError,
    RuleViolation,
    Unauthorized,
    VersionConflict,
    IdempotencyConflict,
    DuplicateCommand,
    ClockError,
  };
}
type ErrorClasses = ReturnType<typeof errorClasses>;
const classes: ErrorClasses = {
  SvcOpsError,
  ValidationError,
  RuleViolation,
  Unauthorized,
  VersionConflict,
  IdempotencyConflict,
  DuplicateCommand,
  ClockError,
};

/** One error of each exported class, keyed by the class's name. */
function oneOfEach(errors: ErrorClasses): Record<string, Error> {
  return {
    SvcOpsError: new errors.SvcOpsError("custom", "Something went wrong."),
    ValidationError: new errors.ValidationError("CheckInMember", [{ path: "data", message: "x" }]),
    RuleViolation: new errors.RuleViolation("V2", "Key tag 17 is already out."),
    Unauthorized: new errors.Unauthorized("Role frontDesk may not quote prices.", "V14"),
    VersionConflict: new errors.VersionConflict("s-1", 1, 2),
    IdempotencyConflict: new errors.IdempotencyConflict("cmd-1"),
    DuplicateCommand: new errors.DuplicateCommand("cmd-1", "club-1"),
    ClockError: new errors.ClockError(new Date(-1)),
  };
}

describe("Error names", () => {
  it("every exported error is named after its class, in name, toString and stack", () => {
    for (const [name, error] of Object.entries(oneOfEach(classes))) {
      expect(error.name).toBe(name);
      expect(String(error)).toMatch(new RegExp(`^${name}: `));
      expect(error.stack).toMatch(new RegExp(`^${name}: `));
    }
  });

  it("carries its class names as a brand that is neither an own nor an enumerable property", () => {
    const error = new RuleViolation("V2", "Key tag 17 is already out.");
    expect((error as unknown as Record<symbol, unknown>)[BRAND]).toEqual([
      "RuleViolation",
      "SvcOpsError",
    ]);
    expect(Object.getOwnPropertySymbols(error)).toEqual([]); // a getter on the prototype
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: "rule_violation",
      name: "RuleViolation",
      rule: "V2",
    });
  });
});

describe("instanceof within one copy of svcops", () => {
  it("is true for the error's own class, SvcOpsError and Error, false for the others", () => {
    const errors = oneOfEach(classes);
    for (const [name, error] of Object.entries(errors)) {
      for (const [other, type] of Object.entries(classes)) {
        const expected = other === name || other === "SvcOpsError";
        expect(error instanceof type, `${name} instanceof ${other}`).toBe(expected);
      }
      expect(error instanceof Error).toBe(true);
    }
  });

  it("is false for what is not a svcops error", () => {
    for (const value of [undefined, null, 0, "V2", {}, new Error("V2"), new TypeError("x")]) {
      expect(value instanceof SvcOpsError).toBe(false);
      expect(value instanceof RuleViolation).toBe(false);
    }
  });

  it("works as usual for an app's own subclasses", () => {
    class TabTooLarge extends RuleViolation {
      constructor(readonly tab: number) {
        super("V4", `The tab of ${tab} fen is too large.`);
      }
    }
    class PrinterOffline extends SvcOpsError {
      constructor() {
        super("printer_offline", "The receipt printer is offline.");
      }
    }
    const tab = new TabTooLarge(90_000);
    expect(tab.name).toBe("TabTooLarge");
    expect(tab instanceof TabTooLarge && tab.tab).toBe(90_000); // narrows to the subclass
    expect(tab instanceof RuleViolation && tab.rule).toBe("V4");
    expect(tab instanceof SvcOpsError).toBe(true);
    expect(tab instanceof PrinterOffline).toBe(false);
    expect(tab instanceof ValidationError).toBe(false);
    expect(new RuleViolation("V4", "x") instanceof TabTooLarge).toBe(false);
    expect(new PrinterOffline() instanceof SvcOpsError).toBe(true);
    expect(new PrinterOffline() instanceof RuleViolation).toBe(false);

    // Two classes of the same name are still two classes: within one copy, names never decide.
    const make = () => class NotFound extends SvcOpsError {};
    const [A, B] = [make(), make()];
    expect(new A("not_found", "x") instanceof A).toBe(true);
    expect(new A("not_found", "x") instanceof B).toBe(false);
  });
});

describe("instanceof across two copies of svcops", () => {
  let other: typeof import("svcops");
  beforeAll(async () => {
    vi.resetModules(); // the next import loads the source again: new classes, a second copy
    other = await import("svcops");
    expect(other.RuleViolation).not.toBe(RuleViolation);
  });

  it("is true for the same class and SvcOpsError, false for the others, both ways", () => {
    const theirs = errorClasses(other);
    const copies = [
      ["this copy", oneOfEach(classes), theirs],
      ["the other copy", oneOfEach(theirs), classes],
    ] as const;
    for (const [from, errors, types] of copies) {
      for (const [name, error] of Object.entries(errors)) {
        expect(error.name).toBe(name);
        for (const [otherName, type] of Object.entries(types)) {
          const expected = otherName === name || otherName === "SvcOpsError";
          expect(error instanceof type, `${name} of ${from} instanceof ${otherName}`).toBe(
            expected,
          );
        }
      }
    }
  });

  it("recognises an app's subclass of the other copy's class as that class, not the reverse", () => {
    class TabTooLarge extends other.RuleViolation {
      constructor() {
        super("V4", "The tab is too large.");
      }
    }
    class TabLimit extends RuleViolation {}
    const error = new TabTooLarge();
    expect(error instanceof RuleViolation).toBe(true);
    expect(error instanceof SvcOpsError).toBe(true);
    expect(error instanceof ValidationError).toBe(false);
    expect(error instanceof TabLimit).toBe(false); // TabLimit is not on its chain
    expect(new other.RuleViolation("V4", "x") instanceof TabLimit).toBe(false);
  });

  it("narrows the type, so the other copy's fields can be read", () => {
    const error: unknown = new other.RuleViolation("V2", "Key tag 17 is already out.");
    if (!(error instanceof RuleViolation)) throw new Error("expected a RuleViolation");
    expect(error.rule).toBe("V2");
    expect(error.code).toBe("rule_violation");
  });
});

describe("instanceof with a brand that another copy would carry", () => {
  /** An Error (not of this copy) that carries `brand` under Symbol.for("svcops.error"). */
  const branded = (brand: unknown) =>
    Object.defineProperty(new Error("from elsewhere"), BRAND, { value: brand });

  it("compares the class names of the brand with the class's, up to SvcOpsError", () => {
    const error = branded(["RuleViolation", "SvcOpsError"]);
    expect(error instanceof RuleViolation).toBe(true);
    expect(error instanceof SvcOpsError).toBe(true);
    expect(error instanceof ValidationError).toBe(false);
    expect(branded(["SvcOpsError"]) instanceof SvcOpsError).toBe(true);
    expect(branded(["SvcOpsError"]) instanceof RuleViolation).toBe(false);
    // An app class between: still a RuleViolation, and a SvcOpsError.
    expect(branded(["TabTooLarge", "RuleViolation", "SvcOpsError"]) instanceof RuleViolation).toBe(
      true,
    );
    // The same name on another branch is not the same class.
    expect(branded(["RuleViolation", "AppBase", "SvcOpsError"]) instanceof RuleViolation).toBe(
      false,
    );
  });

  it("ignores a malformed brand, and a brand on something that is not an Error", () => {
    for (const brand of [undefined, "RuleViolation", ["RuleViolation"], [1, "SvcOpsError"], {}]) {
      expect(branded(brand) instanceof SvcOpsError, JSON.stringify(brand)).toBe(false);
      expect(branded(brand) instanceof RuleViolation).toBe(false);
    }
    const plain = { [BRAND]: ["RuleViolation", "SvcOpsError"] };
    expect(plain instanceof RuleViolation).toBe(false);
    expect(plain instanceof SvcOpsError).toBe(false);
  });
});
