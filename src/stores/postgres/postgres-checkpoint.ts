import { ValidationError } from "../../kernel/errors.js";
import { type Checkpoint, START } from "../../kernel/event-store.js";

/**
 * A place in the PostgreSQL global log: the transaction id (xid8, as decimal text) and the
 * global position of the last event read. The log is ordered by this pair.
 */
export interface PostgresCheckpoint {
  readonly transactionId: string;
  readonly globalPosition: string;
}

const FORMAT = /^(\d{1,20})\/(\d{1,19})$/;

/**
 * The checkpoint string of a place in the log: `"<transaction id>/<global position>"`.
 *
 * @example
 * ```ts
 * encodePostgresCheckpoint({ transactionId: "7321", globalPosition: "42" }); // "7321/42"
 * ```
 */
export function encodePostgresCheckpoint(place: PostgresCheckpoint): Checkpoint {
  return `${place.transactionId}/${place.globalPosition}`;
}

/**
 * Reads a checkpoint string back; `""` (START) is before every event. Throws ValidationError
 * for a string that no PostgreSQL store returned.
 *
 * @example
 * ```ts
 * decodePostgresCheckpoint("7321/42"); // { transactionId: "7321", globalPosition: "42" }
 * ```
 */
export function decodePostgresCheckpoint(checkpoint: Checkpoint): PostgresCheckpoint {
  if (checkpoint === START) return { transactionId: "0", globalPosition: "0" };
  const match = FORMAT.exec(checkpoint);
  if (!match) {
    throw new ValidationError("Checkpoint", [
      {
        path: "after",
        message: `expected "<transaction id>/<global position>" from a PostgreSQL store, found "${checkpoint}"`,
      },
    ]);
  }
  return { transactionId: match[1] as string, globalPosition: match[2] as string };
}
