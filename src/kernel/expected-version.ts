import { ValidationError, VersionConflict } from "./errors.js";
import type { AppendToStream } from "./event-store.js";

/**
 * Throws VersionConflict unless a stream at `actual` meets the request's expected version. For
 * store adapters: the check must run in the same atomic step as the write.
 *
 * @example
 * ```ts
 * checkExpectedVersion({ streamId: "s", expectedVersion: "no-stream", events }, 0); // ok
 * ```
 */
export function checkExpectedVersion(request: AppendToStream, actual: number): void {
  const expected = request.expectedVersion;
  if (expected === "any") return;
  const wanted = expected === "no-stream" ? 0 : expected;
  if (actual !== wanted) throw new VersionConflict(request.streamId, expected, actual);
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
  if (requests.length < 2) return;
  const seen = new Set<string>();
  for (const { streamId } of requests) {
    if (seen.has(streamId)) {
      throw new ValidationError("Append", [
        { path: "streamId", message: `${streamId} appears twice in one append` },
      ]);
    }
    seen.add(streamId);
  }
}
