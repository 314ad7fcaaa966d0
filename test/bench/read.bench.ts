import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  createEventStore,
  type EventStore,
  type NewEvent,
} from '@app/event-store';
import {
  benchClock,
  benchEvents,
  PG_URL,
  median,
  note,
  printFigures,
  ratio,
  size,
  timed,
  type Figure,
  createBenchDatabase,
} from './support/bench-kit.js';
import { openEmmett, type PeerStore } from './support/emmett-peer.js';
import { rawPgPool } from './support/raw-baselines.js';

// Reads through our port beside a raw `SELECT … ORDER BY` + JSON.parse loop over the SAME table, and
// Emmett's readStream over its own store holding the same events: readStream of one 10,000-event
// stream, and readAll of the whole log in pages of 1,000. events/s, median of BENCH_RUNS reads.
const RUNS = size('RUNS', 3);
const STREAM_EVENTS = size('READ_STREAM_EVENTS', 10_000);
const PAGE = 1_000;
const clock = benchClock();
const STREAM = 'visit-read';

async function fill(
  append: (events: NewEvent[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < STREAM_EVENTS; i += 100)
    await append(benchEvents(i, Math.min(100, STREAM_EVENTS - i)));
}

async function rate(read: () => Promise<number> | number): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const { seconds, result } = await timed(async () => read());
    expect(result).toBe(STREAM_EVENTS);
    rates.push(result / seconds);
  }
  return median(rates);
}

/** Our readAll over the whole log, page by page (the one place that knows the readAll options). */
async function readAllPaged(store: EventStore): Promise<number> {
  let count = 0;
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE });
    count += page.length;
    if (page.length < PAGE) return count;
    after = page[page.length - 1].globalPosition;
  }
}

function withRatios(figures: Figure[]): Figure[] {
  return figures.map((f) => {
    if (f.impl !== 'ours') return f;
    const ratios: Record<string, number> = {};
    for (const other of ['raw', 'emmett']) {
      const r = ratio(
        f.value,
        figures.find((g) => g.impl === other && g.workload === f.workload)
          ?.value,
      );
      if (r !== undefined) ratios[other] = r;
    }
    return { ...f, ratios };
  });
}

async function peerRead(
  backend: 'sqlite' | 'postgres',
  target: string,
  params: Record<string, number>,
): Promise<Figure | undefined> {
  let peer: PeerStore;
  try {
    peer = await openEmmett(backend, target);
  } catch (error) {
    note(`Emmett ${backend} unavailable: ${(error as Error).message}`);
    return undefined;
  }
  try {
    await fill((events) => peer.append(STREAM, events));
    const value = await rate(() => peer.readStream(STREAM));
    return {
      bench: 'read',
      backend,
      impl: 'emmett',
      workload: `readStream, one ${STREAM_EVENTS}-event stream`,
      unit: 'events/s',
      value,
      params,
    };
  } catch (error) {
    note(
      `Emmett ${backend} failed during the run: ${(error as Error).message}`,
    );
    return undefined;
  } finally {
    await peer.close();
  }
}

