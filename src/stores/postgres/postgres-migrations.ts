import { postgresOutboxMigration } from "./postgres-outbox-migration.js";

/** One step of the PostgreSQL schema, applied once per schema and recorded by version. */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  /** The statements, given the quoted schema name. */
  readonly sql: (schema: string) => string;
}

/**
 * The schema of the PostgreSQL store, in order. Never edit a released step; add a new one.
 *
 * Version 1, the tables:
 * - `events`: the log. `UNIQUE (stream_id, stream_version)` lets the database itself refuse a
 *   second event at a version; `transaction_id` (xid8, the writer's transaction) and
 *   `global_position` order the global log.
 * - `commands`: one row per command id, for idempotency.
 * - `snapshots`: one row per stream and aggregate.
 *
 * Version 2, two functions, so that an append is one statement and a page of the global log
 * always has the same plan:
 * - `append_events(...)`: the whole append (see `PostgresEventStore`). It takes the streams'
 *   advisory locks in the order given (the store sorts them) before it reads or writes anything,
 *   then checks the command id and every expected version, then inserts the command and the
 *   events. A known command id or a wrong version is returned as a row (`duplicate`,
 *   `conflict` with the stream and its actual version), never raised, and nothing is written:
 *   the transaction gets no id. Otherwise it returns one `ok` row per event (stream, version,
 *   event id, global position, transaction id). Anything else (a unique violation) raises.
 * - `read_all(...)`: one page of the global log, run with `enable_sort = off` so the planner
 *   walks the `(transaction_id, global_position)` index even before the table has statistics.
 *
 * Version 3, `append_batch(...)`: the same append for several commits at once (group commit),
 * set-based so that a batch costs about one append: the streams' locks (all of the batch's, in
 * the order given), one read of the known command ids, one probe per distinct stream of its
 * version, then the commits are checked in order against the versions the accepted ones before
 * them leave, and the accepted commits' command rows and events go in with one INSERT each. It
 * returns one row per refused commit (`duplicate`, or `conflict` with the stream and the
 * version it would have found) and one `ok` row per event written (matched by event id).
 * A command id that another transaction stored meanwhile raises (the whole batch rolls
 * back, and the store's caller sends the commits again one by one).
 *
 * Version 4, `append_commits(...)`: the batch append the store calls now, with the arguments
 * of `append_batch`, sent without BEGIN and COMMIT (one statement is its own transaction) and
 * returning one row: the refused commits (number, outcome, stream, version) and, in the order
 * the events were given, the global position and stream version of every event written. After
 * the locks it checks in one set-based statement whether every commit is accepted (the usual
 * case), and then writes them all; otherwise it hands the batch to `append_batch`, which
 * checks the commits one by one. It raises SQLSTATE `SV001` outside READ COMMITTED (a role or
 * database whose default isolation is stricter): the store then wraps the call in
 * `BEGIN ISOLATION LEVEL READ COMMITTED` … `COMMIT`.
 *
 * Version 5, command ids per site: a command row, and its events' `command_id`, are keyed
 * `<siteId>/<id>` (see `scopedCommandId`), so two sites may use one command id. The step
 * rewrites the ids stored before, bare `<id>`: the site is the one every event of the command
 * names in `metadata ->> 'siteId'`. A command with no events, or whose events name no site, or
 * several, or one with a "/" in it, becomes `/<id>`: kept, but found at no site (a site id is
 * never empty). The mapping is one-to-one, so the primary key holds; it is dropped during the
 * rewrite (an old id may equal another's new one until both are rewritten) and added again,
 * with the same name. No function changes: the store passes the keyed ids to `append_commits`.
 *
 * Version 6, the outbox of notifications: see `postgresOutboxMigration`.
 *
 * @example
 * ```ts
 * postgresMigrations.map((m) => m.version); // [1, 2, 3, 4, 5, 6]
 * ```
 */
