import { DataSource, type DataSourceOptions } from 'typeorm';

/** A read-model database in memory holding these tables (SQLite, as the embedded default), for projector specs. */
export function inMemoryReadModels(
  entities: NonNullable<DataSourceOptions['entities']>,
): Promise<DataSource> {
  return new DataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    entities,
    synchronize: true,
  }).initialize();
}
