import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@app/app-config';
import type { EventStore } from '@app/event-store';
import { isUnavailable } from '@app/observability';
import {
  diffSnapshots,
  type ProjectionProgress,
  ProjectionRunner,
  type Projector,
  snapshotTables,
  swapInRebuiltTables,
} from '@app/projections';
import { readModelDataSourceOptions } from './read-model-data-source.js';

export interface RebuildComparison {
  identical: boolean;
  /** Global position both sides were compared at. */
  position: number;
  tables: string[];
  differences: string[];
  /** How many projectors were rebuilt. */
  projectors: number;
  /** Events of the log up to `position`. */
  events: number;
  /** Wall time of the replay into the scratch tables. */
  seconds: number;
  eventsPerSecond: number;
  /** The head of the log before and after: a rebuild never writes to the log. */
  logHeadBefore: string;
  logHeadAfter: string;
  /**
   * The lowest checkpoint of the live projectors when the comparison started; below `logHeadBefore`
   * when nothing was projecting and the command caught the live read models up itself.
   */
  liveCaughtUpFrom: string;
  /** With `swap`: the position the rebuilt tables were at when they went live (the lowest of them). */
  swappedAt?: string;
}

/**
 * Replays the log into fresh tables (a scratch SQLite file with synchronous=OFF, or a scratch PostgreSQL
 * schema of UNLOGGED tables: both disposable) and compares them row by row with the live read models,
 * once the live projectors have reached the same position. Only projectors run: process managers append
 * to the log and a rebuild never writes to it, which the log head before and after proves. The scratch
 * copy is dropped afterwards.
 */
export async function compareRebuildWithLive(options: {
  store: EventStore;
  live: DataSource;
  liveRunner: ProjectionProgress;
  projectors: readonly Projector[];
  config: AppConfig['readModels'];
  scratchDir: string;
  scratchName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  entities: Function[];
  /**
   * When no process is bringing the live read models to the head, bring them there with the same
   * projectors (never the process managers: the log is not written), as apps/projector would.
   */
  catchUpLive?: boolean;
  /**
   * After comparing, make the rebuilt tables the live ones, in one transaction, while readers keep
   * reading (docs/decisions/0107).
   */
  swap?: boolean;
}): Promise<RebuildComparison> {
  const {
    store,
    live,
    liveRunner,
    projectors,
    config,
    scratchDir,
    scratchName,
    entities,
  } = options;
  const head = await store.headPosition();
  const names = projectors.map((p) => p.name);
  const liveCaughtUpFrom = liveRunner.position(names);
  if (options.catchUpLive)
    await catchUpLiveReadModels(store, live, liveRunner, projectors, head);
  if (!(await liveRunner.waitFor(head, 30_000, names))) {
    throw new Error(
      `live read models did not reach position ${head} within 30 s: the live projectors run in apps/api (embedded default) or apps/projector; start one on this store, let it catch up, then compare again`,
    );
  }
  const { scratch, drop } = await openScratch(
    live,
    config,
    scratchDir,
    scratchName,
    entities,
  );
  try {
    const rebuilt = new ProjectionRunner(store, scratch, projectors, {
      batchSize: 1000,
    });
    const started = performance.now();
    await rebuilt.catchUp(head);
    const seconds = (performance.now() - started) / 1000;
    const owned = projectors.flatMap(
      (projector) => projector.entities as unknown[],
    );
    const liveRows = await snapshotTables(live, owned);
    const differences = diffSnapshots(
      liveRows,
      await snapshotTables(scratch, owned),
    );
    const events = await countEventsUpTo(store, head);
    const headAfter = await store.headPosition();
    if (headAfter !== head)
      differences.unshift(
        `log head moved from ${head} to ${headAfter} during the rebuild`,
      );
    let swappedAt: bigint | undefined;
    if (options.swap) {
      const reached = await swapInRebuiltTables({
        live,
        scratch,
        runner: rebuilt,
        projectors,
      });
      swappedAt = [...reached.values()].reduce((a, b) => (b < a ? b : a));
    }
    return {
      identical: differences.length === 0,
      position: Number(head),
      tables: Object.keys(liveRows),
      differences: differences.slice(0, 100),
      projectors: projectors.length,
      events,
      seconds: Math.round(seconds * 1000) / 1000,
      eventsPerSecond: Math.round(events / Math.max(seconds, 1e-6)),
      logHeadBefore: head.toString(),
      logHeadAfter: headAfter.toString(),
      liveCaughtUpFrom: liveCaughtUpFrom.toString(),
      ...(swappedAt !== undefined ? { swappedAt: swappedAt.toString() } : {}),
    };
  } finally {
    await drop();
  }
}

