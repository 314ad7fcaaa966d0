import pg from 'pg';
import type { Clock } from '@app/shared-kernel';
import {
  envelopeTemplate,
  prepareAppends,
  prepareEvents,
  type PreparedEvent,
} from '../append-support.js';
import {
  EventIdConflictError,
  StreamVersionConflictError,
} from '../event-store.errors.js';
import type {
  AppendOptions,
  AppendResult,
  ChainVerification,
  EventFilter,
  EventHandler,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { ChainVerifier, GENESIS_HASH } from '../hash-chain.js';
import { PollingSubscription, Wakeup } from '../polling-subscription.js';

export interface PostgresEventStoreOptions {
  connectionString: string;
  clock: Clock;
  /** PostgreSQL schema holding the `events` table; one schema, one log. Defaults to `event_store`. */
  schema?: string;
  /** Fallback poll of live subscriptions, should a notification be lost. */
  pollIntervalMs?: number;
  poolSize?: number;
}

// Reads ask for these columns, in this order, as arrays (rowMode 'array'): no row object per event
// beside the StoredEvent itself (docs/decisions/0164). pg parses jsonb; bigints come as text.
const COLUMNS =
  'global_position, event_id, stream_name, stream_position, type, schema_version, data, metadata, prev_hash, hash';
type EventTuple = [
  string,
  string,
  string,
  string,
  string,
  number,
  Record<string, unknown>,
  StoredEvent['metadata'],
  string,
  string,
];

// First key of the two-key advisory lock; the second is hashtext(schema), one lock per log.
const APPEND_LOCK_CLASS = 0x45_56_53_54; // "EVST"

interface AppendRow {
  outcome: 'ok' | 'version_conflict' | 'event_id_conflict';
  stream_version: string;
  last_global_position: string | null;
  appended: number;
  conflict_event_id: string | null;
  conflict_field: string | null;
}

/** An append ready to send: its events as the function's parallel arrays. */
interface PendingAppend {
  streamName: string;
  expected: string;
  checkIds: boolean;
  ids: string[];
  types: string[];
  schemaVersions: number[];
  data: string[];
  metadata: string[];
  segments: [string[], string[], string[], string[]];
  resolve: (row: AppendRow) => void;
  reject: (error: unknown) => void;
}

// At most this many events in one group commit (an append larger than this still goes whole, alone).
const GROUP_EVENTS = 1000;

/**
 * The event store on PostgreSQL (`pg` Pool).
 *
 * An append is ONE prepared statement, `SELECT * FROM <schema>.append_events(...)` (docs/decisions/0161):
 * the function takes the lock, checks eventIds and the stream version, allocates positions, hashes
 * and inserts, so the lock is never held across a network round trip. Every pooled connection is
 * opened with `default_transaction_isolation = read committed` and the function refuses to run under
 * another level (the fresh snapshot after the lock is what makes the head it reads the true head).
 * Appends made on one store while one is in flight go together in one `append_many(...)` call, one
 * transaction, each with its own outcome (group commit, docs/decisions/0164).
 *
 * Appends are serialised by `pg_advisory_xact_lock` taken first in the append transaction, and global
 * positions are allocated only after it (max + 1, read under the lock). The lock is held until commit,
 * so a transaction can only number its events after the previous one has committed or rolled back:
 * positions are handed out in commit order and the committed log is always a gap-free prefix 1..N.
 * A subscriber reading `global_position > checkpoint` therefore can never see N+1 before N and skip
 * an event still in flight — the gap problem of sequence-based stores (Marten, Axon), where a later
 * transaction can commit a higher sequence value first. The price is one writer at a time, which the
 * hash chain (each event hashes the previous event of the whole log) needs anyway.
 */
export class PostgresEventStore implements EventStore {
  private readonly wakeup = new Wakeup();
  private readonly subscriptions = new Set<PollingSubscription>();
  private listener?: pg.Client;
  /** Appends waiting for the one in flight (group commit, see flush). */
  private readonly pending: PendingAppend[] = [];
  private flushing = false;
  private listening?: Promise<void>;
  private closed = false;
  private readonly table: string;
  private readonly channel: string;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresEventStoreOptions & { schema: string },
  ) {
    this.table = `"${options.schema}".events`;
    this.channel = `${options.schema}_events`;
  }

  /** Connects and creates the schema and table when missing. */
  static async open(
    options: PostgresEventStoreOptions,
  ): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'event_store';
    if (!/^[a-z_][a-z0-9_]{0,50}$/.test(schema))
      throw new Error(`Invalid schema name: ${schema}`);
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      // Whatever the server's default: an append reads the head after taking the lock (see class doc).
      options: '-c default_transaction_isolation=read\\ committed',
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PostgresEventStore(pool, { ...options, schema });
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const { schema } = this.options;
    await this.transaction(async (client) => {
      // Concurrent first starts would otherwise race on CREATE ... IF NOT EXISTS.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        APPEND_LOCK_CLASS,
        schema,
      ]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          global_position bigint  PRIMARY KEY,
          event_id        text    NOT NULL,
          stream_name     text    NOT NULL,
          stream_position bigint  NOT NULL,
          type            text    NOT NULL,
          schema_version  integer NOT NULL,
          data            jsonb   NOT NULL,
          metadata        jsonb   NOT NULL,
          prev_hash       text    NOT NULL,
          hash            text    NOT NULL,
          UNIQUE (stream_name, stream_position)
        )`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS events_type_position ON ${this.table} (type, global_position)`,
      );
      // An eventId names one event in the whole log (docs/decisions/0160); tables created before this
      // also keep their older per-stream constraint.
      await client.query(
        `CREATE UNIQUE INDEX IF NOT EXISTS events_event_id ON ${this.table} (event_id)`,
      );
      // The first version of the function took the data as jsonb and the envelope in three parts.
      await client.query(
        `DROP FUNCTION IF EXISTS "${schema}".append_events(text, text, boolean, text[], text[], integer[], jsonb[], jsonb[], text[], text[], text[], boolean[])`,
      );
      await client.query(appendFunctionSql(schema, this.table, this.channel));
      await client.query(appendManyFunctionSql(schema));
      await client.query(appendAllFunctionSql(schema));
    });
  }

  async appendToStream(
    streamName: string,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    const append = toPendingAppend(
      streamName,
      prepareEvents(streamName, events, this.options.clock),
      expected,
    );
    const row = await new Promise<AppendRow>((resolve, reject) => {
      append.resolve = resolve;
      append.reject = reject;
      this.pending.push(append);
      if (!this.flushing) void this.flush();
    });
    const result = toAppendResult(streamName, expected, row);
    if (result.appendedCount > 0) this.wakeup.notify();
    return result;
  }

  /**
   * The port's multi-stream append (docs/decisions/0172): ONE statement, `append_all(...)`, which runs
   * append_events for each append in turn in one transaction under the log's lock (as a group commit
   * does) and raises if any is refused, so the statement's transaction rolls back and nothing of the
   * call is stored. It does not wait in the group-commit queue: the lock orders it with the groups.
   */
  async appendToStreams(
    appends: readonly StreamAppend[],
  ): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    const group = prepareAppends(appends, this.options.clock).map((a) =>
      toPendingAppend(a.streamName, a.prepared, a.expected),
    );
    let rows: AppendRow[];
    try {
      const result = await this.pool.query<AppendRow>({
        name: `append_all_${this.options.schema}`,
        text: `SELECT * FROM "${this.options.schema}".append_all($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        values: groupValues(group),
      });
      rows = result.rows;
    } catch (error) {
      // append_all's own refusal names the append and its outcome (see appendAllFunctionSql).
      if (
        error instanceof pg.DatabaseError &&
        error.code === REFUSED_SQLSTATE &&
        error.detail
      ) {
        const refused = JSON.parse(error.detail) as AppendRow & {
          index: number;
        };
        const i = refused.index - 1;
        toAppendResult(
          appends[i].streamName,
          appends[i].options?.expectedVersion ?? 'any',
          refused,
        );
      }
      throw error;
    }
    const results = rows.map((row, i) =>
      toAppendResult(
        appends[i].streamName,
        appends[i].options?.expectedVersion ?? 'any',
        row,
      ),
    );
    if (results.some((r) => r.appendedCount > 0)) this.wakeup.notify();
    return results;
  }

  /**
   * Group commit (docs/decisions/0164): appends made while one is in flight wait and go together in
   * the next call, one transaction under the log's lock, so concurrent writers share a commit and its
   * fsync instead of queueing on the lock one commit each. Each append keeps its own outcome.
   */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        let take = 1;
        let events = this.pending[0].ids.length;
        while (
          take < this.pending.length &&
          events + this.pending[take].ids.length <= GROUP_EVENTS
        ) {
          events += this.pending[take].ids.length;
          take++;
        }
        await this.appendGroup(this.pending.splice(0, take));
      }
    } finally {
      this.flushing = false;
    }
  }

  private async appendGroup(group: PendingAppend[]): Promise<void> {
    if (group.length === 1) {
      const [append] = group;
      await this.appendOne(append).then(append.resolve, append.reject);
      return;
    }
    let rows: AppendRow[];
    try {
      const result = await this.pool.query<AppendRow>({
        name: `append_many_${this.options.schema}`,
        text: `SELECT * FROM "${this.options.schema}".append_many($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        values: groupValues(group),
      });
      rows = result.rows;
    } catch (error) {
      // Refused by the server: the statement's transaction rolled back and nothing of the group is
      // stored, so each append is tried alone and gets its own outcome. Any other failure (the
      // connection lost, perhaps after the commit) is reported to all, never retried: a retry could
      // store them twice.
      if (!(error instanceof pg.DatabaseError)) {
        for (const append of group) append.reject(error);
        return;
      }
      for (const append of group)
        await this.appendOne(append).then(append.resolve, append.reject);
      return;
    }
    group.forEach((append, i) => append.resolve(rows[i]));
  }

  private async appendOne(append: PendingAppend): Promise<AppendRow> {
    const result = await this.pool.query<AppendRow>({
      name: `append_events_${this.options.schema}`,
      text: `SELECT * FROM "${this.options.schema}".append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      values: [
        append.streamName,
        append.expected,
        append.checkIds,
        append.ids,
        append.types,
        append.schemaVersions,
        append.data,
        append.metadata,
        ...append.segments,
      ],
    });
    return result.rows[0];
  }

  async readStream(
    streamName: string,
    options: ReadStreamOptions = {},
  ): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const from =
      options.from ?? (backwards ? BigInt('9223372036854775807') : 0n);
    const result = await this.pool.query<EventTuple>({
      // Not a named statement: a generic plan does not know the LIMIT and may sort the whole stream.
      text: `SELECT ${COLUMNS} FROM ${this.table} WHERE stream_name = $1 AND stream_position ${backwards ? '<=' : '>='} $2
       ORDER BY stream_position ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      values: [streamName, from.toString(), options.maxCount ?? null],
      rowMode: 'array',
    });
    return result.rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.readAfter(options.after ?? 0n, options, options.limit);
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription {
    const subscription = new PollingSubscription(
      {
        readPage: async (checkpoint, limit) => {
          await this.listen();
          return this.readAfter(checkpoint, options, limit);
        },
        beforeWait: () => this.listen(),
        wakeup: this.wakeup,
        pollIntervalMs: this.options.pollIntervalMs ?? 1000,
      },
      options.after ?? 0n,
      handler,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamExists(streamName: string): Promise<boolean> {
    const result = await this.pool.query(
      `SELECT 1 FROM ${this.table} WHERE stream_name = $1 LIMIT 1`,
      [streamName],
    );
    return result.rowCount! > 0;
  }

  async headPosition(): Promise<bigint> {
    const result = await this.pool.query<{ head: string }>(
      `SELECT coalesce(max(global_position), 0)::text AS head FROM ${this.table}`,
    );
    return BigInt(result.rows[0].head);
  }

  async lastEvent(): Promise<StoredEvent | undefined> {
    const result = await this.pool.query<EventTuple>({
      text: `SELECT ${COLUMNS} FROM ${this.table} ORDER BY global_position DESC LIMIT 1`,
      rowMode: 'array',
    });
    return result.rows[0] ? toStoredEvent(result.rows[0]) : undefined;
  }

  async verifyChain(): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    let after = 0n;
    for (;;) {
      const page = await this.readAfter(after, undefined, 1000);
      for (const event of page) {
        const reason = verifier.check(event);
        if (reason)
          return {
            ok: false,
            checked: verifier.checked,
            firstBrokenPosition: event.globalPosition,
            reason,
          };
      }
      if (page.length < 1000) return { ok: true, checked: verifier.checked };
      after = page[page.length - 1].globalPosition;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** Events after `after` (exclusive) in global order. */
  private async readAfter(
    after: bigint,
    filter: EventFilter | undefined,
    limit?: number,
  ): Promise<StoredEvent[]> {
    const params: unknown[] = [after.toString(), limit ?? null];
    const conditions = ['global_position > $1'];
    if (filter?.types) {
      params.push(filter.types);
      conditions.push(`type = ANY($${params.length}::text[])`);
    }
    if (filter?.streamPrefix !== undefined) {
      params.push(filter.streamPrefix);
      conditions.push(`starts_with(stream_name, $${params.length})`);
    }
    const result = await this.pool.query<EventTuple>({
      text: `SELECT ${COLUMNS} FROM ${this.table} WHERE ${conditions.join(' AND ')} ORDER BY global_position ASC LIMIT $2`,
      values: params,
      rowMode: 'array',
    });
    return result.rows.map(toStoredEvent);
  }

  /** One LISTEN connection per store, shared by its subscriptions; if it fails, polling carries on. */
  private listen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.listening ??= (async () => {
      const client = new pg.Client({
        connectionString: this.options.connectionString,
      });
      const drop = (): void => {
        if (this.listener === client) this.listener = undefined;
        this.listening = undefined;
        void client.end().catch(() => undefined);
      };
      client.on('notification', () => this.wakeup.notify());
      client.on('error', drop);
      try {
        await client.connect();
        await client.query(`LISTEN "${this.channel}"`);
      } catch {
        drop();
        return;
      }
      if (this.closed) {
        void client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      // Anything appended while we were connecting is picked up by the next read.
      this.wakeup.notify();
    })();
    return this.listening;
  }

  private async transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // A client whose rollback fails is broken: destroy it rather than return it to the pool.
      const rollback = await client.query('ROLLBACK').then(
        () => undefined,
        (e: Error) => e,
      );
      client.release(rollback);
      throw error;
    }
  }
}

/** An append as the functions' parallel arrays; resolve/reject are set when it is queued. */
function toPendingAppend(
  streamName: string,
  prepared: PreparedEvent[],
  expected: ExpectedVersion,
): PendingAppend {
  const n = prepared.length;
  const append: PendingAppend = {
    streamName,
    expected: typeof expected === 'bigint' ? expected.toString() : expected,
    checkIds: prepared.some((e) => e.idSupplied),
    ids: new Array<string>(n),
    types: new Array<string>(n),
    schemaVersions: new Array<number>(n),
    data: new Array<string>(n),
    metadata: new Array<string>(n),
    segments: [
      new Array<string>(n),
      new Array<string>(n),
      new Array<string>(n),
      new Array<string>(n),
    ],
    resolve: undefined!,
    reject: undefined!,
  };
  for (let i = 0; i < n; i++) {
    const event = prepared[i];
    append.ids[i] = event.eventId;
    append.types[i] = event.type;
    append.schemaVersions[i] = event.schemaVersion;
    append.data[i] = event.dataJson;
    append.metadata[i] = JSON.stringify(event.metadata);
    const template = envelopeTemplate(streamName, event);
    for (let k = 0; k < 4; k++) append.segments[k][i] = template.segments[k];
  }
  return append;
}

/** The 13 parameters of append_many / append_all for these appends, in order. */
function groupValues(group: readonly PendingAppend[]): unknown[] {
  const flat = (pick: (a: PendingAppend) => unknown[]) => group.flatMap(pick);
  return [
    group.map((a) => a.streamName),
    group.map((a) => a.expected),
    group.map((a) => a.checkIds),
    group.map((a) => a.ids.length),
    flat((a) => a.ids),
    flat((a) => a.types),
    flat((a) => a.schemaVersions),
    flat((a) => a.data),
    flat((a) => a.metadata),
    ...[0, 1, 2, 3].map((k) => flat((a) => a.segments[k])),
  ];
}

/** A function's row as the port's result, or the port's error for a refused append. */
function toAppendResult(
  streamName: string,
  expected: ExpectedVersion,
  row: AppendRow,
): AppendResult {
  if (row.outcome === 'version_conflict')
    throw new StreamVersionConflictError(
      streamName,
      expected,
      BigInt(row.stream_version),
    );
  if (row.outcome === 'event_id_conflict')
    throw new EventIdConflictError(row.conflict_event_id!, row.conflict_field!);
  return {
    streamName,
    nextExpectedVersion: BigInt(row.stream_version),
    lastGlobalPosition: BigInt(row.last_global_position ?? '0'),
    appendedCount: row.appended,
  };
}

function toStoredEvent(row: EventTuple): StoredEvent {
  return {
    eventId: row[1],
    type: row[4],
    schemaVersion: row[5],
    data: row[6],
    metadata: row[7],
    streamName: row[2],
    streamPosition: BigInt(row[3]),
    globalPosition: BigInt(row[0]),
    prevHash: row[8],
    hash: row[9],
  };
}

/**
 * append_events: the whole append under the log's advisory lock, in one statement. Returns one row:
 * ok (with the stream version, last global position and how many were stored), version_conflict
 * (with the actual version) or event_id_conflict (with the id and what differs).
 */
function appendFunctionSql(
  schema: string,
  table: string,
  channel: string,
): string {
  return `
CREATE OR REPLACE FUNCTION "${schema}".append_events(
  p_stream text, p_expected text, p_check_ids boolean,
  p_ids text[], p_types text[], p_schema_versions integer[], p_data text[], p_metadata jsonb[],
  p_seg0 text[], p_seg1 text[], p_seg2 text[], p_seg3 text[])
RETURNS TABLE (outcome text, stream_version bigint, last_global_position bigint, appended integer,
               conflict_event_id text, conflict_field text)
LANGUAGE plpgsql AS $fn$
DECLARE
  n integer := coalesce(array_length(p_ids, 1), 0);
  -- Parsed here, before the lock is taken: only the positions, hashes and insert run under it.
  v_data jsonb[] := p_data::jsonb[];
  skip boolean[] := array_fill(false, ARRAY[n]);
  v_found integer := 0;
  found_version bigint := -1;
  found_last bigint;
  v_version bigint;
  stream_last bigint;
  head bigint;
  head_hash text;
  v_hash text;
  -- Filled by index (in place), not by appending, which copies the array each time.
  hashes text[] := array_fill(NULL::text, ARRAY[n]);
  prev_hashes text[] := array_fill(NULL::text, ARRAY[n]);
  globals bigint[] := array_fill(NULL::bigint, ARRAY[n]);
  streams bigint[] := array_fill(NULL::bigint, ARRAY[n]);
  picked integer[] := array_fill(NULL::integer, ARRAY[n]);
  m integer := 0;
  r record;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'append_events needs READ COMMITTED, the transaction is %', current_setting('transaction_isolation');
  END IF;
  PERFORM pg_advisory_xact_lock(${APPEND_LOCK_CLASS}, hashtext('${schema}'));

  IF p_check_ids THEN
    FOR r IN
      SELECT x.ord, e.event_id, e.stream_name, e.type, e.schema_version, e.data = v_data[x.ord] AS same_data,
             e.stream_position, e.global_position
      FROM unnest(p_ids, p_types, p_schema_versions, p_data) WITH ORDINALITY AS x(id, type, schema_version, data, ord)
      JOIN ${table} e ON e.event_id = x.id
      ORDER BY x.ord
    LOOP
      IF r.stream_name <> p_stream OR r.type <> p_types[r.ord] OR r.schema_version <> p_schema_versions[r.ord] OR NOT r.same_data THEN
        RETURN QUERY SELECT 'event_id_conflict'::text, NULL::bigint, NULL::bigint, 0, r.event_id,
          CASE WHEN r.stream_name <> p_stream THEN 'streamName' WHEN r.type <> p_types[r.ord] THEN 'type'
               WHEN r.schema_version <> p_schema_versions[r.ord] THEN 'schemaVersion' ELSE 'data' END;
        RETURN;
      END IF;
      skip[r.ord] := true;
      v_found := v_found + 1;
      found_version := greatest(found_version, r.stream_position);
      found_last := r.global_position;
    END LOOP;
    IF n > 0 AND v_found = n THEN
      -- Idempotent repeat: where those events already are.
      RETURN QUERY SELECT 'ok'::text, found_version, found_last, 0, NULL::text, NULL::text;
      RETURN;
    END IF;
  END IF;

  SELECT e.stream_position, e.global_position INTO v_version, stream_last
  FROM ${table} e WHERE e.stream_name = p_stream ORDER BY e.stream_position DESC LIMIT 1;
  v_version := coalesce(v_version, -1);
  IF NOT (CASE p_expected
             WHEN 'any' THEN true
             WHEN 'no_stream' THEN v_version = -1
             WHEN 'stream_exists' THEN v_version <> -1
             ELSE v_version = p_expected::bigint
           END) THEN
    RETURN QUERY SELECT 'version_conflict'::text, v_version, NULL::bigint, 0, NULL::text, NULL::text;
    RETURN;
  END IF;
  IF n = v_found THEN
    RETURN QUERY SELECT 'ok'::text, v_version, coalesce(stream_last, 0), 0, NULL::text, NULL::text;
    RETURN;
  END IF;

  -- Read under the lock; READ COMMITTED gives this statement a fresh snapshot: the true log head.
  SELECT e.global_position, e.hash INTO head, head_hash FROM ${table} e ORDER BY e.global_position DESC LIMIT 1;
  head := coalesce(head, 0);
  head_hash := coalesce(head_hash, '${GENESIS_HASH}');
  FOR i IN 1 .. n LOOP
    CONTINUE WHEN skip[i];
    head := head + 1;
    v_version := v_version + 1;
    -- The canonical envelope is seg0 data seg1 globalPosition seg2 streamPosition seg3 (envelopeTemplate).
    v_hash := encode(sha256(convert_to(head_hash || p_seg0[i] || p_data[i] || p_seg1[i] || head::text
      || p_seg2[i] || v_version::text || p_seg3[i], 'UTF8')), 'hex');
    m := m + 1;
    prev_hashes[m] := head_hash;
    hashes[m] := v_hash;
    globals[m] := head;
    streams[m] := v_version;
    picked[m] := i;
    head_hash := v_hash;
  END LOOP;

  INSERT INTO ${table} (global_position, event_id, stream_name, stream_position, type, schema_version,
                        data, metadata, prev_hash, hash)
  SELECT globals[k], p_ids[picked[k]], p_stream, streams[k], p_types[picked[k]], p_schema_versions[picked[k]],
         v_data[picked[k]], p_metadata[picked[k]], prev_hashes[k], hashes[k]
  FROM generate_series(1, m) AS k;

  -- Delivered to listeners at commit, never for a rolled-back append.
  PERFORM pg_notify('${channel}', head::text);
  RETURN QUERY SELECT 'ok'::text, v_version, head, n - v_found, NULL::text, NULL::text;
END
$fn$`;
}

/**
 * append_many: several appends in one transaction (group commit), each through append_events in turn
 * and in the order given, one result row each. The advisory lock append_events takes is held to the
 * commit, so the group's positions follow each other and the proof of the class doc is unchanged.
 */
function appendManyFunctionSql(schema: string): string {
  return `
CREATE OR REPLACE FUNCTION "${schema}".append_many(
  p_streams text[], p_expected text[], p_check_ids boolean[], p_counts integer[],
  p_ids text[], p_types text[], p_schema_versions integer[], p_data text[], p_metadata jsonb[],
  p_seg0 text[], p_seg1 text[], p_seg2 text[], p_seg3 text[])
RETURNS TABLE (outcome text, stream_version bigint, last_global_position bigint, appended integer,
               conflict_event_id text, conflict_field text)
LANGUAGE plpgsql AS $fn$
DECLARE
  o integer := 0;
  c integer;
BEGIN
  FOR a IN 1 .. coalesce(array_length(p_streams, 1), 0) LOOP
    c := p_counts[a];
    RETURN QUERY SELECT * FROM "${schema}".append_events(p_streams[a], p_expected[a], p_check_ids[a],
      p_ids[o + 1 : o + c], p_types[o + 1 : o + c], p_schema_versions[o + 1 : o + c], p_data[o + 1 : o + c],
      p_metadata[o + 1 : o + c], p_seg0[o + 1 : o + c], p_seg1[o + 1 : o + c], p_seg2[o + 1 : o + c],
      p_seg3[o + 1 : o + c]);
    o := o + c;
  END LOOP;
END
$fn$`;
}

/** SQLSTATE append_all raises when one of its appends is refused (the detail names which and why). */
const REFUSED_SQLSTATE = 'EV409';

/**
 * append_all: append_many, all or none (the port's appendToStreams). The first refused append raises,
 * which rolls back the statement's transaction — the appends before it included — and names the
 * append (1-based) and its outcome row as JSON in the error's detail.
 */
function appendAllFunctionSql(schema: string): string {
  return `
CREATE OR REPLACE FUNCTION "${schema}".append_all(
  p_streams text[], p_expected text[], p_check_ids boolean[], p_counts integer[],
  p_ids text[], p_types text[], p_schema_versions integer[], p_data text[], p_metadata jsonb[],
  p_seg0 text[], p_seg1 text[], p_seg2 text[], p_seg3 text[])
RETURNS TABLE (outcome text, stream_version bigint, last_global_position bigint, appended integer,
               conflict_event_id text, conflict_field text)
LANGUAGE plpgsql AS $fn$
DECLARE
  a integer := 0;
  r record;
BEGIN
  FOR r IN SELECT * FROM "${schema}".append_many(p_streams, p_expected, p_check_ids, p_counts, p_ids, p_types,
      p_schema_versions, p_data, p_metadata, p_seg0, p_seg1, p_seg2, p_seg3) LOOP
    a := a + 1;
    IF r.outcome <> 'ok' THEN
      RAISE EXCEPTION 'append % of %: %', a, array_length(p_streams, 1), r.outcome USING ERRCODE = '${REFUSED_SQLSTATE}',
        DETAIL = json_build_object('index', a, 'outcome', r.outcome, 'stream_version', r.stream_version::text,
          'last_global_position', NULL, 'appended', 0, 'conflict_event_id', r.conflict_event_id,
          'conflict_field', r.conflict_field)::text;
    END IF;
    outcome := r.outcome;
    stream_version := r.stream_version;
    last_global_position := r.last_global_position;
    appended := r.appended;
    conflict_event_id := r.conflict_event_id;
    conflict_field := r.conflict_field;
    RETURN NEXT;
  END LOOP;
END
$fn$`;
}
