import Database from 'better-sqlite3';
import pg from 'pg';
import { EVENT_TYPE, rawRow } from './bench-kit.js';

/**
 * The raw baselines: what a hand-written loop on the bare driver does for the same workload — the
 * same table and indexes as our adapter, JSON.stringify of the same payload, SHA-256 chained over the
 * previous hash, positions counted in memory. No version check, no idempotency, no envelope: the gap
 * between these and our store is the cost of the port.
 */

const SQLITE_DDL = `
CREATE TABLE events (
  global_position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream_name TEXT NOT NULL,
  stream_position INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
  data TEXT NOT NULL, metadata TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
  UNIQUE (stream_name, stream_position));
CREATE INDEX events_type_position ON events (type, global_position);
CREATE UNIQUE INDEX events_event_id ON events (event_id);`;

export class RawSqlite {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private global = 0;
  private prevHash = '0'.repeat(64);
  private readonly versions = new Map<string, number>();

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL'); // as our adapter: fsync at every commit
    this.db.exec(SQLITE_DDL);
    this.insert = this.db.prepare(
      `INSERT INTO events VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    );
  }

  /** Appends `count` events to `stream` in one transaction (autocommit when count is 1). */
  append(stream: string, first: number, count: number): void {
    if (count === 1) return this.insertOne(stream, first);
    this.db.transaction(() => {
      for (let i = 0; i < count; i++) this.insertOne(stream, first + i);
    })();
  }

  private insertOne(stream: string, i: number): void {
    const streamPosition = (this.versions.get(stream) ?? -1) + 1;
    this.versions.set(stream, streamPosition);
    const globalPosition = ++this.global;
    const row = rawRow(
      i,
      globalPosition,
      streamPosition,
      stream,
      this.prevHash,
    );
    this.insert.run(
      globalPosition,
      row.eventId,
      stream,
      streamPosition,
      EVENT_TYPE,
      row.data,
      row.metadata,
      this.prevHash,
      row.hash,
    );
    this.prevHash = row.hash;
  }

  /** SELECT … ORDER BY + JSON.parse: the read baseline. */
  readStream(stream: string): number {
    let n = 0;
    for (const row of this.db
      .prepare(
        `SELECT * FROM events WHERE stream_name = ? ORDER BY stream_position`,
      )
      .iterate(stream) as Iterable<{ data: string; metadata: string }>) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      n++;
    }
    return n;
  }

  readAll(from: number, limit: number): number {
    const rows = this.db
      .prepare(
        `SELECT * FROM events WHERE global_position >= ? ORDER BY global_position LIMIT ?`,
      )
      .all(from, limit) as { data: string; metadata: string }[];
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }
    return rows.length;
  }

  close(): void {
    this.db.close();
  }
}

const PG_DDL = (table: string) => `
CREATE TABLE ${table} (
  global_position bigint PRIMARY KEY, event_id text NOT NULL, stream_name text NOT NULL,
  stream_position bigint NOT NULL, type text NOT NULL, schema_version integer NOT NULL,
  data jsonb NOT NULL, metadata jsonb NOT NULL, prev_hash text NOT NULL, hash text NOT NULL,
  UNIQUE (stream_name, stream_position));
CREATE INDEX ON ${table} (type, global_position);
CREATE UNIQUE INDEX ON ${table} (event_id);`;

/**
 * A pg pool for a raw baseline. Each bench drops its database WITH (FORCE) at the end, and a client that
 * pool.end() is still closing then gets the server's "terminating connection": without a listener the
 * pool re-emits it as an unhandled error and fails a run whose figures are already printed (as our
 * adapter does, libs/event-store/src/postgres/postgres-event-store.ts, the error is ignored).
 */
export function rawPgPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => undefined);
  return pool;
}

/** The pg baseline: one INSERT per single event, one multi-row INSERT per batch, in autocommit. */
export class RawPostgres {
  private global = 0;
  private prevHash = '0'.repeat(64);
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly pool: pg.Pool,
    private readonly table: string,
  ) {}

  static async open(
    url: string,
    table: string,
    poolSize = 8,
  ): Promise<RawPostgres> {
    const pool = rawPgPool(url, poolSize);
    await pool.query(PG_DDL(table));
    return new RawPostgres(pool, table);
  }

  async append(stream: string, first: number, count: number): Promise<void> {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = 0; i < count; i++) {
      const streamPosition = (this.versions.get(stream) ?? -1) + 1;
      this.versions.set(stream, streamPosition);
      const globalPosition = ++this.global;
      const row = rawRow(
        first + i,
        globalPosition,
        streamPosition,
        stream,
        this.prevHash,
      );
      const b = values.length;
      tuples.push(
        `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, 1, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9})`,
      );
      values.push(
        globalPosition,
        row.eventId,
        stream,
        streamPosition,
        EVENT_TYPE,
        row.data,
        row.metadata,
        this.prevHash,
        row.hash,
      );
      this.prevHash = row.hash;
    }
    await this.pool.query(
      `INSERT INTO ${this.table} VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  async readStream(stream: string): Promise<number> {
    // jsonb comes back parsed by pg, as it does for our adapter.
    const result = await this.pool.query(
      `SELECT * FROM ${this.table} WHERE stream_name = $1 ORDER BY stream_position`,
      [stream],
    );
    return result.rowCount ?? 0;
  }

  async readAll(from: number, limit: number): Promise<number> {
    const result = await this.pool.query(
      `SELECT * FROM ${this.table} WHERE global_position >= $1 ORDER BY global_position LIMIT $2`,
      [from, limit],
    );
    return result.rowCount ?? 0;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
