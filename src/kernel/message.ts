import type { z } from "zod";
import { ValidationError } from "./errors.js";

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

/** An event type declared from a zod schema. */
export type EventDefinition<
  T extends string = string,
  S extends z.ZodType = z.ZodType,
> = MessageDefinition<T, S>;

/** A command type declared from a zod schema, with the roles allowed to issue it. */
export interface CommandDefinition<T extends string = string, S extends z.ZodType = z.ZodType>
  extends MessageDefinition<T, S> {
  /** Roles allowed to issue this command. Empty: only enlisted by another command, never sent directly. */
  readonly roles: readonly string[];
  /** The rule that sets this authority, named in the Unauthorized error (e.g. `"V14"`). */
  readonly authorityRule: string | undefined;
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
 * Declares an event type once; its TypeScript type is inferred from the schema.
 *
 * @example
 * ```ts
 * const KeyTagIssued = defineEvent("KeyTagIssued", z.object({ tag: z.string(), visitId: z.string() }));
 * type KeyTagIssued = MessageOf<typeof KeyTagIssued>;
 * const event = KeyTagIssued({ tag: "17", visitId: "v-1" });
 * ```
 */
export function defineEvent<T extends string, S extends z.ZodType>(
  type: T,
  schema: S,
  options: { schemaVersion?: number } = {},
): EventDefinition<T, S> {
  return defineMessage(type, schema, options.schemaVersion ?? 1);
}

/**
 * Declares a command type once, with the roles allowed to issue it.
 *
 * @example
 * ```ts
 * const ChargeTab = defineCommand("ChargeTab", z.object({ visitId: z.string(), amount: fen }), {
 *   roles: ["frontDesk", "waterBar"],
 * });
 * type ChargeTab = MessageOf<typeof ChargeTab>;
 * ```
 */
export function defineCommand<T extends string, S extends z.ZodType>(
  type: T,
  schema: S,
  options: { roles: readonly string[]; authorityRule?: string },
): CommandDefinition<T, S> {
  return Object.assign(defineMessage(type, schema, 1), {
    roles: options.roles,
    authorityRule: options.authorityRule,
  });
}
