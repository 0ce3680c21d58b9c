import type { KeyTagPoolEvent } from "./events.js";
import type { KeyTagPoolState } from "./state.js";

/**
 * Folds one key-tag pool event into the pool.
 *
 * @example
 * ```ts
 * evolveKeyTagPool(initialKeyTagPoolState, KeyTagsRegistered({ tags: ["1", "2"] }));
 * ```
 */
export function evolveKeyTagPool(state: KeyTagPoolState, event: KeyTagPoolEvent): KeyTagPoolState {
  switch (event.type) {
    case "KeyTagsRegistered":
      return { ...state, registered: new Set([...state.registered, ...event.data.tags]) };
    case "KeyTagIssued": {
      const out = new Map(state.out);
      out.set(event.data.tag, event.data.visitId);
      return { ...state, out };
    }
    case "KeyTagReturned":
      return { ...state, out: without(state.out, event.data.tag) };
    case "KeyTagRetired":
      return {
        ...state,
        out: without(state.out, event.data.tag),
        retired: new Set([...state.retired, event.data.tag]),
      };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown key-tag pool event ${JSON.stringify(unknown)}`);
    }
  }
}

function without(map: ReadonlyMap<string, string>, key: string): ReadonlyMap<string, string> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}
