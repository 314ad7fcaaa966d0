import type { DataSource } from 'typeorm';
import { canonicalJson } from '@app/event-store';

/** Every row of the given tables, as canonical JSON sorted: two snapshots are equal iff the rows are. */
export type TableSnapshot = Record<string, string[]>;

export async function snapshotTables(dataSource: DataSource, tables: readonly string[]): Promise<TableSnapshot> {
  const snapshot: TableSnapshot = {};
  for (const table of tables) {
    const rows = (await dataSource.query(`SELECT * FROM ${dataSource.driver.escape(table)}`)) as Record<string, unknown>[];
    snapshot[table] = rows.map((row) => canonicalJson(normaliseRow(row))).sort();
  }
  return snapshot;
}

/** Table names owned by the given projectors, as TypeORM knows them. */
export function tablesOf(dataSource: DataSource, entities: readonly unknown[]): string[] {
  return entities.map((entity) => dataSource.getMetadata(entity as never).tableName);
}

/** Differences between two snapshots, one line per table and row that differs. */
export function diffSnapshots(live: TableSnapshot, rebuilt: TableSnapshot): string[] {
  const differences: string[] = [];
  for (const table of new Set([...Object.keys(live), ...Object.keys(rebuilt)])) {
    const a = new Set(live[table] ?? []);
    const b = new Set(rebuilt[table] ?? []);
    for (const row of a) if (!b.has(row)) differences.push(`${table}: only in live: ${row}`);
    for (const row of b) if (!a.has(row)) differences.push(`${table}: only in rebuild: ${row}`);
  }
  return differences;
}

// PostgreSQL and SQLite return booleans, numbers and JSON differently; compare meanings, not drivers.
function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value;
  }
  return out;
}
