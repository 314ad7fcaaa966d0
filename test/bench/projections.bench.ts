import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadAppConfig } from '@app/app-config';
import {
  PROJECTOR_CLASSES,
  READ_MODEL_ENTITIES,
  readModelDataSourceOptions,
  ServiceModule,
} from '@app/composition';
import {
  createEventStore,
  EVENT_STORE,
  type EventStore,
} from '@app/event-store';
import { IngestFeedBatchService } from '@app/hr-feed';
import { PERSONAL_DATA_KEYS_FILE, PersonalDataVault } from '@app/injuries';
import { ProjectionRunner, type Projector } from '@app/projections';
import { FixedClock } from '@app/shared-kernel';
import {
  DEMO_DEFAULT_ENTERPRISES,
  DEMO_DEFAULT_SEED,
} from '../../apps/cli/src/demo/demo-plan.js';
import { loadDemoCounty } from '../../apps/cli/src/demo/load-demo-county.js';
import { scaleUp } from '../../apps/cli/src/demo/scale-up.js';
import { PgTestDatabase } from '../../libs/event-store/src/postgres/pg-test-database.js';
import { createTestApp } from '../support/test-app.js';
import { PG_URL, size } from './support/bench-kit.js';

/**
 * `npm run bench -- projections` (issue 7, "Targets"): on one log and in one process, a raw read of the
 * log (the driver's `SELECT … ORDER BY global_position` + `JSON.parse` of every event) and a rebuild of
 * every projector into fresh tables, as the rebuild command does it (scratch SQLite with
 * synchronous=OFF, PostgreSQL UNLOGGED tables); then the live runner catching up from zero. One JSON
 * line per figure.
 *
 * The log: BENCH_LOG names an events.sqlite written by `npm run demo -- --events N` (copied, never
 * written); without it the demo county is generated here, repeated to BENCH_PROJECTIONS_EVENTS events
 * (default 50,000), and the peak RSS then includes the generation. BENCH_PROJECTIONS_STORES selects
 * `sqlite`, `postgres` (the log copied row for row into a throwaway database) or both (default).
 */
const LOG = process.env.BENCH_LOG;
const EVENTS = size('PROJECTIONS_EVENTS', 50_000);
const STORES = (process.env.BENCH_PROJECTIONS_STORES ?? 'sqlite,postgres')
  .split(',')
  .map((s) => s.trim());
const REBUILD_BATCH = 1_000; // as the rebuild command

const rssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const round = (value: number, digits = 0): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;
const line = (figure: Record<string, unknown>) =>
  console.log(JSON.stringify(figure));
const note = (text: string) => console.log(`note: ${text}`);

interface EventRow {
  global_position: number;
  event_id: string;
  stream_name: string;
  stream_position: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  prev_hash: string;
  hash: string;
}

