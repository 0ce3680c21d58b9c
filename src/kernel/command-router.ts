import type { AnyAggregate } from "./aggregate.js";
import type { Actor } from "./envelope.js";
import { Unauthorized, ValidationError } from "./errors.js";
import type { CommandDefinition, Message } from "./message.js";
import { BAD_TEXT_MESSAGE, isCleanText } from "./text.js";

/** Where a command type goes: its aggregate and its definition. */
export interface Route {
  readonly aggregate: AnyAggregate;
  readonly definition: CommandDefinition;
}

/**
 * The first two steps of the command path: find a command's route by its type and parse its
 * data with the definition's schema (`parse`), then check the actor's site and role
 * (`authorize`). Both throw before anything is read or written.
 *
 * @example
 * ```ts
 * const router = new CommandRouter([visitAggregate, keyTagPoolAggregate]);
 * const { route, command } = router.parse({ type: "CheckOutMember", data: { visitId: "v-1" } });
 * router.authorize(route.definition, actor, "club-1");
 * ```
 */
export class CommandRouter {
  private readonly routes = new Map<string, Route>();

  constructor(aggregates: readonly AnyAggregate[]) {
    for (const aggregate of aggregates) {
      for (const definition of aggregate.commands) {
        const known = this.routes.get(definition.type);
        if (known && known.aggregate !== aggregate) {
          throw new Error(
            `Command ${definition.type} is declared by both ${known.aggregate.name} and ${aggregate.name}`,
          );
        }
        this.routes.set(definition.type, { aggregate, definition });
      }
    }
  }

  /** The command types routed. */
  get types(): readonly string[] {
    return [...this.routes.keys()];
  }

  /** The route of a command and its parsed data, or a ValidationError naming the field. */
  parse(input: unknown): { route: Route; command: Message } {
    if (typeof input !== "object" || input === null) {
      throw new ValidationError("Command", [
        { path: "", message: "must be an object { type, data }" },
      ]);
    }
    const { type, data } = input as { type?: unknown; data?: unknown };
    if (typeof type !== "string") {
      throw new ValidationError("Command", [{ path: "type", message: "must be a string" }]);
    }
    const route = this.routes.get(type);
    if (!route) {
      throw new ValidationError("Command", [
        { path: "type", message: `unknown command type "${type}"` },
      ]);
    }
    const quick = route.definition.quickParse?.(data);
    if (quick !== undefined) return { route, command: { type, data: quick } };
    const parsed = route.definition.schema.safeParse(data);
    if (!parsed.success) throw ValidationError.fromZod(type, parsed.error, "data");
    return { route, command: { type, data: parsed.data } };
  }

  /** The actor, when it belongs to the site and its role may issue the command. */
  authorize(definition: CommandDefinition, actor: Actor | undefined, siteId: string): Actor {
    if (
      typeof actor !== "object" ||
      actor === null ||
      typeof actor.role !== "string" ||
      !Array.isArray(actor.sites)
    ) {
      throw new ValidationError("Actor", [
        { path: "actor", message: "must be { id, role, sites } with a non-empty id" },
      ]);
    }
    const { id } = actor;
    if (typeof id !== "string" || id === "" || id.length > 128 || !isCleanText(id)) {
      throw new ValidationError("Actor", [
        {
          path: "actor.id",
          message: `must be a non-empty string of at most 128 characters; ${BAD_TEXT_MESSAGE}`,
        },
      ]);
    }
    if (!actor.sites.includes(siteId)) {
      throw new Unauthorized(
        `${actor.id} does not belong to site ${siteId} (belongs to: ${actor.sites.join(", ") || "none"}).`,
      );
    }
    if (definition.roles.length === 0) {
      throw new Unauthorized(
        `${definition.type} is only issued by svcops itself, as part of another command.`,
      );
    }
    if (!definition.roles.includes(actor.role)) {
      throw new Unauthorized(
        `role ${actor.role} may not issue ${definition.type}; allowed: ${definition.roles.join(", ")}.`,
        definition.authorityRule,
      );
    }
    return actor;
  }
}
