import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createEventStore } from '@app/event-store';
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
import { RawPostgres, RawSqlite } from './support/raw-baselines.js';
import { openEmmett, type PeerStore } from './support/emmett-peer.js';

// Appends through our port beside the raw driver loop and Emmett, in the same process and run:
// single events and batches of 100, SQLite and PostgreSQL, 1 and 8 concurrent writers on PostgreSQL.
// Figures are events/s, median of BENCH_RUNS runs, each on a fresh database. Asserts only that the
// work was done (counts, a verifying chain), never timings.
const RUNS = size('RUNS', 3);
const SQLITE_SINGLE = size('SQLITE_SINGLE', 2_000);
const SQLITE_BATCHED = size('SQLITE_BATCHED', 20_000);
const PG_SINGLE = size('PG_SINGLE', 1_000);
const PG_BATCHED = size('PG_BATCHED', 10_000);
const BATCH = 100;
const WRITERS = 8;
const STREAMS = 200;

const clock = benchClock();

/** Runs `count` events through `append` as appends of `perAppend`, by `writers` concurrent loops. */
async function drive(
  count: number,
  perAppend: number,
  writers: number,
  append: (stream: string, first: number, n: number) => Promise<void> | void,
): Promise<number> {
  const appends = Math.ceil(count / perAppend);
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let a = next++; a < appends; a = next++) {
        await append(
          `visit-${w}-${a % STREAMS}`,
          a * perAppend,
          Math.min(perAppend, count - a * perAppend),
        );
      }
    }),
  );
  return count;
}

/** Median events/s over RUNS fresh setups; `run` returns the number of events it wrote. */
async function eventsPerSecond(
  run: () => Promise<{ seconds: number; events: number }>,
): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const { seconds, events } = await run();
    rates.push(events / seconds);
  }
  return median(rates);
}

function withRatios(figures: Figure[]): Figure[] {
  const find = (impl: string, workload: string) =>
    figures.find((f) => f.impl === impl && f.workload === workload)?.value;
  return figures.map((f) => {
    if (f.impl !== 'ours') return f;
    const ratios: Record<string, number> = {};
    const raw = ratio(f.value, find('raw', f.workload));
    const emmett = ratio(f.value, find('emmett', f.workload));
    if (raw !== undefined) ratios.raw = raw;
    if (emmett !== undefined) ratios.emmett = emmett;
    if (f.workload.startsWith(`${WRITERS} writers`)) {
      const one = ratio(
        f.value,
        find('ours', f.workload.replace(`${WRITERS} writers`, '1 writer')),
      );
      if (one !== undefined) ratios['ours 1 writer'] = one;
    }
    return { ...f, ratios };
  });
}

