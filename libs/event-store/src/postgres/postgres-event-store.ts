import pg from 'pg';
import type { Clock } from '@app/shared-kernel';
import { assertExpectedVersion, prepareEvents } from '../append-support.js';
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
import { chainHash, ChainVerifier, GENESIS_HASH } from '../hash-chain.js';
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
const INSERT_CHUNK = 1000;

/**
 * The event store on PostgreSQL (`pg` Pool).
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
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
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
          UNIQUE (stream_name, stream_position),
          UNIQUE (stream_name, event_id)
        )`);
      await client.query(`CREATE INDEX IF NOT EXISTS events_type_position ON ${this.table} (type, global_position)`);
    });
  }

  async appendToStream(streamName: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    const prepared = prepareEvents(events, this.options.clock);
    const result = await this.transaction(async (client): Promise<AppendResult> => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [APPEND_LOCK_CLASS, this.options.schema]);
      const existingRows = await client.query<{ event_id: string; stream_position: string; global_position: string }>(
        `SELECT event_id, stream_position, global_position FROM ${this.table}
         WHERE stream_name = $1 AND event_id = ANY($2::text[])`,
        [streamName, prepared.map((e) => e.eventId)],
      );
      const existing = new Map(existingRows.rows.map((row) => [row.event_id, row]));
      const fresh = prepared.filter((e) => !existing.has(e.eventId));
      if (prepared.length > 0 && fresh.length === 0) {
        // Idempotent repeat: report where those events already are.
        const rows = prepared.map((e) => existing.get(e.eventId)!);
        return {
          streamName,
          nextExpectedVersion: rows.map((r) => BigInt(r.stream_position)).reduce((a, b) => (a > b ? a : b)),
          lastGlobalPosition: BigInt(rows[rows.length - 1].global_position),
          appendedCount: 0,
        };
      }
      const streamHead = await client.query<{ stream_position: string; global_position: string }>(
        `SELECT stream_position, global_position FROM ${this.table} WHERE stream_name = $1
         ORDER BY stream_position DESC LIMIT 1`,
        [streamName],
      );
      const version = streamHead.rows[0] ? BigInt(streamHead.rows[0].stream_position) : -1n;
      assertExpectedVersion(streamName, expected, version);
      if (fresh.length === 0) {
        return {
          streamName,
          nextExpectedVersion: version,
          lastGlobalPosition: streamHead.rows[0] ? BigInt(streamHead.rows[0].global_position) : 0n,
          appendedCount: 0,
        };
      }
      // Read under the lock (READ COMMITTED takes a fresh snapshot per statement): the true log head.
      const logHead = await client.query<{ global_position: string; hash: string }>(
        `SELECT global_position, hash FROM ${this.table} ORDER BY global_position DESC LIMIT 1`,
      );
      let prevHash = logHead.rows[0]?.hash ?? GENESIS_HASH;
      let globalPosition = logHead.rows[0] ? BigInt(logHead.rows[0].global_position) : 0n;
      let streamPosition = version;
      const rows: unknown[][] = [];
      for (const event of fresh) {
        globalPosition++;
        streamPosition++;
        const hash = chainHash(prevHash, { ...event, streamName, streamPosition, globalPosition });
        rows.push([
          globalPosition.toString(),
          event.eventId,
          streamName,
          streamPosition.toString(),
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          prevHash,
          hash,
        ]);
        prevHash = hash;
      }
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        const columns = chunk[0].map((_, c) => chunk.map((row) => row[c]));
        await client.query(
          `INSERT INTO ${this.table} (global_position, event_id, stream_name, stream_position, type, schema_version,
                                      data, metadata, prev_hash, hash)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::integer[],
                                $7::jsonb[], $8::jsonb[], $9::text[], $10::text[])`,
          columns,
        );
      }
      // Delivered to listeners at commit, never for a rolled-back append.
      await client.query('SELECT pg_notify($1, $2)', [this.channel, globalPosition.toString()]);
      return { streamName, nextExpectedVersion: streamPosition, lastGlobalPosition: globalPosition, appendedCount: fresh.length };
    });
    if (result.appendedCount > 0) this.wakeup.notify();
    return result;
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
    return this.readFrom(options.fromPosition ?? 1n, options.filter, options.maxCount);
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription {
    const subscription = new PollingSubscription(
      {
        readPage: async (checkpoint, limit) => {
          await this.listen();
          return this.readFrom(checkpoint + 1n, options.filter, limit);
        },
        beforeWait: () => this.listen(),
        wakeup: this.wakeup,
        pollIntervalMs: this.options.pollIntervalMs ?? 1000,
      },
      options.fromCheckpoint ?? 0n,
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

  async verifyChain(): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    let from = 1n;
    for (;;) {
      const page = await this.readFrom(from, undefined, 1000);
      for (const event of page) {
        const reason = verifier.check(event);
        if (reason) return { ok: false, checked: verifier.checked, firstBrokenPosition: event.globalPosition, reason };
      }
      if (page.length < 1000) return { ok: true, checked: verifier.checked };
      from = page[page.length - 1].globalPosition + 1n;
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

  private async readFrom(fromPosition: bigint, filter: EventFilter | undefined, maxCount?: number): Promise<StoredEvent[]> {
    const params: unknown[] = [fromPosition.toString(), maxCount ?? null];
    const conditions = ['global_position >= $1'];
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
      await client.query('BEGIN');
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
