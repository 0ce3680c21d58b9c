import type { z } from "zod";
import { ValidationError } from "./errors.js";
import type { RoleName } from "./roles.js";
import type { RuleId } from "./rule-ids.js";
import { withCleanText } from "./text.js";

/** A command or an event as data: a `type` tag and its `data`. */
export interface Message<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/**
 * A message type declared once from a zod schema. It is also a function that builds the message,
 * so `CheckInMember({...})` gives `{ type: "CheckInMember", data: {...} }` typed from the schema,
 * with the schema's defaults applied; bad data throws a ValidationError naming the field.
 */
export interface MessageDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  (data: z.input<S>): Message<T, z.output<S>>;
  readonly type: T;
  /** Schema of `data`. */
  readonly schema: S;
  /** Version of the data's shape; bumped with an upcaster when the shape changes. */
  readonly schemaVersion: number;
}

/** The message type a definition describes. */
export type MessageOf<D> =
  D extends MessageDefinition<infer T, infer S> ? Message<T, z.output<S>> : never;

/**
 * What may be sent for a definition: its data as the schema's input (fields with a default may
 * be left out). A message built by the definition (`MessageOf`) is one too.
 *
 * @example
 * ```ts
 * const checkIn: InputOf<typeof CheckInMember> = {
 *   type: "CheckInMember",
 *   data: { visitId: "v-1", memberCard: "M-1", keyTag: "17", gender: "female" }, // category: "member" by default
 * };
 * ```
 */
export type InputOf<D> =
  D extends MessageDefinition<infer T, infer S> ? Message<T, z.input<S>> : never;

/**
 * Upgrades an event's data from one schema version to the next. Old events stay as they were
 * stored; they are upgraded on read.
 */
export interface Upcaster {
  /** The version this step reads; it returns data of version `from + 1`. */
  readonly from: number;
  up(data: unknown): unknown;
}

/** An event type declared from a zod schema, with the upcasters from its older versions. */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType>
  extends MessageDefinition<T, S> {
  /** One step per older version: from 1 to 2, 2 to 3, … up to `schemaVersion`. */
  readonly upcasters: readonly Upcaster[];
}

/** A command type declared from a zod schema, with the roles allowed to issue it. */
export interface CommandDefinition<T extends string = string, S extends z.ZodType = z.ZodType>
  extends MessageDefinition<T, S> {
  /** Roles allowed to issue this command. Empty: only enlisted by another command, never sent directly. */
  readonly roles: readonly RoleName[];
  /** The rule that sets this authority, named in the Unauthorized error (e.g. `"V14"`). */
  readonly authorityRule: RuleId | undefined;
  /**
   * The command opens its stream (a check-in starts a visit): when the handler has no state of
   * that stream cached, it decides on the aggregate's initial state instead of reading the
   * store first. Safe either way: the append expects `"no-stream"`, and a stream that does
   * exist fails it and is read before the command is decided again (a refusal decided on the
   * assumed state is also confirmed on the store's). Saves a read per new stream.
   */
  readonly startsStream: boolean;
  /**
   * A hand-written parse of the command's common shape, for a hot command whose schema parse was
   * measured to cost more than the rest of its path can bear (bench/README.md): it returns the
   * data exactly as the schema would (same values, same key order, so the same fingerprint), or
   * undefined for anything else, which the schema then parses and names the problem of. A spec
   * holds it to the schema with generated input (`test/properties/sale-quick-parse.property.test.ts`).
   */
  readonly quickParse: ((data: unknown) => z.output<S> | undefined) | undefined;
}

function defineMessage<T extends string, S extends z.ZodType>(
  type: T,
  schema: S,
  schemaVersion: number,
): MessageDefinition<T, S> {
  const create = (data: z.input<S>) => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw ValidationError.fromZod(type, parsed.error, "data");
    return { type, data: parsed.data } as Message<T, z.output<S>>;
  };
  return Object.assign(create, { type, schema, schemaVersion }) as MessageDefinition<T, S>;
}

