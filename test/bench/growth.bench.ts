import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createEventStore, type EventStore } from '@app/event-store';
import {
  benchClock,
  benchEvents,
  PG_URL,
  note,
  peakRssMiB,
  printFigures,
  ratio,
  sizes,
  size,
  timed,
  type Figure,
  createBenchDatabase,
} from './support/bench-kit.js';

// The growth curve: how append and read hold up as the log grows. The log is filled through our
// port (appends of 1,000 over 1,000 streams) up to each size of BENCH_GROWTH_SIZES (default
// 100000,1000000,3000000); at each size we time 1,000 single appends, 20,000 events in appends of
// 100, readStream of one 100-event stream, and readAll of 10,000 events from the middle of the log.
// BENCH_GROWTH_BACKENDS=sqlite,postgres (default both). Filling 3M events takes minutes: see RESULTS.md.
const SIZES = sizes('GROWTH_SIZES', [100_000, 1_000_000, 3_000_000]);
const BACKENDS = (process.env.BENCH_GROWTH_BACKENDS ?? 'sqlite,postgres')
  .split(',')
  .map((b) => b.trim());
const SINGLES = size('GROWTH_SINGLES', 1_000);
const BATCHED = size('GROWTH_BATCHED', 20_000);
const FILL_BATCH = 1_000;
const clock = benchClock();

async function curve(backend: string, store: EventStore): Promise<Figure[]> {
  const figures: Figure[] = [];
  let written = 0;
  for (const target of SIZES) {
    const fill = await timed(async () => {
      for (let i = written; i < target; i += FILL_BATCH) {
        await store.appendToStream(
          `fill-${(i / FILL_BATCH) % 1000}`,
          benchEvents(i, Math.min(FILL_BATCH, target - i)),
        );
      }
    });
    const filled = target - written;
    written = target;
    const params = { logSize: target };
    figures.push({
      bench: 'growth',
      backend,
      impl: 'ours',
      workload: `fill to ${target} (appends of ${FILL_BATCH})`,
      unit: 'events/s',
      value: filled / fill.seconds,
      params,
    });

    const single = await timed(async () => {
      for (let i = 0; i < SINGLES; i++)
        await store.appendToStream(
          `probe-${target}-${i % 100}`,
          benchEvents(i, 1),
        );
    });
    figures.push({
      bench: 'growth',
      backend,
      impl: 'ours',
      workload: `single appends at ${target}`,
      unit: 'events/s',
      value: SINGLES / single.seconds,
      params,
    });
    const batched = await timed(async () => {
      for (let i = 0; i < BATCHED; i += 100)
        await store.appendToStream(
          `batch-${target}-${(i / 100) % 100}`,
          benchEvents(i, 100),
        );
    });
    figures.push({
      bench: 'growth',
      backend,
      impl: 'ours',
      workload: `appends of 100 at ${target}`,
      unit: 'events/s',
      value: BATCHED / batched.seconds,
      params,
    });
    written += SINGLES + BATCHED;

    const stream = await timed(() => store.readStream(`probe-${target}-0`));
    expect(stream.result.length).toBe(SINGLES / 100);
    const streamAgain = await timed(() =>
      store.readStream(`batch-${target}-0`),
    );
    figures.push({
      bench: 'growth',
      backend,
      impl: 'ours',
      workload: `readStream (${streamAgain.result.length} events) at ${target}`,
      unit: 'events/s',
      value: streamAgain.result.length / streamAgain.seconds,
      params,
    });
    const middle = BigInt(Math.floor(target / 2));
    const all = await timed(async () => {
      let n = 0;
      // SQLite and PostgreSQL number 1, 2, 3…: `middle` is a position of the log (after it, exclusive).
      let after = middle;
      while (n < 10_000) {
        const page = await store.readAll({ after, limit: 1_000 });
        n += page.length;
        after = page[page.length - 1].globalPosition;
      }
      return n;
    });
    figures.push({
      bench: 'growth',
      backend,
      impl: 'ours',
      workload: `readAll 10000 from the middle at ${target}`,
      unit: 'events/s',
      value: all.result / all.seconds,
      params,
    });
    // Printed as each size is reached, so a run stopped before the largest size still reports the others.
    printFigures(
      `growth, ${backend}, log at ${target} events`,
      figures.filter((f) => f.params?.logSize === target),
    );
  }
  expect(await store.headPosition()).toBe(BigInt(written));
  // Each figure beside the same figure at the smallest size.
  const first = SIZES[0];
  return figures.map((f) => {
    const base = figures.find(
      (g) =>
        g.workload === f.workload.replace(` ${f.params!.logSize}`, ` ${first}`),
    );
    const r = base && base !== f ? ratio(f.value, base.value) : undefined;
    return r === undefined ? f : { ...f, ratios: { [`at ${first}`]: r } };
  });
}

describe('growth curve', () => {
  it('SQLite', async () => {
    if (!BACKENDS.includes('sqlite'))
      return note('growth on SQLite skipped (BENCH_GROWTH_BACKENDS)');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-growth-'));
    const store = await createEventStore(
      { kind: 'sqlite', filename: path.join(dir, 'events.db') },
      clock,
    );
    try {
      printFigures(
        `growth, SQLite (sizes ${SIZES.join(', ')}), each beside the smallest size`,
        await curve('sqlite', store),
      );
      note(`growth SQLite peak RSS ${peakRssMiB()} MiB`);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 3_600_000);

  it('PostgreSQL', async () => {
    if (!BACKENDS.includes('postgres'))
      return note('growth on PostgreSQL skipped (BENCH_GROWTH_BACKENDS)');
    const admin = new pg.Client({ connectionString: PG_URL });
    try {
      await admin.connect();
    } catch (error) {
      return note(
        `PostgreSQL at ${PG_URL} not reachable (${(error as Error).message}): growth on PostgreSQL skipped`,
      );
    }
    const { database, url } = await createBenchDatabase(admin, 'growth');
    const store = await createEventStore(
      { kind: 'postgres', connectionString: url, schema: 'bench' },
      clock,
    );
    try {
      printFigures(
        `growth, PostgreSQL (sizes ${SIZES.join(', ')})`,
        await curve('postgres', store),
      );
    } finally {
      await store.close();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  }, 3_600_000);
});
