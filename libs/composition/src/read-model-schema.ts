import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/app-config';
import type { EventStore } from '@app/event-store';
import {
  ProjectionCheckpointEntity,
  ProjectionRunner,
  type Projector,
  ReadModelVersionEntity,
  swapInRebuiltTables,
} from '@app/projections';
import { openScratch } from './read-model-rebuild.js';

/**
 * Blue/green read models (docs/decisions/0108-blue-green-read-model-versions.md).
 *
 * At boot, before anything reads: a fresh database gets every table; otherwise missing tables are
 * created and the tables that are not a projector's (checkpoints, versions, idempotency records, process
 * managers' state) are synchronised from their entities as before. A projector's live table is never
 * altered in place: `upgradeReadModels` builds a changed projector beside it and swaps it in.
 */
export async function prepareReadModelSchema(
  live: DataSource,
  projectors: readonly Projector[],
): Promise<void> {
  const existing = await tablesOf(live);
  const metadatas = live.entityMetadatas.filter(
    (m) => m.tableType === 'regular',
  );
  if (!metadatas.some((m) => existing.has(m.tableName))) {
    await live.synchronize();
    return;
  }
  const projected = new Set(
    projectors.flatMap((p) =>
      (p.entities as unknown[]).map(
        (e) => live.getMetadata(e as never).tableName,
      ),
    ),
  );
  const others = metadatas
    .filter((m) => !projected.has(m.tableName) || !existing.has(m.tableName))
    .map((m) => m.target as never);
  if (others.length === 0) return;
  const sync = await new DataSource({
    ...live.options,
    entities: others,
    synchronize: true,
  }).initialize();
  await sync.destroy();
}

/**
 * For a process that runs the projectors, before their loops start: every projector whose recorded
 * version differs from its code's `version`, or whose live tables lack or have columns its entities do
 * not, is replayed from the log into scratch tables beside the live ones — which keep serving — and
 * swapped in once caught up. A projector that has never run just has its version recorded. Returns
 * what was rebuilt and why.
 */
export async function upgradeReadModels(options: {
  store: EventStore;
  live: DataSource;
  projectors: readonly Projector[];
  config: AppConfig['readModels'];
  scratchDir: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  entities: Function[];
  log: (message: string) => void;
}): Promise<{ projector: string; reason: string }[]> {
  const { store, live, projectors, log } = options;
  const versions = new Map(
    (await live.getRepository(ReadModelVersionEntity).find()).map((r) => [
      r.projector,
      r.version,
    ]),
  );
  const checkpoints = new Map(
    (await live.getRepository(ProjectionCheckpointEntity).find()).map((r) => [
      r.projector,
      BigInt(r.position),
    ]),
  );
  const stale: { projector: Projector; reason: string }[] = [];
  const fresh: Projector[] = [];
  for (const projector of projectors) {
    const recorded = versions.get(projector.name);
    const shape = await shapeDifference(live, projector);
    if (recorded === projector.version && shape === undefined) continue;
    if (
      recorded === undefined &&
      shape === undefined &&
      (checkpoints.get(projector.name) ?? 0n) === 0n
    ) {
      fresh.push(projector);
      continue;
    }
    const version =
      recorded === undefined
        ? 'no recorded version'
        : recorded === projector.version
          ? `version ${recorded}`
          : `version ${recorded} → ${projector.version}`;
    stale.push({
      projector,
      reason: shape === undefined ? version : `${version}, ${shape}`,
    });
  }
  if (fresh.length > 0) {
    const builtAt = new Date().toISOString();
    await live
      .getRepository(ReadModelVersionEntity)
      .save(
        fresh.map((p) => ({ projector: p.name, version: p.version, builtAt })),
      );
  }
  if (stale.length === 0) return [];

  const building = stale.map((s) => s.projector);
  for (const { projector, reason } of stale)
    log(
      `${projector.name}: building version ${projector.version} beside the live tables (${reason})`,
    );
  const started = performance.now();
  const { scratch, drop } = await openScratch(
    live,
    options.config,
    options.scratchDir,
    `upgrade_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
    options.entities,
  );
  try {
    const runner = new ProjectionRunner(store, scratch, building, {
      batchSize: 1000,
    });
    const reached = await swapInRebuiltTables({
      live,
      scratch,
      runner,
      projectors: building,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    for (const projector of building)
      log(
        `${projector.name}: version ${projector.version} is live at position ${reached.get(projector.name)} (built in ${seconds} s)`,
      );
  } finally {
    await drop();
  }
  return stale.map((s) => ({ projector: s.projector.name, reason: s.reason }));
}

/** How a projector's live tables differ from its entities (column names), or undefined when they do not. */
async function shapeDifference(
  live: DataSource,
  projector: Projector,
): Promise<string | undefined> {
  const differences: string[] = [];
  for (const entity of projector.entities as unknown[]) {
    const metadata = live.getMetadata(entity as never);
    const actual = await columnsOf(live, metadata.tableName);
    if (actual.size === 0) {
      differences.push(`table ${metadata.tableName} is missing`);
      continue;
    }
    const expected = new Set(metadata.columns.map((c) => c.databaseName));
    const added = [...expected].filter((c) => !actual.has(c));
    const removed = [...actual].filter((c) => !expected.has(c));
    if (added.length > 0)
      differences.push(`${metadata.tableName} gains ${added.join(', ')}`);
    if (removed.length > 0)
      differences.push(`${metadata.tableName} loses ${removed.join(', ')}`);
  }
  return differences.length > 0 ? differences.join('; ') : undefined;
}

function schemaOf(live: DataSource): string {
  return (live.options as { schema?: string }).schema ?? 'public';
}

async function tablesOf(live: DataSource): Promise<Set<string>> {
  const rows =
    live.options.type === 'postgres'
      ? await live.query<{ name: string }[]>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1`,
          [schemaOf(live)],
        )
      : await live.query<{ name: string }[]>(
          `SELECT name FROM sqlite_master WHERE type = 'table'`,
        );
  return new Set(rows.map((r) => r.name));
}

async function columnsOf(
  live: DataSource,
  table: string,
): Promise<Set<string>> {
  const rows =
    live.options.type === 'postgres'
      ? await live.query<{ name: string }[]>(
          `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
          [schemaOf(live), table],
        )
      : await live.query<{ name: string }[]>(
          `SELECT name FROM pragma_table_info(?)`,
          [table],
        );
  return new Set(rows.map((r) => r.name));
}
