import type { DataSource } from 'typeorm';
import { canonicalJson } from '@app/event-store';

/** Every row of the given tables, as canonical JSON sorted: two snapshots are equal iff the rows are. */
export type TableSnapshot = Record<string, string[]>;

/**
 * Tables are named by table name or entity class; an entity's table is read in the data source's
 * own schema (a scratch rebuild lives in another schema than the live tables).
 */
export async function snapshotTables(
  dataSource: DataSource,
  tables: readonly unknown[],
): Promise<TableSnapshot> {
  const snapshot: TableSnapshot = {};
  for (const table of tables) {
    const [name, path] =
      typeof table === 'string'
        ? [table, dataSource.driver.escape(table)]
        : (() => {
            const metadata = dataSource.getMetadata(table as never);
            const qualified = metadata.schema
              ? `${dataSource.driver.escape(metadata.schema)}.`
              : '';
            return [
              metadata.tableName,
              `${qualified}${dataSource.driver.escape(metadata.tableName)}`,
            ];
          })();
    const rows = await dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM ${path}`,
    );
    snapshot[name] = rows.map((row) => canonicalJson(normaliseRow(row))).sort();
  }
  return snapshot;
}

/** Differences between two snapshots, one line per table and row that differs. */
export function diffSnapshots(
  live: TableSnapshot,
  rebuilt: TableSnapshot,
): string[] {
  const differences: string[] = [];
  for (const table of new Set([
    ...Object.keys(live),
    ...Object.keys(rebuilt),
  ])) {
    const a = new Set(live[table] ?? []);
    const b = new Set(rebuilt[table] ?? []);
    for (const row of a)
      if (!b.has(row)) differences.push(`${table}: only in live: ${row}`);
    for (const row of b)
      if (!a.has(row)) differences.push(`${table}: only in rebuild: ${row}`);
  }
  return differences;
}

// PostgreSQL and SQLite return booleans, numbers and JSON differently; compare meanings, not drivers.
function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] =
      value instanceof Date
        ? value.toISOString()
        : typeof value === 'bigint'
          ? value.toString()
          : value;
  }
  return out;
}
