import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { NewEvent } from '@app/event-store';

/**
 * The peer: Emmett's PostgreSQL and SQLite event stores through their documented API
 * (`getPostgreSQLEventStore(connectionString)`, `getSQLiteEventStore({ fileName })`), devDependencies
 * of the benchmarks only. Loaded lazily, so a missing package turns into a printed note, not a crash.
 */
export interface PeerStore {
  append(stream: string, events: NewEvent[]): Promise<void>;
  /** Reads the stream and returns how many events it holds. */
  readStream(stream: string): Promise<number>;
  close(): Promise<void>;
}

interface EmmettStore {
  appendToStream(
    stream: string,
    events: { type: string; data: unknown; metadata?: unknown }[],
  ): Promise<unknown>;
  readStream(stream: string): Promise<{ events: unknown[] }>;
  close?(): Promise<void>;
}

const toEmmett = (events: NewEvent[]) =>
  events.map((e) => ({
    type: e.type,
    data: e.data,
    metadata: { actor: e.metadata.actor },
  }));

/**
 * `target` is a file name (SQLite) or a PostgreSQL server URL: a fresh database is created on it for
 * this store and dropped at close, as Emmett keeps its tables in a fixed schema.
 */
export async function openEmmett(
  backend: 'sqlite' | 'postgres',
  target: string,
): Promise<PeerStore> {
  if (backend === 'sqlite') {
    const { getSQLiteEventStore, SQLiteConnectionPool } =
      (await import('@event-driven-io/emmett-sqlite')) as unknown as {
        getSQLiteEventStore: (options: object) => EmmettStore;
        SQLiteConnectionPool: (options: object) => { close(): Promise<void> };
      };
    // `singleton: true` as Emmett documents it; note that Emmett 0.42.4 keeps one connection only when a
    // `connection` is passed too (or in memory): for a file it opens and closes a node-sqlite3
    // connection per append or read (test/bench/RESULTS.md). The pool is ours to close.
    const pool = SQLiteConnectionPool({
      fileName: target,
      connectionOptions: { singleton: true },
    });
    const store = getSQLiteEventStore({
      fileName: target,
      pool,
      schema: { autoMigration: 'CreateOrUpdate' },
    });
    return wrap(store, () => pool.close());
  }
  const { getPostgreSQLEventStore } =
    (await import('@event-driven-io/emmett-postgresql')) as unknown as {
      getPostgreSQLEventStore: (
        connectionString: string,
        options?: object,
      ) => EmmettStore;
    };
  const database = `bench_emmett_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  await admin(target, `CREATE DATABASE ${database}`);
  const url = new URL(target);
  url.pathname = `/${database}`;
  const store = getPostgreSQLEventStore(url.toString());
  return wrap(store, async () => {
    await store.close!();
    await admin(target, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
}

function wrap(store: EmmettStore, close: () => Promise<void>): PeerStore {
  return {
    append: async (stream, events) => {
      await store.appendToStream(stream, toEmmett(events));
    },
    readStream: async (stream) =>
      (await store.readStream(stream)).events.length,
    close,
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