describe('projections: rebuild of every projector against the raw read of the same log', () => {
  it('prints events/s, the ratio to the raw read and peak RSS per store, and the live catch-up rate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-projections-'));
    let app: INestApplicationContext | undefined;
    try {
      const logFile = join(dir, 'events.sqlite');
      if (LOG) {
        copyFileSync(LOG, logFile);
        if (existsSync(`${LOG}-wal`))
          copyFileSync(`${LOG}-wal`, `${logFile}-wal`); // commits not yet checkpointed
        // The log's sealed personal data needs its key table (docs/decisions/0230), kept beside it.
        const keys = join(dirname(LOG), PERSONAL_DATA_KEYS_FILE);
        if (existsSync(keys))
          copyFileSync(keys, join(dir, PERSONAL_DATA_KEYS_FILE));
      } else {
        await generateLog(logFile, EVENTS);
        note(
          `log generated in this process (BENCH_LOG unset): peak RSS includes the generation`,
        );
      }
      const config = loadAppConfig({
        DATA_DIR: dir,
        LOG_LEVEL: 'error',
        WORKER_REF_SECRET: 'projections-bench-secret-of-32-characters',
      });
      app = await NestFactory.createApplicationContext(
        ServiceModule.forRoot({ config, runProjector: false }),
        { logger: ['error'] },
      );
      const store = app.get<EventStore>(EVENT_STORE);
      const projectors = PROJECTOR_CLASSES.map((cls) =>
        app!.get<Projector>(cls as never),
      );
      const head = await store.headPosition();
      console.log(
        `[bench] projections: log of ${head} events, ${projectors.length} projectors (${projectors.map((p) => p.name).join(', ')})`,
      );

      if (STORES.includes('sqlite')) {
        const raw = rawSqliteRead(logFile);
        const rebuilt = await rebuild(
          store,
          sqliteScratch(join(dir, 'rebuild.sqlite')),
          projectors,
          head,
        );
        expect(rebuilt.events).toBe(raw.events);
        line({
          bench: 'rebuild',
          store: 'sqlite',
          events: rebuilt.events,
          eventsPerSecond: round(rebuilt.events / rebuilt.seconds),
          rawReadEventsPerSecond: round(raw.events / raw.seconds),
          ratio: round(raw.seconds / rebuilt.seconds, 3),
          peakRssMiB: rssMiB(),
        });

        // The live runner as the api runs it (its page size, synchronous=NORMAL), from zero to the head.
        const live = app.get(DataSource);
        const runner = new ProjectionRunner(store, live, projectors);
        const started = performance.now();
        await runner.start();
        expect(await runner.waitFor(head, 3_600_000)).toBe(true);
        const seconds = (performance.now() - started) / 1000;
        await runner.stop();
        line({
          bench: 'live-catch-up',
          store: 'sqlite',
          events: rebuilt.events,
          eventsPerSecond: round(rebuilt.events / seconds),
          seconds: round(seconds, 1),
          peakRssMiB: rssMiB(),
        });
      }

      if (STORES.includes('postgres')) {
        const database = new PgTestDatabase();
        try {
          await database.create();
        } catch (error) {
          note(
            `PostgreSQL figures skipped: ${String(error)} (PG_URL ${PG_URL})`,
          );
          return;
        }
        let pgStore: EventStore | undefined;
        try {
          pgStore = await createEventStore(
            { kind: 'postgres', connectionString: database.url },
            new FixedClock('2026-03-02T00:00:00.000Z'),
          );
          const copied = await copyLogToPostgres(logFile, database.url);
          console.log(
            `[bench] projections: log copied to PostgreSQL (${copied.events} events in ${round(copied.seconds, 1)} s)`,
          );
          const raw = await rawPostgresRead(database.url);
          const scratch: DataSourceOptions = {
            ...readModelDataSourceOptions(
              {
                kind: 'postgres',
                connectionString: database.url,
                schema: 'public',
              },
              READ_MODEL_ENTITIES,
            ),
          };
          const rebuilt = await rebuild(pgStore, scratch, projectors, head);
          expect(rebuilt.events).toBe(raw.events);
          line({
            bench: 'rebuild',
            store: 'postgres',
            events: rebuilt.events,
            eventsPerSecond: round(rebuilt.events / rebuilt.seconds),
            rawReadEventsPerSecond: round(raw.events / raw.seconds),
            ratio: round(raw.seconds / rebuilt.seconds, 3),
            peakRssMiB: rssMiB(),
          });
          note(
            'PostgreSQL peakRssMiB is the peak of the whole process, SQLite runs included',
          );
        } finally {
          await pgStore?.close();
          await database.drop();
        }
      }
    } finally {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 7_200_000);
});

/** The demo county through the CommandBus and the feed, repeated to about `events` (what `demo --events` does). */
async function generateLog(target: string, events: number): Promise<void> {
  const t = await createTestApp({
    RUN_PROJECTOR: 'false',
    WORKER_REF_SECRET: 'projections-bench-secret-of-32-characters',
  });
  const started = performance.now();
  try {
    await loadDemoCounty(
      t.app.get(CommandBus),
      t.app.get(IngestFeedBatchService),
      t.clock,
      { seed: DEMO_DEFAULT_SEED, enterprises: DEMO_DEFAULT_ENTERPRISES },
    );
    await scaleUp(t.store, t.clock, t.app.get(PersonalDataVault), {
      seed: DEMO_DEFAULT_SEED,
      targetEvents: events,
    });
    await t.app.close();
    if (t.config.eventStore.kind !== 'sqlite')
      throw new Error('the generated log must be SQLite');
    copyFileSync(t.config.eventStore.filename, target);
    copyFileSync(
      join(t.config.dataDir, PERSONAL_DATA_KEYS_FILE),
      join(dirname(target), PERSONAL_DATA_KEYS_FILE),
    );
    console.log(
      `[bench] projections: log generated in ${round((performance.now() - started) / 1000, 1)} s`,
    );
  } finally {
    rmSync(t.config.dataDir, { recursive: true, force: true });
  }
}