describe('read throughput: ours, raw SELECT + JSON.parse, Emmett', () => {
  it('SQLite', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-read-'));
    const file = path.join(dir, 'events.db');
    const store = await createEventStore(
      { kind: 'sqlite', filename: file },
      clock,
    );
    const raw = new Database(file, { readonly: true });
    const params = { events: STREAM_EVENTS, page: PAGE, runs: RUNS };
    const streamWorkload = `readStream, one ${STREAM_EVENTS}-event stream`;
    const allWorkload = `readAll, ${STREAM_EVENTS} events in pages of ${PAGE}`;
    try {
      await fill((events) => store.appendToStream(STREAM, events));
      const rawStream = raw.prepare(
        `SELECT * FROM events WHERE stream_name = ? ORDER BY stream_position`,
      );
      const rawAll = raw.prepare(
        `SELECT * FROM events WHERE global_position >= ? ORDER BY global_position LIMIT ?`,
      );
      const parse = (rows: { data: string; metadata: string }[]) => {
        for (const row of rows) {
          JSON.parse(row.data);
          JSON.parse(row.metadata);
        }
        return rows.length;
      };
      const figures: Figure[] = [
        {
          bench: 'read',
          backend: 'sqlite',
          impl: 'raw',
          workload: streamWorkload,
          unit: 'events/s',
          params,
          value: await rate(() => parse(rawStream.all(STREAM) as never)),
        },
        {
          bench: 'read',
          backend: 'sqlite',
          impl: 'ours',
          workload: streamWorkload,
          unit: 'events/s',
          params,
          value: await rate(
            async () => (await store.readStream(STREAM)).length,
          ),
        },
        {
          bench: 'read',
          backend: 'sqlite',
          impl: 'raw',
          workload: allWorkload,
          unit: 'events/s',
          params,
          value: await rate(() => {
            let n = 0;
            for (let from = 1; ; from += PAGE) {
              const got = parse(rawAll.all(from, PAGE) as never);
              n += got;
              if (got < PAGE) return n;
            }
          }),
        },
        {
          bench: 'read',
          backend: 'sqlite',
          impl: 'ours',
          workload: allWorkload,
          unit: 'events/s',
          params,
          value: await rate(() => readAllPaged(store)),
        },
      ];
      const peer = await peerRead(
        'sqlite',
        path.join(dir, 'emmett.db'),
        params,
      );
      if (peer) figures.push(peer);
      printFigures('read, SQLite', withRatios(figures));
    } finally {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 1_800_000);

  it('PostgreSQL', async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    try {
      await admin.connect();
    } catch (error) {
      note(
        `PostgreSQL at ${PG_URL} not reachable (${(error as Error).message}): PostgreSQL read figures skipped`,
      );
      return;
    }
    const { database, url } = await createBenchDatabase(admin, 'read');
    const store = await createEventStore(
      { kind: 'postgres', connectionString: url, schema: 'bench' },
      clock,
    );
    const raw = rawPgPool(url, 2);
    const params = { events: STREAM_EVENTS, page: PAGE, runs: RUNS };
    const streamWorkload = `readStream, one ${STREAM_EVENTS}-event stream`;
    const allWorkload = `readAll, ${STREAM_EVENTS} events in pages of ${PAGE}`;
    try {
      await fill((events) => store.appendToStream(STREAM, events));
      // pg parses jsonb itself, as for our adapter: the raw loop is the query and that parse.
      const figures: Figure[] = [
        {
          bench: 'read',
          backend: 'postgres',
          impl: 'raw',
          workload: streamWorkload,
          unit: 'events/s',
          params,
          value: await rate(
            async () =>
              (
                await raw.query(
                  `SELECT * FROM bench.events WHERE stream_name = $1 ORDER BY stream_position`,
                  [STREAM],
                )
              ).rowCount ?? 0,
          ),
        },
        {
          bench: 'read',
          backend: 'postgres',
          impl: 'ours',
          workload: streamWorkload,
          unit: 'events/s',
          params,
          value: await rate(
            async () => (await store.readStream(STREAM)).length,
          ),
        },
        {
          bench: 'read',
          backend: 'postgres',
          impl: 'raw',
          workload: allWorkload,
          unit: 'events/s',
          params,
          value: await rate(async () => {
            let n = 0;
            for (let from = 1; ; from += PAGE) {
              const got =
                (
                  await raw.query(
                    `SELECT * FROM bench.events WHERE global_position >= $1 ORDER BY global_position LIMIT $2`,
                    [from, PAGE],
                  )
                ).rowCount ?? 0;
              n += got;
              if (got < PAGE) return n;
            }
          }),
        },
        {
          bench: 'read',
          backend: 'postgres',
          impl: 'ours',
          workload: allWorkload,
          unit: 'events/s',
          params,
          value: await rate(() => readAllPaged(store)),
        },
      ];
      const peer = await peerRead('postgres', PG_URL, params);
      if (peer) figures.push(peer);
      printFigures('read, PostgreSQL', withRatios(figures));
    } finally {
      await raw.end();
      await store.close();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  }, 1_800_000);
});
