import pg from 'pg';
import type { Clock } from '@app/shared-kernel';
import { envelopeTemplate, prepareEvents } from '../append-support.js';
import { EventIdConflictError, StreamVersionConflictError } from '../event-store.errors.js';
import type {
  AppendOptions,
  AppendResult,
  ChainVerification,
  EventFilter,
  EventHandler,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
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

interface EventRow {
  global_position: string;
  event_id: string;
  stream_name: string;
  stream_position: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  prev_hash: string;
  hash: string;
}

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

/**
 * The event store on PostgreSQL (`pg` Pool).
 *
 * An append is ONE prepared statement, `SELECT * FROM <schema>.append_events(...)` (docs/decisions/0161):
 * the function takes the lock, checks eventIds and the stream version, allocates positions, hashes
 * and inserts, so the lock is never held across a network round trip. Every pooled connection is
 * opened with `default_transaction_isolation = read committed` and the function refuses to run under
 * another level (the fresh snapshot after the lock is what makes the head it reads the true head).
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
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'event_store';
    if (!/^[a-z_][a-z0-9_]{0,50}$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
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
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [APPEND_LOCK_CLASS, schema]);
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
      await client.query(`CREATE INDEX IF NOT EXISTS events_type_position ON ${this.table} (type, global_position)`);
      // An eventId names one event in the whole log (docs/decisions/0160); tables created before this
      // also keep their older per-stream constraint.
      await client.query(`CREATE UNIQUE INDEX IF NOT EXISTS events_event_id ON ${this.table} (event_id)`);
      // The first version of the function took the data as jsonb and the envelope in three parts.
      await client.query(`DROP FUNCTION IF EXISTS "${schema}".append_events(text, text, boolean, text[], text[], integer[], jsonb[], jsonb[], text[], text[], text[], boolean[])`);
      await client.query(appendFunctionSql(schema, this.table, this.channel));
    });
  }

  async appendToStream(streamName: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    const prepared = prepareEvents(streamName, events, this.options.clock);
    const n = prepared.length;
    const ids = new Array<string>(n);
    const types = new Array<string>(n);
    const schemaVersions = new Array<number>(n);
    const data = new Array<string>(n);
    const metadata = new Array<string>(n);
    const segments: string[][] = [new Array<string>(n), new Array<string>(n), new Array<string>(n), new Array<string>(n)];
    for (let i = 0; i < n; i++) {
      const event = prepared[i];
      ids[i] = event.eventId;
      types[i] = event.type;
      schemaVersions[i] = event.schemaVersion;
      data[i] = event.dataJson;
      metadata[i] = JSON.stringify(event.metadata);
      const template = envelopeTemplate(streamName, event);
      for (let k = 0; k < 4; k++) segments[k][i] = template.segments[k];
    }
    const result = await this.pool.query<AppendRow>({
      name: `append_events_${this.options.schema}`,
      text: `SELECT * FROM "${this.options.schema}".append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      values: [
        streamName,
        typeof expected === 'bigint' ? expected.toString() : expected,
        prepared.some((e) => e.idSupplied),
        ids,
        types,
        schemaVersions,
        data,
        metadata,
        ...segments,
      ],
    });
    const row = result.rows[0];
    if (row.outcome === 'version_conflict') {
      throw new StreamVersionConflictError(streamName, expected, BigInt(row.stream_version));
    }
    if (row.outcome === 'event_id_conflict') throw new EventIdConflictError(row.conflict_event_id!, row.conflict_field!);
    if (row.appended > 0) this.wakeup.notify();
    return {
      streamName,
      nextExpectedVersion: BigInt(row.stream_version),
      lastGlobalPosition: BigInt(row.last_global_position ?? '0'),
      appendedCount: row.appended,
    };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? BigInt('9223372036854775807') : 0n);
    const result = await this.pool.query<EventRow>(
      `SELECT * FROM ${this.table} WHERE stream_name = $1 AND stream_position ${backwards ? '<=' : '>='} $2
       ORDER BY stream_position ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [streamName, from.toString(), options.maxCount ?? null],
    );
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
    const result = await this.pool.query(`SELECT 1 FROM ${this.table} WHERE stream_name = $1 LIMIT 1`, [streamName]);
    return result.rowCount! > 0;
  }

  async headPosition(): Promise<bigint> {
    const result = await this.pool.query<{ head: string }>(
      `SELECT coalesce(max(global_position), 0)::text AS head FROM ${this.table}`,
    );
    return BigInt(result.rows[0].head);
  }

  async lastEvent(): Promise<StoredEvent | undefined> {
    const result = await this.pool.query<EventRow>(`SELECT * FROM ${this.table} ORDER BY global_position DESC LIMIT 1`);
    return result.rows[0] ? toStoredEvent(result.rows[0]) : undefined;
  }

  async verifyChain(): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    let after = 0n;
    for (;;) {
      const page = await this.readAfter(after, undefined, 1000);
      for (const event of page) {
        const reason = verifier.check(event);
        if (reason) return { ok: false, checked: verifier.checked, firstBrokenPosition: event.globalPosition, reason };
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
  private async readAfter(after: bigint, filter: EventFilter | undefined, limit?: number): Promise<StoredEvent[]> {
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
    const result = await this.pool.query<EventRow>(
      `SELECT * FROM ${this.table} WHERE ${conditions.join(' AND ')} ORDER BY global_position ASC LIMIT $2`,
      params,
    );
    return result.rows.map(toStoredEvent);
  }

  /** One LISTEN connection per store, shared by its subscriptions; if it fails, polling carries on. */
  private listen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.listening ??= (async () => {
      const client = new pg.Client({ connectionString: this.options.connectionString });
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

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
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

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    streamPosition: BigInt(row.stream_position),
    globalPosition: BigInt(row.global_position),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * append_events: the whole append under the log's advisory lock, in one statement. Returns one row:
 * ok (with the stream version, last global position and how many were stored), version_conflict
 * (with the actual version) or event_id_conflict (with the id and what differs).
 */
function appendFunctionSql(schema: string, table: string, channel: string): string {
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
  skip boolean[] := array_fill(false, ARRAY[n]);
  v_found integer := 0;
  found_version bigint := -1;
  found_last bigint;
  v_version bigint;
  stream_last bigint;
  head bigint;
  head_hash text;
  v_hash text;
  hashes text[] := '{}';
  prev_hashes text[] := '{}';
  globals bigint[] := '{}';
  streams bigint[] := '{}';
  picked integer[] := '{}';
  r record;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'append_events needs READ COMMITTED, the transaction is %', current_setting('transaction_isolation');
  END IF;
  PERFORM pg_advisory_xact_lock(${APPEND_LOCK_CLASS}, hashtext('${schema}'));

  IF p_check_ids THEN
    FOR r IN
      SELECT x.ord, e.event_id, e.stream_name, e.type, e.schema_version, e.data = x.data::jsonb AS same_data,
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
    prev_hashes := prev_hashes || head_hash;
    hashes := hashes || v_hash;
    globals := globals || head;
    streams := streams || v_version;
    picked := picked || i;
    head_hash := v_hash;
  END LOOP;

  INSERT INTO ${table} (global_position, event_id, stream_name, stream_position, type, schema_version,
                        data, metadata, prev_hash, hash)
  SELECT globals[k], p_ids[picked[k]], p_stream, streams[k], p_types[picked[k]], p_schema_versions[picked[k]],
         p_data[picked[k]]::jsonb, p_metadata[picked[k]], prev_hashes[k], hashes[k]
  FROM generate_subscripts(picked, 1) AS k;

  -- Delivered to listeners at commit, never for a rolled-back append.
  PERFORM pg_notify('${channel}', head::text);
  RETURN QUERY SELECT 'ok'::text, v_version, head, n - v_found, NULL::text, NULL::text;
END
$fn$`;
}
