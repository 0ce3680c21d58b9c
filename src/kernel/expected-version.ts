import { ValidationError, VersionConflict } from "./errors.js";
import type { AppendToStream } from "./event-store.js";

/**
 * Throws VersionConflict unless a stream at `actual`, whose last event has the id `lastEventId`
 * (undefined for an empty stream), meets the request's expected version and `afterEventId`.
 * For store adapters: the check must run in the same atomic step as the write.
 *
 * @example
 * ```ts
 * checkExpectedVersion({ streamId: "s", expectedVersion: "no-stream", events }, 0); // ok
 * checkExpectedVersion({ streamId: "s", expectedVersion: 3, afterEventId: "e-9", events }, 3, "e-9"); // ok
 * ```
 */
export function checkExpectedVersion(
  request: AppendToStream,
  actual: number,
  lastEventId?: string,
): void {
  const expected = request.expectedVersion;
  if (expected !== "any") {
    const wanted = expected === "no-stream" ? 0 : expected;
    if (actual !== wanted) throw new VersionConflict(request.streamId, expected, actual);
  }
  const after = request.afterEventId;
  if (after !== undefined && after !== lastEventId) {
    throw new VersionConflict(request.streamId, expected, actual, after);
  }
}

/**
 * Throws a ValidationError when one append names a stream twice (its expected versions could
 * not both hold). For store adapters, before they write anything.
 *
 * @example
 * ```ts
 * checkDistinctStreams([{ streamId: "a", expectedVersion: 0, events }]); // ok
 * ```
 */
export function checkDistinctStreams(requests: readonly AppendToStream[]): void {
  const n = requests.length;
  if (n < 2) return;
  if (n <= 8) {
    // A command's few streams: comparing each pair allocates nothing (a Set per append did).
    for (let i = 1; i < n; i++) {
      const streamId = (requests[i] as AppendToStream).streamId;
      for (let j = 0; j < i; j++) {
        if ((requests[j] as AppendToStream).streamId === streamId) twice(streamId);
      }
    }
    return;
  }
  const seen = new Set<string>();
  for (const { streamId } of requests) {
    if (seen.has(streamId)) twice(streamId);
    seen.add(streamId);
  }
}

function twice(streamId: string): never {
  throw new ValidationError("Append", [
    { path: "streamId", message: `${streamId} appears twice in one append` },
  ]);
}
