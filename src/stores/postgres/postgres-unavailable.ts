import { SvcOpsError } from "../../kernel/errors.js";

/**
 * SQLSTATEs of a server that went away or refused the session: class 08 (connection
 * exception), 57P01–57P05 (administrator or crash shutdown, cannot connect now, database
 * dropped, idle session timeout), 53300 (too many connections) and 25P03 (idle in transaction
 * timeout, which ends the session).
 */
const CONNECTION_SQLSTATE = /^(08...|57P0[1-5]|53300|25P03)$/;
/** What pg throws, without a SQLSTATE, when a connection broke or could not be made. */
const CONNECTION_MESSAGE =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Query read timeout|timeout expired/;

/**
 * The PostgreSQL store could not reach the server, or lost its connection during the call
 * (code `store_unavailable`): the server restarted or is down, the session was terminated, the
 * network failed. `cause` is the error pg gave. Nothing is known of an append that fails so: it
 * may have committed before the answer was lost. Send the command again under the same command
 * id once the server is back; the command handler then returns its first result (`duplicate:
 * true`) or appends it, never twice.
 *
 * @example
 * ```ts
 * try {
 *   await ops.execute(command, { actor, commandId });
 * } catch (error) {
 *   if (error instanceof SvcOpsError && error.code === "store_unavailable") retryLater(commandId);
 * }
 * ```
 */
export class PostgresUnavailable extends SvcOpsError {
  constructor(operation: string, cause: Error) {
    super(
      "store_unavailable",
      `The PostgreSQL store could not complete ${operation}: ${cause.message}. Send the command again under the same command id once the database is back.`,
      { cause },
    );
  }
}

/**
 * Whether `error` is pg's report of a connection that broke or could not be made: a server
 * error with a connection SQLSTATE (see CONNECTION_SQLSTATE), a socket error (`ECONNRESET`,
 * `ECONNREFUSED`, `EPIPE`, …), or pg's own "Connection terminated" and "not queryable".
 *
 * @example
 * ```ts
 * isConnectionError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", errno: -104 })); // true
 * ```
 */
export function isConnectionError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  if (typeof code === "string") {
    // A server error carries a severity; a socket error an errno (Node's system errors).
    if (typeof severity === "string") return CONNECTION_SQLSTATE.test(code);
    if (/^E[A-Z0-9_]+$/.test(code)) return true;
  }
  return CONNECTION_MESSAGE.test(error.message);
}

/**
 * `error` as the store throws it: a connection error (or any error of a call whose connection
 * broke, `broken`) becomes a PostgresUnavailable; anything else is returned as it is.
 */
export function asUnavailable(operation: string, error: unknown, broken?: Error): unknown {
  if (error instanceof PostgresUnavailable) return error;
  if (isConnectionError(error)) return new PostgresUnavailable(operation, error);
  if (broken && error instanceof Error && !(error instanceof SvcOpsError)) {
    return new PostgresUnavailable(operation, error);
  }
  return error;
}