describe('append throughput: ours, raw driver, Emmett', () => {
  it('SQLite: single events and batches of 100', async () => {
    const figures: Figure[] = [];
    const fresh = () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-append-'));
      return {
        file: path.join(dir, 'events.db'),
        done: () => rmSync(dir, { recursive: true, force: true }),
      };
    };
    const workloads = [
      {
        workload: '1 writer, single events',
        count: SQLITE_SINGLE,
        perAppend: 1,
      },
      {
        workload: `1 writer, batches of ${BATCH}`,
        count: SQLITE_BATCHED,
        perAppend: BATCH,
      },
    ];
    for (const { workload, count, perAppend } of workloads) {
      const params = { events: count, perAppend, runs: RUNS };
      figures.push({
        bench: 'append',
        backend: 'sqlite',
        impl: 'raw',
        workload,
        unit: 'events/s',
        params,
        value: await eventsPerSecond(async () => {
          const { file, done } = fresh();
          const raw = new RawSqlite(file);
          const { seconds } = await timed(() =>
            drive(count, perAppend, 1, (s, first, n) =>
              raw.append(s, first, n),
            ),
          );
          raw.close();
          done();
          return { seconds, events: count };
        }),
      });
      figures.push({
        bench: 'append',
        backend: 'sqlite',
        impl: 'ours',
        workload,
        unit: 'events/s',
        params,
        value: await eventsPerSecond(async () => {
          const { file, done } = fresh();
          const store = await createEventStore(
            { kind: 'sqlite', filename: file },
            clock,
          );
          const { seconds } = await timed(() =>
            drive(
              count,
              perAppend,
              1,
              async (s, first, n) =>
                void (await store.appendToStream(s, benchEvents(first, n))),
            ),
          );
          expect(await store.headPosition()).toBe(BigInt(count));
          await store.close();
          done();
          return { seconds, events: count };
        }),
      });
      const peer = await peerFigure(
        'sqlite',
        workload,
        count,
        perAppend,
        1,
        params,
        fresh,
      );
      if (peer) figures.push(peer);
    }
    printFigures('append, SQLite (WAL, synchronous=FULL)', withRatios(figures));
  }, 1_800_000);

  it('PostgreSQL: single events and batches of 100, 1 and 8 writers', async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    try {
      await admin.connect();
    } catch (error) {
      note(
        `PostgreSQL at ${PG_URL} not reachable (${(error as Error).message}): PostgreSQL append figures skipped`,
      );
      return;
    }
    const { database, url } = await createBenchDatabase(admin, 'append');
    let schemas = 0;
    const figures: Figure[] = [];
    try {
      const workloads = [
        {
          workload: '1 writer, single events',
          count: PG_SINGLE,
          perAppend: 1,
          writers: 1,
        },
        {
          workload: `${WRITERS} writers, single events`,
          count: PG_SINGLE,
          perAppend: 1,
          writers: WRITERS,
        },
        {
          workload: `1 writer, batches of ${BATCH}`,
          count: PG_BATCHED,
          perAppend: BATCH,
          writers: 1,
        },
        {
          workload: `${WRITERS} writers, batches of ${BATCH}`,
          count: PG_BATCHED,
          perAppend: BATCH,
          writers: WRITERS,
        },
      ];
      for (const { workload, count, perAppend, writers } of workloads) {
        const params = { events: count, perAppend, writers, runs: RUNS };
        figures.push({
          bench: 'append',
          backend: 'postgres',
          impl: 'raw',
          workload,
          unit: 'events/s',
          params,
          value: await eventsPerSecond(async () => {
            const raw = await RawPostgres.open(
              url,
              `raw_${++schemas}`,
              WRITERS,
            );
            const { seconds } = await timed(() =>
              drive(count, perAppend, writers, (s, first, n) =>
                raw.append(s, first, n),
              ),
            );
            await raw.close();
            return { seconds, events: count };
          }),
        });
        figures.push({
          bench: 'append',
          backend: 'postgres',
          impl: 'ours',
          workload,
          unit: 'events/s',
          params,
          value: await eventsPerSecond(async () => {
            const store = await createEventStore(
              {
                kind: 'postgres',
                connectionString: url,
                schema: `ours_${++schemas}`,
              },
              clock,
            );
            const { seconds } = await timed(() =>
              drive(
                count,
                perAppend,
                writers,
                async (s, first, n) =>
                  void (await store.appendToStream(s, benchEvents(first, n))),
              ),
            );
            expect(await store.headPosition()).toBe(BigInt(count));
            await store.close();
            return { seconds, events: count };
          }),
        });
        const peer = await peerFigure(
          'postgres',
          workload,
          count,
          perAppend,
          writers,
          params,
          undefined,
          url,
        );
        if (peer) figures.push(peer);
      }
      printFigures(
        'append, PostgreSQL (pool of 8, synchronous_commit on)',
        withRatios(figures),
      );
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  }, 1_800_000);
});

async function peerFigure(
  backend: 'sqlite' | 'postgres',
  workload: string,
  count: number,
  perAppend: number,
  writers: number,
  params: Record<string, number | string>,
  fresh?: () => { file: string; done: () => void },
  pgUrl?: string,
): Promise<Figure | undefined> {
  let unavailable: string | undefined;
  const value = await eventsPerSecond(async () => {
    const target = fresh?.();
    let peer: PeerStore | undefined;
    try {
      peer = await openEmmett(backend, target?.file ?? pgUrl!);
    } catch (error) {
      unavailable = (error as Error).message;
      target?.done();
      return { seconds: 1, events: 0 };
    }
    try {
      const { seconds } = await timed(() =>
        drive(count, perAppend, writers, (s, first, n) =>
          peer.append(s, benchEvents(first, n)),
        ),
      );
      return { seconds, events: count };
    } catch (error) {
      // The peer's failure is a figure we cannot print, not a failure of this benchmark.
      unavailable = `failed during the run: ${(error as Error).message}`;
      return { seconds: 1, events: 0 };
    } finally {
      await peer.close().catch(() => undefined);
      target?.done();
    }
  });
  if (unavailable) {
    note(`Emmett ${backend} unavailable: ${unavailable}`);
    return undefined;
  }
  return {
    bench: 'append',
    backend,
    impl: 'emmett',
    workload,
    unit: 'events/s',
    params,
    value,
  };
}
