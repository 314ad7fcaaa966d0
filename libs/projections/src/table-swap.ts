import type { DataSource, EntityManager } from 'typeorm';
import { ProjectionCheckpointEntity } from './projection-checkpoint.entity.js';
import type { ProjectionRunner } from './projection-runner.js';
import type { Projector } from './projector.js';
import { ReadModelVersionEntity } from './read-model-version.entity.js';
import { dialectOf, projectionTransaction } from './row-table.js';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
/** PostgreSQL deadlock_detected: a reader locked the tables in another order; the swap is retried. */
const DEADLOCK = '40P01';

/**
 * Makes the tables that `runner` built in `scratch` the live tables of `projectors`, in one transaction
 * of the live database (docs/decisions/0107-swap-rebuilt-read-models.md), while an api keeps serving:
 *
 * - The scratch tables are first brought to the head of the log, outside any lock.
 * - Then, in one transaction: the live checkpoints of these projectors are locked (a projecting process
 *   waits at its next page), the scratch tables are brought at least to those checkpoints, the live
 *   tables are replaced by them and the checkpoints moved to where the scratch tables are. The version
 *   that built them is recorded.
 * - Readers see the old tables until the commit and the new ones after it, never a table being filled.
 *
 * PostgreSQL: the scratch schema's tables are made LOGGED, then `DROP TABLE` + `ALTER TABLE … SET SCHEMA`
 * (indexes and constraints move with them). SQLite: the scratch file is attached and, in one
 * `BEGIN IMMEDIATE` transaction, each live table is dropped, recreated from the scratch table's own DDL
 * and filled from it. Returns the position each projector's new tables are at.
 */
export async function swapInRebuiltTables(options: {
  live: DataSource;
  scratch: DataSource;
  runner: ProjectionRunner;
  projectors: readonly Projector[];
  now?: () => string;
}): Promise<Map<string, bigint>> {
  const { live, scratch, runner, projectors } = options;
  const now = options.now ?? (() => new Date().toISOString());
  await runner.catchUp();
  const tables = projectors.flatMap((p) =>
    (p.entities as unknown[]).map(
      (entity) => scratch.getMetadata(entity as never).tableName,
    ),
  );
  const swap = async (em: EntityManager): Promise<Map<string, bigint>> => {
    const liveAt = await lockCheckpoints(
      em,
      live,
      projectors.map((p) => p.name),
    );
    await runner.catchUp(liveAt);
    if (dialectOf(live) === 'postgres')
      await replacePostgresTables(em, live, scratch, tables);
    else await replaceSqliteTables(em, tables);
    const reached = new Map(
      projectors.map((p) => [p.name, runner.positionOf(p.name)]),
    );
    const tx = projectionTransaction(live, em);
    await tx.table(ProjectionCheckpointEntity).upsert(
      projectors.map((p) => ({
        projector: p.name,
        position: reached.get(p.name)!.toString(),
        updatedAt: now(),
        failingAt: null,
        error: null,
      })),
    );
    await tx.table(ReadModelVersionEntity).upsert(
      projectors.map((p) => ({
        projector: p.name,
        version: p.version,
        builtAt: now(),
      })),
    );
    return reached;
  };

  if (dialectOf(live) === 'postgres') {
    for (const table of tables)
      await scratch.query(
        `ALTER TABLE ${scratchPath(scratch, table)} SET LOGGED`,
      );
    for (let attempt = 1; ; attempt++) {
      try {
        return await live.transaction(swap);
      } catch (error) {
        if (
          (error as { driverError?: { code?: string } }).driverError?.code !==
            DEADLOCK ||
          attempt >= 5
        )
          throw error;
      }
    }
  }
  const file = (scratch.options as { database: string }).database;
  await live.query(`ATTACH DATABASE ? AS rebuilt`, [file]);
  const queryRunner = live.createQueryRunner();
  try {
    // IMMEDIATE: the write lock is taken now (a projecting process waits for it), not at the first write.
    await queryRunner.query('BEGIN IMMEDIATE');
    try {
      const reached = await swap(queryRunner.manager);
      await queryRunner.query('COMMIT');
      return reached;
    } catch (error) {
      await queryRunner.query('ROLLBACK');
      throw error;
    }
  } finally {
    await queryRunner.release();
    await live.query('DETACH DATABASE rebuilt');
  }
}

/** Locks (creating when absent) the checkpoint rows of `names`; returns the furthest of them. */
async function lockCheckpoints(
  em: EntityManager,
  live: DataSource,
  names: string[],
): Promise<bigint> {
  const metadata = live.getMetadata(ProjectionCheckpointEntity);
  const table = metadata.schema
    ? `${quote(metadata.schema)}.${quote(metadata.tableName)}`
    : quote(metadata.tableName);
  const postgres = dialectOf(live) === 'postgres';
  let furthest = 0n;
  for (const name of names) {
    if (postgres) {
      await em.query(
        `INSERT INTO ${table} (projector, position, "updatedAt") VALUES ($1, '0', $2) ON CONFLICT DO NOTHING`,
        [name, new Date().toISOString()],
      );
    }
    const rows = await em.query<{ position: string }[]>(
      `SELECT position FROM ${table} WHERE projector = ${postgres ? '$1 FOR UPDATE' : '?'}`,
      [name],
    );
    const position = rows.length > 0 ? BigInt(rows[0].position) : 0n;
    if (position > furthest) furthest = position;
  }
  return furthest;
}

function scratchPath(scratch: DataSource, table: string): string {
  return `${quote(schemaOf(scratch))}.${quote(table)}`;
}

function schemaOf(dataSource: DataSource): string {
  return (dataSource.options as { schema?: string }).schema ?? 'public';
}

async function replacePostgresTables(
  em: EntityManager,
  live: DataSource,
  scratch: DataSource,
  tables: string[],
): Promise<void> {
  const liveSchema = quote(schemaOf(live));
  for (const table of tables) {
    await em.query(`DROP TABLE IF EXISTS ${liveSchema}.${quote(table)}`);
    await em.query(
      `ALTER TABLE ${scratchPath(scratch, table)} SET SCHEMA ${liveSchema}`,
    );
  }
}

async function replaceSqliteTables(
  em: EntityManager,
  tables: string[],
): Promise<void> {
  for (const table of tables) {
    // The table first, then its indexes; SQLite's own indexes (sqlite_autoindex_*) have no DDL.
    const ddl = await em.query<{ sql: string }[]>(
      `SELECT sql FROM rebuilt.sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END`,
      [table],
    );
    if (ddl.length === 0)
      throw new Error(`the rebuilt read models have no table ${table}`);
    await em.query(`DROP TABLE IF EXISTS main.${quote(table)}`);
    for (const { sql } of ddl) await em.query(sql);
    await em.query(
      `INSERT INTO main.${quote(table)} SELECT * FROM rebuilt.${quote(table)}`,
    );
  }
}
