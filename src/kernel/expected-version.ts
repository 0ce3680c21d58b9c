import { VersionConflict } from "./errors.js";
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
