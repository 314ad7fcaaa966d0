import path from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '@app/shared-kernel';
import {
  assertExpectedVersion,
  assertSameEvent,
  envelopeTemplate,
  metadataJson,
  prepareAppends,
  prepareEvents,
  templateHash,
  type PreparedAppend,
  type PreparedEvent,
} from '../append-support.js';
import type {
  AppendOptions,
  AppendResult,
  ExpectedVersion,
  ChainVerification,
  EventFilter,
  EventHandler,
  EventStore,
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

export interface SqliteEventStoreOptions {
  filename: string;
  clock: Clock;
  /** How often a live subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
}

// Reads ask for these columns, in this order, as arrays (`raw`): no row object per event beside the
// StoredEvent itself (docs/decisions/0164).
const COLUMNS =
  'global_position, event_id, stream_name, stream_position, type, schema_version, data, metadata, prev_hash, hash';
type EventTuple = [
  bigint,
  string,
  string,
  bigint,
  string,
  bigint,
  string,
  string,
  string,
  string,
];

interface EventRow {
  global_position: bigint;
  event_id: string;
  stream_name: string;
  stream_position: bigint;
  type: string;
  schema_version: bigint;
  data: string;
  metadata: string;
  prev_hash: string;
  hash: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY,
  event_id        TEXT    NOT NULL,
  stream_name     TEXT    NOT NULL,
  stream_position INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  schema_version  INTEGER NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  prev_hash       TEXT    NOT NULL,
  hash            TEXT    NOT NULL,
  UNIQUE (stream_name, stream_position)
);
CREATE INDEX IF NOT EXISTS events_type_position ON events (type, global_position);
-- An eventId names one event in the whole log (docs/decisions/0160); files created before this
-- also keep their older per-stream constraint.
CREATE UNIQUE INDEX IF NOT EXISTS events_event_id ON events (event_id);
`;

// Stores on the same file in this process wake each other's subscribers at once; other processes
// are seen by polling.
const wakeups = new Map<string, Wakeup>();
function wakeupFor(filename: string): Wakeup {
  if (filename === ':memory:' || filename === '') return new Wakeup();
  const key = path.resolve(filename);
  let wakeup = wakeups.get(key);
  if (!wakeup) wakeups.set(key, (wakeup = new Wakeup()));
  return wakeup;
}

const ALL = -1; // LIMIT -1: no limit in SQLite

interface IdRow {
  event_id: string;
  stream_name: string;
  type: string;
  schema_version: bigint;
  data: string;
  stream_position: bigint;
  global_position: bigint;
}

function prepareStatements(db: Database.Database) {
  const idColumns =
    'event_id, stream_name, type, schema_version, data, stream_position, global_position';
  return {
    existingId: db.prepare<[string], IdRow>(
      `SELECT ${idColumns} FROM events WHERE event_id = ?`,
    ),
    existingIds: db.prepare<[string], IdRow>(
      `SELECT ${idColumns} FROM events WHERE event_id IN (SELECT value FROM json_each(?))`,
    ),
    streamHead: db.prepare<
      [string],
      Pick<EventRow, 'stream_position' | 'global_position'>
    >(
      `SELECT stream_position, global_position FROM events WHERE stream_name = ?
       ORDER BY stream_position DESC LIMIT 1`,
    ),
    logHead: db.prepare<[], Pick<EventRow, 'global_position' | 'hash'>>(
      `SELECT global_position, hash FROM events ORDER BY global_position DESC LIMIT 1`,
    ),
    // Changes when another connection commits to the file (not for this connection's own commits).
    dataVersion: db.prepare<[], bigint>('PRAGMA data_version').pluck(),
    insert: db.prepare<
      [
        bigint,
        string,
        string,
        bigint,
        string,
        number,
        string,
        string,
        string,
        string,
      ]
    >(
      `INSERT INTO events (global_position, event_id, stream_name, stream_position, type, schema_version,
                           data, metadata, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    readForwards: db
      .prepare<[string, bigint, number], EventTuple>(
        `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND stream_position >= ?
         ORDER BY stream_position ASC LIMIT ?`,
      )
      .raw(),
    readBackwards: db
      .prepare<[string, bigint, number], EventTuple>(
        `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND stream_position <= ?
         ORDER BY stream_position DESC LIMIT ?`,
      )
      .raw(),
    streamExists: db.prepare<[string], { found: bigint }>(
      `SELECT 1 AS found FROM events WHERE stream_name = ? LIMIT 1`,
    ),
    lastEvent: db
      .prepare<[], EventTuple>(
        `SELECT ${COLUMNS} FROM events ORDER BY global_position DESC LIMIT 1`,
      )
      .raw(),
    headPosition: db.prepare<[], { head: bigint }>(
      `SELECT coalesce(max(global_position), 0) AS head FROM events`,
    ),
  };
}

/**
 * The embedded event store: one SQLite file (better-sqlite3, WAL).
 *
 * synchronous=FULL: the log is the system of record and an append that returned has already been
 * acknowledged to a user; with NORMAL a power cut may drop the last commits of the WAL (no corruption,
 * but lost facts). FULL costs one fsync per append transaction, which batching amortises.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;
  private readonly wakeup: Wakeup;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly readAllStatements = new Map<string, Database.Statement>();
  private readonly statements: ReturnType<typeof prepareStatements>;
  /** BEGIN IMMEDIATE … COMMIT around appendLocked, built once. */
  private readonly appendTransaction: (
    streamName: string,
    prepared: PreparedEvent[],
    expected: ExpectedVersion,
  ) => AppendResult;
  /** BEGIN IMMEDIATE … COMMIT around several appendLocked calls (appendToStreams). */
  private readonly appendManyTransaction: (
    appends: PreparedAppend[],
  ) => AppendResult[];
  /**
   * The log head as this connection last wrote it, valid while no other connection has committed
   * (same data_version): saves a query per append and is re-read under the write lock otherwise.
   */
  private head?: { globalPosition: bigint; hash: string; dataVersion: bigint };

  constructor(options: SqliteEventStoreOptions) {
    this.clock = options.clock;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.wakeup = wakeupFor(options.filename);
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Other connections (other processes, or other instances here) may hold the write lock briefly.
    this.db.pragma('busy_timeout = 5000');
    this.db.defaultSafeIntegers(true);
    this.db.exec(SCHEMA);
    this.statements = prepareStatements(this.db);
    // IMMEDIATE takes the write lock up front, so the version read and the insert see the same log.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- better-sqlite3's transaction variants are bound functions
    this.appendTransaction = this.db.transaction(
      this.appendLocked.bind(this),
    ).immediate;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- as above
    this.appendManyTransaction = this.db.transaction(
      (appends: PreparedAppend[]) =>
        appends.map((a) =>
          this.appendLocked(a.streamName, a.prepared, a.expected),
        ),
    ).immediate;
  }

  async appendToStream(
    streamName: string,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const prepared = prepareEvents(streamName, events, this.clock);
    let result: AppendResult;
    try {
      result = this.appendTransaction(
        streamName,
        prepared,
        options.expectedVersion ?? 'any',
      );
    } catch (error) {
      this.head = undefined; // rolled back: what we cached may not have been committed
      throw error;
    }
    if (result.appendedCount > 0) this.wakeup.notify();
    return result;
  }

  /**
   * The port's multi-stream append (docs/decisions/0172): one BEGIN IMMEDIATE … COMMIT, one fsync, each
   * append through appendLocked in the order given; a refused append throws and rolls all back.
   */
  async appendToStreams(
    appends: readonly StreamAppend[],
  ): Promise<AppendResult[]> {
    let results: AppendResult[];
    try {
      results = this.appendManyTransaction(prepareAppends(appends, this.clock));
    } catch (error) {
      this.head = undefined;
      throw error;
    }
    if (results.some((r) => r.appendedCount > 0)) this.wakeup.notify();
    return results;
  }

  /** Runs inside BEGIN IMMEDIATE: idempotency, version check, positions and hashes, insert. */
  private appendLocked(
    streamName: string,
    prepared: PreparedEvent[],
    expected: ExpectedVersion,
  ): AppendResult {
    let fresh = prepared;
    if (prepared.some((e) => e.idSupplied)) {
      const rows =
        prepared.length === 1
          ? this.statements.existingId.all(prepared[0].eventId)
          : this.statements.existingIds.all(
              JSON.stringify(prepared.map((e) => e.eventId)),
            );
      if (rows.length > 0) {
        const existing = new Map(rows.map((row) => [row.event_id, row]));
        fresh = [];
        const found: IdRow[] = [];
        for (const event of prepared) {
          const row = existing.get(event.eventId);
          if (!row) {
            fresh.push(event);
            continue;
          }
          assertSameEvent(streamName, event, {
            streamName: row.stream_name,
            type: row.type,
            schemaVersion: Number(row.schema_version),
            data: JSON.parse(row.data),
          });
          found.push(row);
        }
        if (fresh.length === 0) {
          // Idempotent repeat: report where those events already are.
          return {
            streamName,
            nextExpectedVersion: found.reduce(
              (max, r) => (r.stream_position > max ? r.stream_position : max),
              -1n,
            ),
            lastGlobalPosition: found[found.length - 1].global_position,
            appendedCount: 0,
          };
        }
      }
    }
    const streamHead = this.statements.streamHead.get(streamName);
    const version = streamHead?.stream_position ?? -1n;
    assertExpectedVersion(streamName, expected, version);
    if (fresh.length === 0) {
      return {
        streamName,
        nextExpectedVersion: version,
        lastGlobalPosition: streamHead?.global_position ?? 0n,
        appendedCount: 0,
      };
    }
    const dataVersion = this.statements.dataVersion.get()!;
    let globalPosition: bigint;
    let prevHash: string;
    if (this.head && this.head.dataVersion === dataVersion) {
      ({ globalPosition, hash: prevHash } = this.head);
    } else {
      const logHead = this.statements.logHead.get();
      globalPosition = logHead?.global_position ?? 0n;
      prevHash = logHead?.hash ?? GENESIS_HASH;
    }
    let streamPosition = version;
    for (const event of fresh) {
      globalPosition++;
      streamPosition++;
      const hash = templateHash(
        prevHash,
        envelopeTemplate(streamName, event),
        event.dataJson,
        globalPosition,
        streamPosition,
      );
      this.statements.insert.run(
        globalPosition,
        event.eventId,
        streamName,
        streamPosition,
        event.type,
        event.schemaVersion,
        event.dataJson,
        metadataJson(event.metadata),
        prevHash,
        hash,
      );
      prevHash = hash;
    }
    this.head = { globalPosition, hash: prevHash, dataVersion };
    return {
      streamName,
      nextExpectedVersion: streamPosition,
      lastGlobalPosition: globalPosition,
      appendedCount: fresh.length,
    };
  }

  async readStream(
    streamName: string,
    options: ReadStreamOptions = {},
  ): Promise<StoredEvent[]> {
    const limit = options.maxCount ?? ALL;
    const rows =
      options.direction === 'backwards'
        ? this.statements.readBackwards.all(
            streamName,
            options.from ?? BigInt(Number.MAX_SAFE_INTEGER),
            limit,
          )
        : this.statements.readForwards.all(
            streamName,
            options.from ?? 0n,
            limit,
          );
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.readAfter(options.after ?? 0n, options, options.limit ?? ALL);
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription {
    const subscription = new PollingSubscription(
      {
        readPage: async (checkpoint, limit) =>
          this.readAfter(checkpoint, options, limit),
        wakeup: this.wakeup,
        pollIntervalMs: this.pollIntervalMs,
      },
      options.after ?? 0n,
      handler,
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamExists(streamName: string): Promise<boolean> {
    return this.statements.streamExists.get(streamName) !== undefined;
  }

  async headPosition(): Promise<bigint> {
    return this.statements.headPosition.get()!.head;
  }

  async lastEvent(): Promise<StoredEvent | undefined> {
    const [row] = this.statements.lastEvent.all();
    return row ? toStoredEvent(row) : undefined;
  }

  async verifyChain(): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    let after = 0n;
    for (;;) {
      const page = this.readAfter(after, undefined, 1000);
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
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.db.open) this.db.close();
  }

  /** Events after `after` (exclusive) in global order. */
  private readAfter(
    after: bigint,
    filter: EventFilter | undefined,
    limit: number,
  ): StoredEvent[] {
    const conditions = ['global_position > @after'];
    // One type: the (type, global_position) index returns the rows in order. Several types: `+type` keeps
    // SQLite off that index, whose ranges it would merge by sorting every match after `after` for each
    // page (a rebuild became quadratic in the log); it walks the primary key and stops at the limit.
    if (filter?.types)
      conditions.push(
        filter.types.length === 1
          ? 'type = @type'
          : '+type IN (SELECT value FROM json_each(@types))',
      );
    if (filter?.streamPrefix !== undefined) {
      conditions.push('substr(stream_name, 1, length(@prefix)) = @prefix');
    }
    const sql = `SELECT ${COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY global_position ASC LIMIT @limit`;
    let statement = this.readAllStatements.get(sql);
    if (!statement)
      this.readAllStatements.set(sql, (statement = this.db.prepare(sql).raw()));
    const params: Record<string, unknown> = { after, limit };
    if (filter?.types?.length === 1) params.type = filter.types[0];
    else if (filter?.types) params.types = JSON.stringify(filter.types);
    if (filter?.streamPrefix !== undefined) params.prefix = filter.streamPrefix;
    return (statement.all(params) as EventTuple[]).map(toStoredEvent);
  }
}

function toStoredEvent(row: EventTuple): StoredEvent {
  return {
    eventId: row[1],
    type: row[4],
    schemaVersion: Number(row[5]),
    data: JSON.parse(row[6]) as Record<string, unknown>,
    metadata: JSON.parse(row[7]) as StoredEvent['metadata'],
    streamName: row[2],
    streamPosition: row[3],
    globalPosition: row[0],
    prevHash: row[8],
    hash: row[9],
  };
}
