import type { ReceptionState } from "./state.js";

/**
 * The next consultant in today's sign-in rotation (V9), starting at the cursor, skipping
 * consultants who are away (V13) and those in `skip`. `undefined` when nobody is available.
 *
 * @example
 * ```ts
 * nextInRotation(state, ["c-1"]); // "c-2"
 * ```
 */
export function nextInRotation(
  state: ReceptionState,
  skip: readonly string[] = [],
): string | undefined {
  const { rotation, cursor, away } = state;
  for (let i = 0; i < rotation.length; i++) {
    const candidate = rotation[(cursor + i) % rotation.length];
    if (candidate !== undefined && !away.has(candidate) && !skip.includes(candidate))
      return candidate;
  }
  return undefined;
}

/**
 * Whether a consultant signed in today and is in the centre.
 *
 * @example
 * ```ts
 * isAvailable(state, "c-1"); // true
 * ```
 */
export function isAvailable(state: ReceptionState, consultantId: string): boolean {
  return state.rotation.includes(consultantId) && !state.away.has(consultantId);
}

/**
 * The rotation after a hand-off by rotation (a visitor, V9, or a phone inquiry, P2): the next
 * one starts looking after `consultantId`.
 *
 * @example
 * ```ts
 * passRotation(state, "c-1").cursor; // index of "c-2"
 * ```
 */
export function passRotation(state: ReceptionState, consultantId: string): ReceptionState {
  const index = state.rotation.indexOf(consultantId);
  return { ...state, cursor: (index + 1) % Math.max(1, state.rotation.length) };
}
