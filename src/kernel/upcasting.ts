import { z } from "zod";
import type { EventEnvelope } from "./envelope.js";
import { ValidationError } from "./errors.js";
import type { EventDefinition } from "./message.js";

const ChainSchema = z
  .object({
    type: z.string().min(1),
    schemaVersion: z.number().int().positive(),
    upcasters: z.array(
      z.object({
        from: z.number().int().positive(),
        up: z.custom<(data: unknown) => unknown>(
          (v) => typeof v === "function",
          "must be a function",
        ),
      }),
    ),
  })
  .superRefine((definition, ctx) => {
    const froms = definition.upcasters.map((u) => u.from);
    const wanted = Array.from({ length: definition.schemaVersion - 1 }, (_, i) => i + 1);
    if (froms.length !== wanted.length || froms.some((from, i) => from !== wanted[i])) {
      ctx.addIssue({
        code: "custom",
        path: ["upcasters"],
        message: `${definition.type} is at schema version ${definition.schemaVersion}, so it needs upcasters from ${wanted.join(", ") || "none"} in order; found ${froms.join(", ") || "none"}`,
      });
    }
  });

/**
 * Upgrades stored events to their current schema version on read. Built once at start-up from
 * the event definitions, where each chain is validated with zod (one step per older version,
 * in order); an upgraded event is parsed with the current schema, so a wrong upcaster fails
 * loudly with the field it got wrong. Events already at the current version pass untouched.
 *
 * @example
 * ```ts
 * const upcasters = new UpcasterRegistry([MemberCheckedIn]);
 * const current = upcasters.upcast(storedEnvelope);
 * ```
 */
export class UpcasterRegistry {
  private readonly definitions = new Map<string, EventDefinition>();
  /** Whether any registered event has older versions to upgrade (read on every state load). */
  readonly hasUpcasters: boolean;

  constructor(definitions: Iterable<EventDefinition>) {
    for (const definition of definitions) {
      const checked = ChainSchema.safeParse({
        type: definition.type,
        schemaVersion: definition.schemaVersion,
        upcasters: definition.upcasters,
      });
      if (!checked.success)
        throw ValidationError.fromZod(`Event ${definition.type}`, checked.error);
      this.definitions.set(definition.type, definition);
    }
    this.hasUpcasters = [...this.definitions.values()].some((d) => d.upcasters.length > 0);
  }

  /** The current schema version of an event type (1 when unknown). */
  currentVersion(type: string): number {
    return this.definitions.get(type)?.schemaVersion ?? 1;
  }

  /** The envelope at its type's current version. */
  upcast<E extends EventEnvelope>(envelope: E): E {
    const definition = this.definitions.get(envelope.type);
    if (!definition || envelope.schemaVersion >= definition.schemaVersion) return envelope;
    let data: unknown = envelope.data;
    for (const step of definition.upcasters) {
      if (step.from >= envelope.schemaVersion) data = step.up(data);
    }
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) {
      throw ValidationError.fromZod(
        `${envelope.type} v${envelope.schemaVersion} upcast to v${definition.schemaVersion} (event ${envelope.eventId})`,
        parsed.error,
        "data",
      );
    }
    return { ...envelope, data: parsed.data, schemaVersion: definition.schemaVersion };
  }

  /** Upgrades a list; returns the same array when nothing needed upgrading. */
  upcastAll<E extends EventEnvelope>(envelopes: readonly E[]): readonly E[] {
    if (!this.hasUpcasters) return envelopes;
    let changed: E[] | undefined;
    for (let i = 0; i < envelopes.length; i++) {
      const before = envelopes[i] as E;
      const after = this.upcast(before);
      if (after !== before) {
        changed ??= envelopes.slice();
        changed[i] = after;
      }
    }
    return changed ?? envelopes;
  }
}
