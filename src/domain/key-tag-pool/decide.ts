import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import type {
  ChargeKeyTagHolder,
  CreditKeyTagHolder,
  IssueKeyTag,
  KeyTagPoolCommand,
  RegisterKeyTags,
  RetireKeyTag,
  RetireLostKeyTag,
  ReturnKeyTag,
} from "./commands.js";
import type { KeyTagPoolEvent } from "./events.js";
import type { KeyTagPoolState } from "./state.js";

/**
 * Decides a key-tag pool command.
 *
 * @example
 * ```ts
 * decideKeyTagPool(IssueKeyTag({ tag: "17", visitId: "v-1" }), state, ctx); // [KeyTagIssued]
 * ```
 */
export function decideKeyTagPool(
  command: KeyTagPoolCommand,
  state: KeyTagPoolState,
  context: DecideContext,
): KeyTagPoolEvent[] {
  switch (command.type) {
    case "RegisterKeyTags":
      return register(command, state);
    case "IssueKeyTag":
      return issue(command, state, context);
    case "ReturnKeyTag":
      return giveBack(command, state, context);
    case "RetireKeyTag":
      return retire(command, state, context);
    case "RetireLostKeyTag":
      return retireLost(command, state, context);
    case "ChargeKeyTagHolder":
      return chargeHolder(command, state);
    case "CreditKeyTagHolder":
      return creditHolder(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown key-tag pool command ${JSON.stringify(unknown)}`);
    }
  }
}

function register(command: RegisterKeyTags, state: KeyTagPoolState): KeyTagPoolEvent[] {
  const fresh = [...new Set(command.data.tags)].filter((tag) => !state.registered.has(tag));
  if (fresh.length === 0) {
    throw new RuleViolation("V1", "every one of these key tags is already in the pool.");
  }
  return [{ type: "KeyTagsRegistered", data: { tags: fresh } }];
}

function issue(
  command: IssueKeyTag,
  state: KeyTagPoolState,
  context: DecideContext,
): KeyTagPoolEvent[] {
  const { tag, visitId } = command.data;
  if (state.retired.has(tag))
    throw new RuleViolation("V2", `key tag ${tag} is retired and cannot be issued.`);
  if (!state.registered.has(tag))
    throw new RuleViolation("V2", `key tag ${tag} is not in this site's pool.`);
  const holder = state.out.get(tag);
  if (holder !== undefined) {
    throw new RuleViolation(
      "V2",
      `key tag ${tag} is already out on visit ${holder}; issue another tag.`,
    );
  }
  return [
    {
      type: "KeyTagIssued",
      data: { tag, visitId, businessDay: context.calendar.businessDayOf(context.now) },
    },
  ];
}

function giveBack(
  command: ReturnKeyTag,
  state: KeyTagPoolState,
  context: DecideContext,
): KeyTagPoolEvent[] {
  const { tag, visitId } = command.data;
  const holder = state.out.get(tag);
  if (holder !== visitId) {
    throw new RuleViolation(
      "V3",
      holder === undefined
        ? `key tag ${tag} is not out, so it cannot be returned.`
        : `key tag ${tag} is out on visit ${holder}, not on ${visitId}.`,
    );
  }
  return [
    {
      type: "KeyTagReturned",
      data: { tag, visitId, businessDay: context.calendar.businessDayOf(context.now) },
    },
  ];
}

function retire(
  command: RetireKeyTag,
  state: KeyTagPoolState,
  context: DecideContext,
): KeyTagPoolEvent[] {
  const { tag, reason } = command.data;
  inPool(state, tag);
  const holder = state.out.get(tag);
  if (holder !== undefined) {
    throw new RuleViolation(
      "V7",
      `key tag ${tag} is out on visit ${holder}; report it lost on that visit, so the visit can still check out.`,
    );
  }
  const businessDay = context.calendar.businessDayOf(context.now);
  return [{ type: "KeyTagRetired", data: { tag, reason, businessDay } }];
}

function retireLost(
  command: RetireLostKeyTag,
  state: KeyTagPoolState,
  context: DecideContext,
): KeyTagPoolEvent[] {
  const { tag, visitId } = command.data;
  inPool(state, tag);
  const holder = state.out.get(tag);
  if (holder !== visitId) {
    throw new RuleViolation(
      "V7",
      holder === undefined
        ? `key tag ${tag} is not out, so visit ${visitId} cannot have lost it.`
        : `key tag ${tag} is out on visit ${holder}, not on ${visitId}.`,
    );
  }
  const businessDay = context.calendar.businessDayOf(context.now);
  return [{ type: "KeyTagRetired", data: { tag, reason: "lost", visitId, businessDay } }];
}

function chargeHolder(command: ChargeKeyTagHolder, state: KeyTagPoolState): KeyTagPoolEvent[] {
  const { tag } = command.data;
  if (!state.out.has(tag)) {
    throw new RuleViolation(
      "N2",
      `key tag ${tag} is not out on an open visit, so nothing can be charged to it; take payment at the counter.`,
    );
  }
  // Nothing to write here: the pool forwards the charge to the visit's tab (forwardToVisitTab).
  return [];
}

function creditHolder(command: CreditKeyTagHolder, state: KeyTagPoolState): KeyTagPoolEvent[] {
  const { tag, reference } = command.data;
  if (!state.out.has(tag)) {
    throw new RuleViolation(
      "V4",
      `key tag ${tag} is not out on an open visit: the member has left and paid the tab, so give ${reference} back at the counter.`,
    );
  }
  return [];
}

function inPool(state: KeyTagPoolState, tag: string): void {
  if (!state.registered.has(tag)) {
    throw new RuleViolation("V7", `key tag ${tag} is not in this site's pool.`);
  }
  if (state.retired.has(tag)) throw new RuleViolation("V7", `key tag ${tag} is already retired.`);
}