/** The raw baseline: every event read by the driver in log order, data and metadata parsed. */
function rawSqliteRead(file: string): { events: number; seconds: number } {
  const db = new Database(file, { readonly: true });
  try {
    const started = performance.now();
    let events = 0;
    const select = db.prepare<[], EventRow>(
      'SELECT global_position, event_id, stream_name, stream_position, type, schema_version, data, metadata FROM events ORDER BY global_position',
    );
    for (const row of select.iterate()) {
      const data = JSON.parse(row.data) as unknown;
      const metadata = JSON.parse(row.metadata) as unknown;
      if (data !== undefined && metadata !== undefined) events++;
    }
    return { events, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

/** The same baseline on PostgreSQL: keyset pages of 10,000 rows (`pg` parses jsonb with JSON.parse). */
async function rawPostgresRead(
  url: string,
): Promise<{ events: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    let events = 0;
    for (let after = '0'; ;) {
      const { rows } = await client.query<{
        global_position: string;
        data: unknown;
        metadata: unknown;
      }>(
        `SELECT global_position, event_id, stream_name, stream_position, type, schema_version, data, metadata
           FROM event_store.events WHERE global_position > $1 ORDER BY global_position LIMIT 10000`,
        [after],
      );
      if (rows.length === 0) break;
      for (const row of rows)
        if (row.data !== undefined && row.metadata !== undefined) events++;
      after = rows[rows.length - 1].global_position;
    }
    return { events, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** Every projector replayed from zero into fresh tables, as `cli rebuild` does it. */
async function rebuild(
  store: EventStore,
  options: DataSourceOptions,
  projectors: Projector[],
  head: bigint,
): Promise<{ events: number; seconds: number }> {
  const scratch = await new DataSource(options).initialize();
  try {
    if (options.type === 'postgres') {
      const tables = await scratch.query<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
      );
      for (const { tablename } of tables)
        await scratch.query(`ALTER TABLE "public"."${tablename}" SET UNLOGGED`);
    }
    const runner = new ProjectionRunner(store, scratch, projectors, {
      batchSize: REBUILD_BATCH,
    });
    const started = performance.now();
    await runner.catchUp(head);
    const seconds = (performance.now() - started) / 1000;
    expect(runner.position()).toBe(head);
    return { events: Number(head), seconds };
  } finally {
    await scratch.destroy();
  }
}

function sqliteScratch(filename: string): DataSourceOptions {
  return {
    ...readModelDataSourceOptions(
      { kind: 'sqlite', filename },
      READ_MODEL_ENTITIES,
    ),
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = OFF');
    },
  } as DataSourceOptions;
}

/** The SQLite log row for row (same positions, ids, hashes) into the PostgreSQL adapter's table. */
async function copyLogToPostgres(
  file: string,
  url: string,
): Promise<{ events: number; seconds: number }> {
  const db = new Database(file, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  let events = 0;
  try {
    const select = db.prepare<[number], EventRow>(
      'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT 2000',
    );
    for (let after = 0; ;) {
      const rows = select.all(after);
      if (rows.length === 0) break;
      const columns = [
        'global_position',
        'event_id',
        'stream_name',
        'stream_position',
        'type',
        'schema_version',
        'data',
        'metadata',
        'prev_hash',
        'hash',
      ] as const;
      await client.query(
        `INSERT INTO event_store.events (${columns.join(', ')})
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::text[], $10::text[])`,
        columns.map((c) => rows.map((row) => row[c])),
      );
      events += rows.length;
      after = rows[rows.length - 1].global_position;
    }
    return { events, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
    db.close();
  }
}