/**
 * Declares an event type once; its TypeScript type is inferred from the schema. When the shape
 * changes, raise `schemaVersion` and add an upcaster from the previous version.
 *
 * @example
 * ```ts
 * const KeyTagIssued = defineEvent("KeyTagIssued", z.object({ tag: z.string(), visitId: z.string() }));
 * type KeyTagIssued = MessageOf<typeof KeyTagIssued>;
 * const event = KeyTagIssued({ tag: "17", visitId: "v-1" });
 *
 * // version 2 added `desk`; version-1 events are read as desk "main"
 * const KeyTagIssuedV2 = defineEvent("KeyTagIssued", z.object({ tag: z.string(), visitId: z.string(), desk: z.string() }), {
 *   schemaVersion: 2,
 *   upcasters: [{ from: 1, up: (data) => ({ ...(data as object), desk: "main" }) }],
 * });
 * ```
 */
export function defineEvent<T extends string, S extends z.ZodType>(
  type: T,
  schema: S,
  options: { schemaVersion?: number; upcasters?: readonly Upcaster[] } = {},
): EventDefinition<T, S> {
  return Object.assign(defineMessage(type, schema, options.schemaVersion ?? 1), {
    upcasters: options.upcasters ?? [],
  });
}

/**
 * Declares a command type once, with the roles allowed to issue it. Its schema also refuses a
 * NUL character or a lone surrogate in any string (see `badTextPath`); declare its objects with
 * `z.strictObject`, so that a misspelt field is refused with its name instead of dropped.
 *
 * @example
 * ```ts
 * const ChargeTab = defineCommand("ChargeTab", z.strictObject({ visitId: z.string(), amount: fenSchema }), {
 *   roles: ["frontDesk", "waterBar"],
 * });
 * type ChargeTab = MessageOf<typeof ChargeTab>;
 *
 * // a check-in opens the visit's stream: no store read before deciding it
 * const CheckIn = defineCommand("CheckIn", z.strictObject({ visitId: z.string() }), {
 *   roles: ["frontDesk"],
 *   startsStream: true,
 * });
 * ```
 */
export function defineCommand<T extends string, S extends z.ZodType>(
  type: T,
  schema: S,
  options: {
    roles: readonly RoleName[];
    authorityRule?: RuleId;
    startsStream?: boolean;
    quickParse?: (data: unknown) => z.output<S> | undefined;
  },
): CommandDefinition<T, S> {
  const checked = withCleanText(schema);
  const quickParse = options.quickParse;
  const message = defineMessage(type, checked, 1);
  const create = quickParse
    ? (data: z.input<S>) => {
        const quick = quickParse(data);
        return quick === undefined ? message(data) : { type, data: quick };
      }
    : message;
  return Object.assign(create, {
    type,
    schema: checked,
    schemaVersion: 1,
    roles: options.roles,
    authorityRule: options.authorityRule,
    startsStream: options.startsStream ?? false,
    quickParse,
  }) as CommandDefinition<T, S>;
}

/**
 * Narrows a stored event (or any message) to one event definition's type, so `data` is typed.
 *
 * @example
 * ```ts
 * const handedOff = result.events.find((e) => isEvent(VisitorHandedOff, e));
 * if (handedOff && isEvent(VisitorHandedOff, handedOff)) handedOff.data.consultantId; // string
 * ```
 */
export function isEvent<T extends string, S extends z.ZodType, M extends Message>(
  definition: MessageDefinition<T, S>,
  message: M,
): message is M & Message<T, z.output<S>> {
  return message.type === definition.type;
}

/**
 * The messages of one definition's type from a list, typed.
 *
 * @example
 * ```ts
 * const [handOff] = eventsOf(result.events, VisitorHandedOff);
 * handOff?.data.arrivalDue; // string
 * ```
 */
export function eventsOf<T extends string, S extends z.ZodType, M extends Message>(
  messages: readonly M[],
  definition: MessageDefinition<T, S>,
): (M & Message<T, z.output<S>>)[] {
  return messages.filter((message): message is M & Message<T, z.output<S>> =>
    isEvent(definition, message),
  );
}
