import type { z } from "zod";

/**
 * Where a value holds text that no store keeps alike: a NUL character (PostgreSQL refuses it in
 * text and jsonb, SQLite and memory keep it) or a lone UTF-16 surrogate (not Unicode; JSON
 * round trips turn it into U+FFFD). Returns the dotted path of the first such string, or
 * undefined. Walks plain objects and arrays; keys are checked too.
 *
 * @example
 * ```ts
 * badTextPath({ visitId: "v-1\u0000" }); // "visitId"
 * badTextPath({ tags: ["17", "18"] }); // undefined
 * ```
 */
export function badTextPath(value: unknown, path = ""): string | undefined {
  // The walk that finds nothing (nearly every command) builds no path strings.
  return isCleanValue(value) ? undefined : pathOfBadText(value, path);
}

/** Whether every string of a value, keys included, is clean text. */
function isCleanValue(value: unknown): boolean {
  if (typeof value === "string") return isCleanText(value);
  if (typeof value !== "object" || value === null) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isCleanValue(value[i])) return false;
    return true;
  }
  for (const key in value) {
    if (!isCleanText(key) || !isCleanValue((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** The dotted path of the first string that is not clean text, or undefined. */
function pathOfBadText(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return isCleanText(value) ? undefined : path;
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfBadText(value[i], path === "" ? String(i) : `${path}.${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key in value) {
    const at = path === "" ? key : `${path}.${key}`;
    if (!isCleanText(key)) return at;
    const found = pathOfBadText((value as Record<string, unknown>)[key], at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** No NUL and no lone surrogate. */
export function isCleanText(text: string): boolean {
  return text.indexOf("\u0000") < 0 && text.isWellFormed();
}

/** The message of the issue a bad string gets. */
export const BAD_TEXT_MESSAGE =
  "must not contain a NUL character or a lone UTF-16 surrogate (no store keeps them alike)";

/**
 * Adds the text check to a message schema: a parse that finds a NUL or a lone surrogate in any
 * string of the data fails with an issue at that string's path.
 *
 * @example
 * ```ts
 * const schema = withCleanText(z.object({ name: z.string() }));
 * schema.safeParse({ name: "a\u0000" }).success; // false, path ["name"]
 * ```
 */
export function withCleanText<S extends z.ZodType>(schema: S): S {
  return schema.superRefine((value, ctx) => {
    const path = badTextPath(value);
    if (path === undefined) return;
    ctx.addIssue({
      code: "custom",
      message: BAD_TEXT_MESSAGE,
      path: path === "" ? [] : path.split("."),
    });
  }) as S;
}
