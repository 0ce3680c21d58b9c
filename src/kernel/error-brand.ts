/**
 * The brand that lets `instanceof` recognise svcops errors across copies of the package.
 *
 * An app often loads svcops twice: the ESM build for its own `import`s and the CJS build for a
 * dependency that `require`s it (the dual package hazard), or two versions side by side in
 * node_modules. Each copy has its own `RuleViolation` class, so a plain `instanceof` says that a
 * RuleViolation thrown by one copy is not a RuleViolation of the other. Every svcops error
 * therefore carries, under a key of the global symbol registry (the same key in every copy), the
 * names of its classes from its own up to `SvcOpsError`: `["RuleViolation", "SvcOpsError"]`.
 * `SvcOpsError[Symbol.hasInstance]` compares those names when the prototype chain cannot answer.
 *
 * Internal: not exported from the package entry.
 */

/** The brand's key, `Symbol.for("svcops.error")`: the same symbol in every copy of svcops. */
export const ERROR_BRAND: unique symbol = Symbol.for("svcops.error");

const chains = new WeakMap<object, readonly string[]>();

/**
 * The class names along the prototype chain from `prototype` up to `base` (both included), most
 * derived first: `["RuleViolation", "SvcOpsError"]`. Undefined when `base` is not on the chain.
 * Cached per prototype.
 */
export function classChain(prototype: object, base: object): readonly string[] | undefined {
  const cached = chains.get(prototype);
  if (cached) return cached;
  const names: string[] = [];
  for (let p: object | null = prototype; p !== null; p = Object.getPrototypeOf(p)) {
    names.push((p as { readonly constructor: { readonly name: string } }).constructor.name);
    if (p === base) {
      const chain = Object.freeze(names);
      chains.set(prototype, chain);
      return chain;
    }
  }
  return undefined;
}

/**
 * The brand of `value` when it carries a well-formed one (a list of class names ending in
 * `"SvcOpsError"`), from whichever copy of svcops made it.
 */
export function brandOf(value: object): readonly string[] | undefined {
  const brand: unknown = (value as { readonly [ERROR_BRAND]?: unknown })[ERROR_BRAND];
  if (!Array.isArray(brand) || brand.at(-1) !== "SvcOpsError") return undefined;
  return brand.every((name) => typeof name === "string") ? brand : undefined;
}

/** Whether `chain` ends with `suffix`: a class and all its ancestors, in the same order. */
export function endsWithChain(chain: readonly string[], suffix: readonly string[]): boolean {
  const offset = chain.length - suffix.length;
  return offset >= 0 && suffix.every((name, i) => chain[offset + i] === name);
}
