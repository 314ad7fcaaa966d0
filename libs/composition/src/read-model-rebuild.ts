import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/app-config';
import type { EventStore } from '@app/event-store';
import { diffSnapshots, ProjectionRunner, type Projector, snapshotTables } from '@app/projections';
import { readModelDataSourceOptions } from './read-model-data-source.js';

export interface RebuildComparison {
  identical: boolean;
  /** Global position both sides were compared at. */
  position: number;
  tables: string[];
  differences: string[];
}

/**
 * Replays the whole log into fresh tables (a scratch SQLite file, or a scratch PostgreSQL schema)
 * and compares them row by row with the live read models, once the live projector has reached the
 * same position. The scratch copy is dropped afterwards.
 */
export async function compareRebuildWithLive(options: {
  store: EventStore;
  live: DataSource;
  liveRunner: ProjectionRunner;
  projectors: readonly Projector[];
  config: AppConfig['readModels'];
  scratchDir: string;
  scratchName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
}): Promise<RebuildComparison> {
  const { store, live, liveRunner, projectors, config, scratchDir, scratchName, entities } = options;
  const head = await store.headPosition();
  if (!(await liveRunner.waitFor(head, 30_000))) {
    throw new Error(`live read models did not reach position ${head} within 30 s`);
  }
  const scratchConfig: AppConfig['readModels'] =
    config.kind === 'postgres'
      ? { ...config, schema: scratchName }
      : { kind: 'sqlite', filename: join(scratchDir, `${scratchName}.sqlite`) };
  if (scratchConfig.kind === 'postgres') {
    await live.query(`CREATE SCHEMA IF NOT EXISTS "${scratchName}"`);
  }
  const scratch = await new DataSource(readModelDataSourceOptions(scratchConfig, entities)).initialize();
  try {
    const rebuilt = new ProjectionRunner(store, scratch, projectors, { batchSize: 1000 });
    await rebuilt.catchUp();
    const owned = projectors.flatMap((projector) => projector.entities as unknown[]);
    const liveRows = await snapshotTables(live, owned);
    const differences = diffSnapshots(liveRows, await snapshotTables(scratch, owned));
    return { identical: differences.length === 0, position: Number(head), tables: Object.keys(liveRows), differences: differences.slice(0, 100) };
  } finally {
    await scratch.destroy();
    if (scratchConfig.kind === 'postgres') {
      await live.query(`DROP SCHEMA IF EXISTS "${scratchName}" CASCADE`);
    } else {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${scratchConfig.filename}${suffix}`, { force: true });
    }
  }
}
