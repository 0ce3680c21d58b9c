import type pg from "pg";
import type { QueryConfig } from "pg";
import type { Lease } from "./lease.js";

/** An append runs in READ COMMITTED whatever the role's default: see `append_batch`. */
export const BEGIN = "BEGIN ISOLATION LEVEL READ COMMITTED";

/**
 * BEGIN, the calls and COMMIT. On a pipelined connection they go out at once (one round trip),
 * queued together, so no other query of this connection comes between them: `append_batch`
 * writes nothing it does not keep unless it raises, and a COMMIT after a failed call rolls the
 * transaction back, so the COMMIT may go out before the calls' answers are in. Otherwise each
 * is sent when the one before has answered (pg 9 no longer queues a query sent while another
 * runs), and a failed call is followed by ROLLBACK; the caller keeps other work off the
 * connection meanwhile (see `Writer.run`).
 */
export async function sendTransaction<Row extends pg.QueryResultRow>(
  held: Lease,
  calls: readonly QueryConfig[],
): Promise<(readonly Row[])[]> {
  const client = held.client;
  if (held.pipelined) {
    const settled = await Promise.allSettled([
      client.query(BEGIN),
      ...calls.map((call) => client.query<Row>(call)),
      client.query("COMMIT"),
    ]);
    for (const outcome of settled) if (outcome.status === "rejected") throw outcome.reason;
    return settled
      .slice(1, -1)
      .map((outcome) => (outcome as PromiseFulfilledResult<pg.QueryResult<Row>>).value.rows);
  }
  await client.query(BEGIN);
  const rows: (readonly Row[])[] = [];
  try {
    for (const call of calls) rows.push((await client.query<Row>(call)).rows);
  } catch (error) {
    if (!held.fail(error)) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => held.discard(rollbackError));
    }
    throw error;
  }
  await client.query("COMMIT");
  return rows;
}

/** The one row a query must return. */
export function firstRow<Row>(result: { readonly rows: readonly Row[] }): Row {
  const row = result.rows[0];
  if (!row) throw new Error("append_commits returned no row");
  return row;
}