/**
 * A disposable copy of the read-model tables, created empty from the entities: a scratch SQLite file
 * in `scratchDir` with synchronous=OFF, or a scratch PostgreSQL schema of UNLOGGED tables. `drop()`
 * removes whatever is left of it (tables swapped in have moved out).
 */
export async function openScratch(
  live: DataSource,
  config: AppConfig['readModels'],
  scratchDir: string,
  scratchName: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  entities: Function[],
): Promise<{ scratch: DataSource; drop: () => Promise<void> }> {
  const scratchConfig: AppConfig['readModels'] =
    config.kind === 'postgres'
      ? { ...config, schema: scratchName }
      : { kind: 'sqlite', filename: join(scratchDir, `${scratchName}.sqlite`) };
  if (scratchConfig.kind === 'postgres')
    await live.query(`CREATE SCHEMA IF NOT EXISTS "${scratchName}"`);
  const scratch = await new DataSource(
    scratchDataSourceOptions(scratchConfig, entities),
  ).initialize();
  const drop = async () => {
    if (scratch.isInitialized) await scratch.destroy();
    if (scratchConfig.kind === 'postgres')
      await live.query(`DROP SCHEMA IF EXISTS "${scratchName}" CASCADE`);
    else
      for (const suffix of ['', '-wal', '-shm'])
        rmSync(`${scratchConfig.filename}${suffix}`, { force: true });
  };
  try {
    if (scratchConfig.kind === 'postgres') {
      // Disposable until swapped in or dropped: no WAL for the bulk of a rebuild.
      const tables = await scratch.query<{ tablename: string }[]>(
        `SELECT tablename FROM pg_tables WHERE schemaname = $1`,
        [scratchName],
      );
      for (const { tablename } of tables)
        await scratch.query(
          `ALTER TABLE "${scratchName}"."${tablename}" SET UNLOGGED`,
        );
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { scratch, drop };
}

/** How long the live checkpoints may stand still below the head before the command projects itself. */
const IDLE_BEFORE_CATCHING_UP_MS = 3_000;

/**
 * Brings the live read models of `projectors` to `head` (docs/decisions/0106). A process already
 * projecting (the api, apps/projector) is left to do it while its checkpoints move; once they stand
 * still below the head, the live projectors are run here on the live tables, each page in one
 * transaction with its checkpoint, exactly as in a projecting process. A process that starts projecting
 * meanwhile does no harm: every page re-reads its checkpoint inside its transaction.
 */
async function catchUpLiveReadModels(
  store: EventStore,
  live: DataSource,
  progress: ProjectionProgress,
  projectors: readonly Projector[],
  head: bigint,
): Promise<void> {
  const names = projectors.map((p) => p.name);
  for (let seen = progress.position(names); ;) {
    if (await progress.waitFor(head, IDLE_BEFORE_CATCHING_UP_MS, names)) return;
    const now = progress.position(names);
    if (now === seen) break;
    seen = now;
  }
  const runner = new ProjectionRunner(store, live, projectors, {
    batchSize: 1000,
    isTransient: isUnavailable,
    retryBaseMs: 50,
  });
  await runner.start();
  try {
    while (!(await runner.waitFor(head, 1_000))) {
      const parked = runner.status().find((s) => s.state === 'failing');
      if (parked)
        throw new Error(
          `live projector ${parked.name} failed at position ${parked.failingAt}: ${parked.error}`,
        );
    }
  } finally {
    await runner.stop();
  }
}

/** The read-model options for a scratch copy: on SQLite without fsync (a crash only loses the copy). */
function scratchDataSourceOptions(
  config: AppConfig['readModels'],
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  entities: Function[],
): DataSourceOptions {
  const options = readModelDataSourceOptions(config, entities);
  if (options.type !== 'better-sqlite3') return options;
  return {
    ...options,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = OFF');
    },
  };
}

async function countEventsUpTo(
  store: EventStore,
  head: bigint,
): Promise<number> {
  let count = 0;
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, limit: 10_000 });
    for (const event of page) if (event.globalPosition <= head) count++;
    if (page.length < 10_000 || page[page.length - 1].globalPosition >= head)
      return count;
    after = page[page.length - 1].globalPosition;
  }
}