export const postgresMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    name: "events, commands, snapshots",
    sql: (s) => `
      CREATE TABLE ${s}.events (
        global_position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version >= 1),
        event_id text NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        command_id text,
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
      );
      CREATE INDEX events_transaction_order ON ${s}.events (transaction_id, global_position);
      CREATE INDEX events_command_id ON ${s}.events (command_id) WHERE command_id IS NOT NULL;
      CREATE TABLE ${s}.commands (
        command_id text PRIMARY KEY,
        fingerprint text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ${s}.snapshots (
        stream_id text NOT NULL,
        aggregate text NOT NULL,
        aggregate_version integer NOT NULL,
        stream_version integer NOT NULL,
        state jsonb NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, aggregate)
      );
    `,
  },
  {
    version: 2,
    name: "append_events and read_all functions",
    sql: (s) => `
      CREATE FUNCTION ${s}.append_events(
        p_stream_ids text[],
        p_expected integer[],
        p_lock_space integer,
        p_lock_keys integer[],
        p_events jsonb,
        p_command_id text,
        p_fingerprint text
      )
      RETURNS TABLE (
        outcome text,
        stream_id text,
        stream_version integer,
        event_id text,
        global_position bigint,
        transaction_id xid8
      )
      LANGUAGE plpgsql VOLATILE
      AS $append$
      #variable_conflict use_column
      DECLARE
        lock_key integer;
        actual integer[] := '{}';
        version integer;
      BEGIN
        -- 1. The streams' locks, in the caller's (ascending) order, before anything is read or
        --    written: the transaction gets its id at its first write, after every lock.
        FOREACH lock_key IN ARRAY p_lock_keys LOOP
          PERFORM pg_advisory_xact_lock(p_lock_space, lock_key);
        END LOOP;
        -- 2. A known command id. Every statement of a VOLATILE function sees the rows committed
        --    before it started, so this and step 3 see the previous lock holder's writes.
        IF p_command_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM ${s}.commands c WHERE c.command_id = p_command_id) THEN
          RETURN QUERY SELECT 'duplicate', NULL::text, NULL::integer, NULL::text, NULL::bigint, NULL::xid8;
          RETURN;
        END IF;
        -- 3. Each stream's version (one backward probe of the (stream_id, stream_version)
        --    index), checked in the caller's order; NULL expects anything.
        FOR i IN 1 .. coalesce(array_length(p_stream_ids, 1), 0) LOOP
          SELECT coalesce(max(e.stream_version), 0) INTO version
            FROM ${s}.events e WHERE e.stream_id = p_stream_ids[i];
          IF p_expected[i] IS NOT NULL AND version <> p_expected[i] THEN
            RETURN QUERY SELECT 'conflict', p_stream_ids[i], version, NULL::text, NULL::bigint, NULL::xid8;
            RETURN;
          END IF;
          actual[i] := version;
        END LOOP;
        -- 4. The command: the first write. No row when an append with the same id, on other
        --    streams, committed since step 2.
        IF p_command_id IS NOT NULL THEN
          INSERT INTO ${s}.commands (command_id, fingerprint) VALUES (p_command_id, p_fingerprint)
            ON CONFLICT (command_id) DO NOTHING;
          IF NOT FOUND THEN
            RETURN QUERY SELECT 'duplicate', NULL::text, NULL::integer, NULL::text, NULL::bigint, NULL::xid8;
            RETURN;
          END IF;
        END IF;
        -- 5. The events, in the caller's order: {"s": stream (1-based), "o": offset in that
        --    stream's events (1-based), "id", "t": type, "v": schema version, "d": data,
        --    "m": metadata}. Their global positions follow that order.
        RETURN QUERY
          WITH written AS (
            INSERT INTO ${s}.events AS e
              (stream_id, stream_version, event_id, type, schema_version, data, metadata, command_id)
            SELECT p_stream_ids[(x.e ->> 's')::integer],
                   actual[(x.e ->> 's')::integer] + (x.e ->> 'o')::integer,
                   x.e ->> 'id', x.e ->> 't', (x.e ->> 'v')::integer, x.e -> 'd', x.e -> 'm',
                   p_command_id
              FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n)
             ORDER BY x.n
            RETURNING e.stream_id, e.stream_version, e.event_id, e.global_position, e.transaction_id
          )
          SELECT 'ok', w.stream_id, w.stream_version, w.event_id, w.global_position, w.transaction_id
            FROM written w;
      END
      $append$;

      CREATE FUNCTION ${s}.read_all(
        p_transaction_id xid8,
        p_global_position bigint,
        p_limit bigint
      )
      RETURNS TABLE (
        global_position bigint,
        transaction_id xid8,
        stream_id text,
        stream_version integer,
        event_id text,
        type text,
        schema_version integer,
        data jsonb,
        metadata jsonb
      )
      LANGUAGE plpgsql STABLE
      SET enable_sort = off
      AS $read$
      #variable_conflict use_column
      BEGIN
        -- A STABLE function runs on its caller's snapshot: the fence and the rows it reads
        -- come from the same one.
        RETURN QUERY
          SELECT e.global_position, e.transaction_id, e.stream_id, e.stream_version, e.event_id,
                 e.type, e.schema_version, e.data, e.metadata
            FROM ${s}.events e
           WHERE (e.transaction_id, e.global_position) > (p_transaction_id, p_global_position)
             AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
           ORDER BY e.transaction_id, e.global_position
           LIMIT p_limit;
      END
      $read$;
    `,
  },
  {
    version: 3,
    name: "append_batch function",
    sql: (s) => `
      CREATE FUNCTION ${s}.append_batch(
        p_lock_space integer,
        p_lock_keys integer[],
        p_command_ids text[],
        p_fingerprints text[],
        p_request_commit integer[],
        p_request_stream text[],
        p_request_expected integer[],
        p_request_count integer[],
        p_request_after text[],
        p_request_last text[],
        p_events jsonb
      )
      RETURNS TABLE (
        commit_no integer,
        outcome text,
        stream_id text,
        stream_version integer,
        event_id text,
        global_position bigint
      )
      LANGUAGE plpgsql VOLATILE
      SET enable_seqscan = off
      AS $batch$
      #variable_conflict use_column
      DECLARE
        lock_key integer;
        commits integer := coalesce(array_length(p_command_ids, 1), 0);
        requests integer := coalesce(array_length(p_request_stream, 1), 0);
        known text[];
        streams text[];
        versions integer[];
        lasts text[];
        base integer[] := array_fill(0, ARRAY[greatest(requests, 1)]);
        accepted boolean[] := array_fill(false, ARRAY[greatest(commits, 1)]);
        taken text[] := '{}';
        first_request integer := 1;
        last_request integer;
        k integer;
        r integer;
        at integer;
        refused boolean;
        accepted_count integer := 0;
        stored integer;
      BEGIN
        -- 1. Every stream lock of the batch, in the caller's (ascending) order, before anything
        --    is read or written.
        FOREACH lock_key IN ARRAY p_lock_keys LOOP
          PERFORM pg_advisory_xact_lock(p_lock_space, lock_key);
        END LOOP;
        -- 2. The command ids already stored, and each distinct stream's version and last event
        --    id (one backward probe of the (stream_id, stream_version) index per stream).
        SELECT coalesce(array_agg(u.id), '{}') INTO known
          FROM unnest(p_command_ids) AS u(id)
         WHERE EXISTS (SELECT 1 FROM ${s}.commands c WHERE c.command_id = u.id);
        SELECT array_agg(d.id ORDER BY d.id),
               array_agg(coalesce(l.version, 0) ORDER BY d.id),
               array_agg(l.event_id ORDER BY d.id)
          INTO streams, versions, lasts
          FROM (SELECT DISTINCT unnest(p_request_stream) AS id) d
          LEFT JOIN LATERAL (
            SELECT e.stream_version AS version, e.event_id FROM ${s}.events e
             WHERE e.stream_id = d.id ORDER BY e.stream_version DESC LIMIT 1
          ) l ON true;
        -- 3. The commits in order: a known or repeated command id, a wrong version, or a last
        --    event other than the one a request names (p_request_after) refuses one; an
        --    accepted one moves its streams' versions and last events on for the commits after.
        FOR k IN 1 .. commits LOOP
          last_request := first_request - 1;
          WHILE last_request < requests AND p_request_commit[last_request + 1] = k LOOP
            last_request := last_request + 1;
          END LOOP;
          refused := false;
          IF p_command_ids[k] IS NOT NULL
             AND (p_command_ids[k] = ANY (known) OR p_command_ids[k] = ANY (taken)) THEN
            RETURN QUERY SELECT k, 'duplicate', NULL::text, NULL::integer, NULL::text, NULL::bigint;
            refused := true;
          ELSE
            FOR r IN first_request .. last_request LOOP
              at := array_position(streams, p_request_stream[r]);
              IF (p_request_expected[r] IS NOT NULL AND versions[at] <> p_request_expected[r])
                 OR (p_request_after[r] IS NOT NULL AND p_request_after[r] IS DISTINCT FROM lasts[at]) THEN
                RETURN QUERY SELECT k, 'conflict', p_request_stream[r], versions[at], NULL::text, NULL::bigint;
                refused := true;
                EXIT;
              END IF;
            END LOOP;
          END IF;
          IF NOT refused THEN
            FOR r IN first_request .. last_request LOOP
              at := array_position(streams, p_request_stream[r]);
              base[r] := versions[at];
              versions[at] := versions[at] + p_request_count[r];
              IF p_request_count[r] > 0 THEN
                lasts[at] := p_request_last[r];
              END IF;
            END LOOP;
            accepted[k] := true;
            accepted_count := accepted_count + 1;
            IF p_command_ids[k] IS NOT NULL THEN
              taken := taken || p_command_ids[k];
            END IF;
          END IF;
          first_request := last_request + 1;
        END LOOP;
        IF accepted_count = 0 THEN
          RETURN;
        END IF;
        -- 4. The accepted commits' command rows: the first write. A row missing means another
        --    transaction stored that id since step 2.
        INSERT INTO ${s}.commands (command_id, fingerprint)
          SELECT p_command_ids[i], p_fingerprints[i]
            FROM generate_subscripts(p_command_ids, 1) AS i
           WHERE accepted[i] AND p_command_ids[i] IS NOT NULL
          ON CONFLICT (command_id) DO NOTHING;
        GET DIAGNOSTICS stored = ROW_COUNT;
        IF stored <> cardinality(taken) THEN
          RAISE EXCEPTION 'a command id of this batch was stored by another transaction'
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'commands_pkey';
        END IF;
        -- 5. The accepted commits' events, in the caller's order: {"r": request (1-based),
        --    "o": offset in that request's events (1-based), "id", "t", "v", "d", "m"}.
        RETURN QUERY
          WITH written AS (
            INSERT INTO ${s}.events AS e
              (stream_id, stream_version, event_id, type, schema_version, data, metadata, command_id)
            SELECT p_request_stream[(x.e ->> 'r')::integer],
                   base[(x.e ->> 'r')::integer] + (x.e ->> 'o')::integer,
                   x.e ->> 'id', x.e ->> 't', (x.e ->> 'v')::integer, x.e -> 'd', x.e -> 'm',
                   p_command_ids[p_request_commit[(x.e ->> 'r')::integer]]
              FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n)
             WHERE accepted[p_request_commit[(x.e ->> 'r')::integer]]
             ORDER BY x.n
            RETURNING e.stream_id, e.stream_version, e.event_id, e.global_position
          )
          SELECT NULL::integer, 'ok', w.stream_id, w.stream_version, w.event_id, w.global_position
            FROM written w;
      END
      $batch$;
    `,
  },
  {
    version: 4,
    name: "append_commits function",
    sql: (s) => `
      CREATE FUNCTION ${s}.append_commits(
        p_lock_space integer,
        p_lock_keys integer[],
        p_command_ids text[],
        p_fingerprints text[],
        p_request_commit integer[],
        p_request_stream text[],
        p_request_expected integer[],
        p_request_count integer[],
        p_request_after text[],
        p_request_last text[],
        p_events jsonb
      )
      RETURNS TABLE (
        refused_commits integer[],
        refused_outcomes text[],
        refused_streams text[],
        refused_versions integer[],
        positions bigint[],
        versions integer[]
      )
      LANGUAGE plpgsql VOLATILE
      SET enable_seqscan = off
      AS $commits$
      #variable_conflict use_column
      DECLARE
        base integer[];
        stored integer;
      BEGIN
        -- The streams are read after their locks are taken: only a fresh snapshot per statement
        -- (READ COMMITTED) sees what the locks' previous holders committed.
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'append_commits runs in READ COMMITTED, not %',
            current_setting('transaction_isolation') USING ERRCODE = 'SV001';
        END IF;
        -- 1. Every stream lock of the batch, in the caller's (ascending) order.
        PERFORM pg_advisory_xact_lock(p_lock_space, u.k) FROM unnest(p_lock_keys) AS u(k);
        -- 2. The usual case, checked in one statement: every commit accepted. Each request's
        --    base is its stream's version plus the events of the requests before it on that
        --    stream, and the last event it must follow is theirs, or the stream's.
        SELECT array_agg(c.base ORDER BY c.r) INTO base
          FROM (
            SELECT w.r, w.expected, w.after,
                   coalesce(w.version, 0) + coalesce(w.earlier_count, 0) AS base,
                   coalesce(w.earlier_last[cardinality(w.earlier_last)], w.event_id) AS follows
              FROM (
                SELECT q.r, q.expected, q.after, h.version, h.event_id,
                       sum(q.n_events) OVER earlier AS earlier_count,
                       array_remove(array_agg(q.last) OVER earlier, NULL) AS earlier_last
                  FROM unnest(p_request_stream, p_request_expected, p_request_count,
                              p_request_after, p_request_last)
                       WITH ORDINALITY AS q(stream, expected, n_events, after, last, r)
                  LEFT JOIN LATERAL (
                    SELECT e.stream_version AS version, e.event_id FROM ${s}.events e
                     WHERE e.stream_id = q.stream ORDER BY e.stream_version DESC LIMIT 1
                  ) h ON true
                WINDOW earlier AS (PARTITION BY q.stream ORDER BY q.r
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
              ) w
          ) c
        HAVING bool_and((c.expected IS NULL OR c.expected = c.base)
                        AND (c.after IS NULL OR c.after IS NOT DISTINCT FROM c.follows))
           AND (SELECT count(DISTINCT u.id) = count(u.id) FROM unnest(p_command_ids) AS u(id))
           AND NOT EXISTS (SELECT 1 FROM ${s}.commands c WHERE c.command_id = ANY (p_command_ids));
        -- 3. Otherwise append_batch checks the commits one by one (its locks are held already).
        IF base IS NULL THEN
          RETURN QUERY
            SELECT array_agg(b.commit_no ORDER BY b.commit_no) FILTER (WHERE b.outcome <> 'ok'),
                   array_agg(b.outcome ORDER BY b.commit_no) FILTER (WHERE b.outcome <> 'ok'),
                   array_agg(b.stream_id ORDER BY b.commit_no) FILTER (WHERE b.outcome <> 'ok'),
                   array_agg(b.stream_version ORDER BY b.commit_no) FILTER (WHERE b.outcome <> 'ok'),
                   array_agg(b.global_position ORDER BY x.n) FILTER (WHERE b.outcome = 'ok'),
                   array_agg(b.stream_version ORDER BY x.n) FILTER (WHERE b.outcome = 'ok')
              FROM ${s}.append_batch(p_lock_space, p_lock_keys, p_command_ids, p_fingerprints,
                                     p_request_commit, p_request_stream, p_request_expected,
                                     p_request_count, p_request_after, p_request_last, p_events) AS b
              LEFT JOIN jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n)
                ON b.outcome = 'ok' AND x.e ->> 'id' = b.event_id;
          RETURN;
        END IF;
        -- 4. The command rows, then the events: {"r": request, "o": offset in its events, "id",
        --    "t", "v", "d", "m"}, in the caller's order.
        INSERT INTO ${s}.commands (command_id, fingerprint)
          SELECT u.id, u.fingerprint FROM unnest(p_command_ids, p_fingerprints) AS u(id, fingerprint)
           WHERE u.id IS NOT NULL
          ON CONFLICT (command_id) DO NOTHING;
        GET DIAGNOSTICS stored = ROW_COUNT;
        IF stored <> cardinality(array_remove(p_command_ids, NULL)) THEN
          RAISE EXCEPTION 'a command id of this batch was stored by another transaction'
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'commands_pkey';
        END IF;
        RETURN QUERY
          WITH given AS (
            SELECT x.e, x.n, (x.e ->> 'r')::integer AS r
              FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, n)
          ), written AS (
            INSERT INTO ${s}.events AS e
              (stream_id, stream_version, event_id, type, schema_version, data, metadata, command_id)
            SELECT p_request_stream[g.r], base[g.r] + (g.e ->> 'o')::integer,
                   g.e ->> 'id', g.e ->> 't', (g.e ->> 'v')::integer, g.e -> 'd', g.e -> 'm',
                   p_command_ids[p_request_commit[g.r]]
              FROM given g
             ORDER BY g.n
            RETURNING e.event_id, e.stream_version, e.global_position
          )
          SELECT NULL::integer[], NULL::text[], NULL::text[], NULL::integer[],
                 array_agg(w.global_position ORDER BY g.n), array_agg(w.stream_version ORDER BY g.n)
            FROM written w JOIN given g ON g.e ->> 'id' = w.event_id;
      END
      $commits$;
    `,
  },
  {
    version: 5,
    name: "command ids per site",
    sql: (s) => `
      ALTER TABLE ${s}.commands DROP CONSTRAINT commands_pkey;
      -- Each command id of the events, and its site: the one site all its events name.
      WITH site AS (
        SELECT e.command_id AS old_id,
               CASE WHEN count(DISTINCT e.metadata ->> 'siteId') = 1
                         AND count(e.metadata ->> 'siteId') = count(*)
                         AND min(e.metadata ->> 'siteId') <> ''
                         AND strpos(min(e.metadata ->> 'siteId'), '/') = 0
                    THEN min(e.metadata ->> 'siteId') END AS site_id
          FROM ${s}.events e
         WHERE e.command_id IS NOT NULL
         GROUP BY e.command_id
      ), events_keyed AS (
        UPDATE ${s}.events e
           SET command_id = coalesce(site.site_id, '') || '/' || site.old_id
          FROM site
         WHERE e.command_id = site.old_id
      )
      -- Both updates read the rows as they were before the statement.
      UPDATE ${s}.commands c
         SET command_id = coalesce(keyed.site_id, '') || '/' || keyed.old_id
        FROM (SELECT c2.command_id AS old_id, site.site_id
                FROM ${s}.commands c2 LEFT JOIN site ON site.old_id = c2.command_id) keyed
       WHERE c.command_id = keyed.old_id;
      ALTER TABLE ${s}.commands ADD CONSTRAINT commands_pkey PRIMARY KEY (command_id);
    `,
  },
  postgresOutboxMigration,
];
