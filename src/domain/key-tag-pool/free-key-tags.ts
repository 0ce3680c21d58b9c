import type { KeyTagPoolState } from "./state.js";

/**
 * The tags in the drawer: registered, not out, not retired, in registration order.
 *
 * @example
 * ```ts
 * const { state } = await ops.state(keyTagPoolAggregate, keyTagPoolStream("club-1"));
 * const next = freeKeyTags(state)[0];
 * ```
 */
export function freeKeyTags(state: KeyTagPoolState): string[] {
  const free: string[] = [];
  for (const tag of state.registered) {
    if (!state.out.has(tag) && !state.retired.has(tag)) free.push(tag);
  }
  return free;
}
