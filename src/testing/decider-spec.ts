import { deepStrictEqual } from "node:assert/strict";
import { createCalendar } from "../kernel/calendar.js";
import type { DecideContext, Decider } from "../kernel/decider.js";
import type { Actor } from "../kernel/envelope.js";
import { SvcOpsError, type SvcOpsErrorCode } from "../kernel/errors.js";
import type { Message } from "../kernel/message.js";
import { createPolicy } from "../kernel/policy.js";
import type { RuleId } from "../kernel/rule-ids.js";
import { defineSite, type Site, type SiteConfig } from "../kernel/site.js";

/** The context a spec decides in; every field has a default. */
export interface SpecContext {
  /** The instant `decide` sees (default 2026-11-22T02:00:00Z, 10:00 in Shanghai). */
  readonly now?: Date | string;
  readonly actor?: Actor;
  readonly site?: SiteConfig | Site;
}

export const SPEC_SITE = "spec-site";
const defaultActor: Actor = { id: "desk-1", role: "frontDesk", sites: [SPEC_SITE] };

/** Builds the DecideContext a spec uses. */
export function specContext(options: SpecContext = {}): DecideContext {
  const site =
    options.site === undefined
      ? { id: SPEC_SITE, calendar: createCalendar(), policy: createPolicy() }
      : "calendar" in options.site
        ? options.site
        : defineSite(options.site);
  return {
    now: new Date(options.now ?? "2026-11-22T02:00:00Z"),
    siteId: site.id,
    policy: site.policy,
    calendar: site.calendar,
    actor: options.actor ?? defaultActor,
  };
}

/** The last step of a spec: what should happen. */
export interface Then<E extends Message, S> {
  /** The command produces exactly these events. */
  then(expected: readonly E[]): void;
  /**
   * The command is refused: a RuleViolation (or Unauthorized) with this rule id, or a
   * SvcOpsError with this code. A rule id of no catalogue (`"V99"`) does not compile.
   */
  thenThrows(ruleOrCode: RuleId | SvcOpsErrorCode): void;
  /** The state after the events equals `expected`, or passes the given check. */
  thenState(expected: S | ((state: S) => void)): void;
}

/** A spec with its history, waiting for a command. */
export interface When<C extends Message, E extends Message, S> {
  when(command: C, context?: SpecContext): Then<E, S>;
}

/**
 * given / when / then for any decider: the history as events, one command, the outcome.
 *
 * @example
 * ```ts
 * it("V3 rejects a different key tag at check-out", () => {
 *   given(visitDecider, [checkedIn({ keyTag: "17" })])
 *     .when(CheckOutMember({ visitId: "v-1", keyTag: "18" }))
 *     .thenThrows("V3");
 * });
 * ```
 */
export function given<C extends Message, E extends Message, S>(
  decider: Decider<C, E, S>,
  history: readonly E[] = [],
  context: SpecContext = {},
): When<C, E, S> {
  const before = history.reduce<S>(
    (state, event) => decider.evolve(state, event),
    decider.initialState,
  );
  return {
    when(command, override) {
      const ctx = specContext({ ...context, ...override });
      const run = () => decider.decide(command, before, ctx);
      return {
        // biome-ignore lint/suspicious/noThenProperty: given/when/then is the spec vocabulary; do not await a spec
        then(expected) {
          deepStrictEqual(run(), expected);
        },
        thenThrows(ruleOrCode) {
          let outcome: unknown;
          try {
            outcome = run();
          } catch (error) {
            if (error instanceof SvcOpsError) {
              const rule = (error as { rule?: string }).rule;
              if (rule === ruleOrCode || error.code === ruleOrCode) return;
              throw new Error(
                `expected ${ruleOrCode} but ${error.code}${rule ? ` ${rule}` : ""}: ${error.message}`,
              );
            }
            throw error;
          }
          throw new Error(
            `expected ${ruleOrCode} but the command was accepted: ${JSON.stringify(outcome)}`,
          );
        },
        thenState(expected) {
          const after = run().reduce<S>((state, event) => decider.evolve(state, event), before);
          if (typeof expected === "function") (expected as (state: S) => void)(after);
          else deepStrictEqual(after, expected);
        },
      };
    },
  };
}
