import { z } from "zod";

/**
 * Where the data subject's id of a personal field is found: a `kind` (`"member"`, `"visitor"`,
 * `"loan"` …) and a dotted `path` to a string or number field. The path is looked up in the
 * object that holds the personal field, then in each object around it out to the event's data;
 * the first one that has it gives the id, and the subject id is `<kind>:<value>`.
 */
export interface SubjectRef {
  readonly kind: string;
  readonly path: string;
}

/** What the `personalData` registry says of a field: whose data it is. */
export interface PersonalField {
  /** The subject's id, by the first ref that resolves (e.g. the member card, else the case). */
  readonly subject: readonly [SubjectRef, ...SubjectRef[]];
}

/**
 * The zod registry of personal fields: a schema registered here holds personal data of the
 * subject its metadata names. Event fields so marked are encrypted per subject when
 * `createServiceOps` has `personalData` (see docs/personal-data.md). Mark with `personal`.
 *
 * @example
 * ```ts
 * const schema = personal(z.string(), { kind: "visitor", path: "visitorId" });
 * personalData.get(schema); // { subject: [{ kind: "visitor", path: "visitorId" }] }
 * ```
 */
export const personalData = z.registry<PersonalField>();

/**
 * Marks a string or number schema as personal data of the subject found by the refs (the first
 * that resolves): returns a copy registered in `personalData`, so a shared schema (`text`,
 * `id`) stays unmarked elsewhere. Refinements added after (`.min(1)`) keep the mark; wrappers
 * (`.optional()`, `.partial()`) hold the marked schema.
 *
 * @example
 * ```ts
 * const LoanCustomer = z.strictObject({
 *   name: personal(z.string().max(64), { kind: "loan", path: "loanId" }),
 * });
 * ```
 */
export function personal<S extends z.ZodType>(
  schema: S,
  ...subject: [SubjectRef, ...SubjectRef[]]
): S {
  const marked = schema.clone() as S;
  personalData.add(marked as z.ZodType, { subject });
  return marked;
}

/** A personal field of a schema: its path (`"[]"` for each array element) and whose it is. */
export interface PersonalFieldPath {
  readonly path: readonly string[];
  readonly field: PersonalField;
  /** The leaf's type: what the erased marker looks like. */
  readonly type: "string" | "number";
}

/** A field of a schema, marked or not (for the check that nothing personal is left unmarked). */
export interface SchemaField {
  readonly path: readonly string[];
  readonly personal: PersonalField | undefined;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
};

const WRAPPERS = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "catch",
  "readonly",
  "nonoptional",
]);

/**
 * Every field of a schema down to its leaves, with its personal-data mark if it has one (a
 * mark on a wrapper or on what it wraps both count).
 *
 * @example
 * ```ts
 * schemaFields(VisitorRegistered.schema).filter((f) => f.personal).map((f) => f.path.join("."));
 * // ["name", "phone"]
 * ```
 */
export function schemaFields(schema: z.ZodType): SchemaField[] {
  const fields: SchemaField[] = [];
  walk(schema, [], undefined, (path, personal) => fields.push({ path, personal }));
  return fields;
}

/**
 * The personal fields of an event schema, with their paths. A marked schema that is not a
 * string or number throws (its erased marker would not be of its shape).
 *
 * @example
 * ```ts
 * personalFieldsOf(IncidentReported.schema).map((f) => f.path.join(".")); // ["member.name", "member.age", …]
 * ```
 */
export function personalFieldsOf(schema: z.ZodType): PersonalFieldPath[] {
  const found: PersonalFieldPath[] = [];
  walk(schema, [], undefined, (path, field, leaf) => {
    if (!field) return;
    const type = leaf._zod.def.type;
    if (type !== "string" && type !== "number") {
      throw new TypeError(
        `personal field ${path.join(".")} is a ${type}: mark only strings and numbers`,
      );
    }
    found.push({ path, field, type });
  });
  return found;
}

function walk(
  schema: z.ZodType,
  path: string[],
  inherited: PersonalField | undefined,
  visit: (path: string[], field: PersonalField | undefined, leaf: z.ZodType) => void,
): void {
  const mark = personalData.get(schema) ?? inherited;
  const def = schema._zod.def as unknown as Def;
  if (WRAPPERS.has(def.type) && def.innerType) {
    walk(def.innerType, path, mark, visit);
    return;
  }
  if (def.type === "pipe" && def.in) {
    walk(def.in, path, mark, visit);
    return;
  }
  if (def.type === "object" && def.shape) {
    for (const [key, value] of Object.entries(def.shape)) {
      walk(value, [...path, key], undefined, visit);
    }
    return;
  }
  if (def.type === "array" && def.element) {
    walk(def.element, [...path, "[]"], mark, visit);
    return;
  }
  if (def.type === "union" && def.options) {
    for (const option of def.options) walk(option, path, mark, visit);
    return;
  }
  visit(path, mark, schema);
}

const PERSONAL_WORDS = new Set([
  "name",
  "names",
  "surname",
  "phone",
  "telephone",
  "tel",
  "mobile",
  "age",
  "birthday",
  "birthdate",
  "birth",
  "injury",
  "injuries",
  "injured",
  "diagnosis",
  "address",
  "email",
  "mail",
  "passport",
  "wechat",
]);

/** Words before "name" that make it the name of a thing, not of a person (`className`). */
const THING_NAMES = new Set(["class", "item", "file", "brand", "company", "venue", "product"]);

/**
 * Whether a field's name reads like personal data: a camelCase word such as name, phone,
 * mobile, age, birthday, injury, address, email, passport, or `idNumber`.
 *
 * @example
 * ```ts
 * looksPersonal("customerName"); // true
 * looksPersonal("cardNumber"); // false: a card number is the member's pseudonymous id
 * looksPersonal("className"); // false: the name of a fitness class
 * ```
 */
export function looksPersonal(field: string): boolean {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_-]+/);
  return words.some(
    (word, i) =>
      (PERSONAL_WORDS.has(word) && !(word === "name" && THING_NAMES.has(words[i - 1] ?? ""))) ||
      (word === "id" && ["number", "no", "card"].includes(words[i + 1] ?? "")),
  );
}

/**
 * The fields of event definitions that are named like personal data (`looksPersonal`) but
 * not marked `personal`, as `<type>.<path>`: empty when every one is marked. A spec calls it
 * on the app's events, so that a new event cannot forget a mark.
 *
 * @example
 * ```ts
 * expect(unmarkedPersonalFields(defaultAggregates.flatMap((a) => a.events))).toEqual([]);
 * ```
 */
export function unmarkedPersonalFields(
  definitions: Iterable<{ readonly type: string; readonly schema: z.ZodType }>,
): string[] {
  const unmarked: string[] = [];
  for (const definition of definitions) {
    for (const field of schemaFields(definition.schema)) {
      const name = field.path.filter((step) => step !== "[]").at(-1);
      if (name !== undefined && looksPersonal(name) && !field.personal) {
        unmarked.push(`${definition.type}.${field.path.join(".")}`);
      }
    }
  }
  return [...new Set(unmarked)];
}
