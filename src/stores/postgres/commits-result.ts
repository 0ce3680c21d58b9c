import type { EventEnvelope } from "../../kernel/envelope.js";
import { DuplicateCommand, VersionConflict } from "../../kernel/errors.js";
import type { AppendToStream, Commit } from "../../kernel/event-store.js";

const INT4_MAX = 2_147_483_647;

/** The one row of `append_commits` (migration 4); an array with no element is null. */
export interface CommitsRow {
  /** The refused commits' numbers in the batch (1-based), ascending. */
  readonly refused_commits: readonly number[] | null;
  readonly refused_outcomes: readonly ("duplicate" | "conflict")[] | null;
  /** On `conflict`: the stream, and the version the commit found it at. */
  readonly refused_streams: readonly (string | null)[] | null;
  readonly refused_versions: readonly (number | null)[] | null;
  /** Of every event written, in the order given: global position (bigint, as text)… */
  readonly positions: readonly string[] | null;
  /** …and stream version. */
  readonly versions: readonly number[] | null;
}

/** A commit that `append_commits` refused. */
interface Refusal {
  readonly outcome: "duplicate" | "conflict";
  readonly streamId: string;
  readonly version: number;
}

/**
 * An expected version as `append_batch` takes it: NULL for `"any"`, 0 for `"no-stream"`, and
 * -1 for a number no stream can be at (negative, fractional, too large), which then conflicts.
 */
export function expectedParameter(expected: AppendToStream["expectedVersion"]): number | null {
  if (expected === "any") return null;
  if (expected === "no-stream") return 0;
  return Number.isInteger(expected) && expected >= 0 && expected <= INT4_MAX ? expected : -1;
}

/**
 * The row of one `append_commits` call, read commit by commit in the order they were sent:
 * `next` returns a commit's envelopes or throws its refusal; `finish` checks that every
 * position was used.
 */
export class CommitsResult {
  private readonly refusals = new Map<number, Refusal>();
  private readonly positions: readonly string[];
  private readonly versions: readonly number[];
  /** Commits read so far. */
  private commit = 0;
  /** Positions used so far. */
  private used = 0;

  constructor(row: CommitsRow) {
    (row.refused_commits ?? []).forEach((commitNo, i) => {
      this.refusals.set(commitNo, {
        outcome: row.refused_outcomes?.[i] ?? "conflict",
        streamId: row.refused_streams?.[i] ?? "",
        version: row.refused_versions?.[i] ?? 0,
      });
    });
    this.positions = row.positions ?? [];
    this.versions = row.versions ?? [];
  }

  next({ requests, command }: Commit): readonly EventEnvelope[] {
    this.commit += 1;
    const refusal = this.refusals.get(this.commit);
    if (refusal?.outcome === "duplicate") {
      throw new DuplicateCommand(command?.id ?? "", command?.siteId ?? "");
    }
    if (refusal) {
      const request = requests.find((r) => r.streamId === refusal.streamId);
      const expected = request?.expectedVersion ?? "any";
      const versionHeld =
        expected === "any" || (expected === "no-stream" ? 0 : expected) === refusal.version;
      throw new VersionConflict(
        refusal.streamId,
        expected,
        refusal.version,
        versionHeld ? request?.afterEventId : undefined,
      );
    }
    const result: EventEnvelope[] = [];
    for (const request of requests) {
      for (const event of request.events) {
        const position = this.positions[this.used];
        const version = this.versions[this.used];
        this.used += 1;
        if (position === undefined || version === undefined) this.missing();
        result.push({
          eventId: event.eventId,
          streamId: request.streamId,
          streamVersion: version,
          globalPosition: Number(position),
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata: event.metadata,
        } as EventEnvelope);
      }
    }
    return result;
  }

  finish(): void {
    if (this.used !== this.positions.length) this.missing();
  }

  private missing(): never {
    throw new Error(
      `append_commits returned ${this.positions.length} positions, the commits accepted hold ${this.used} events`,
    );
  }
}
