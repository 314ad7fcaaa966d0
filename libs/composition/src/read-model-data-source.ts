import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@app/app-config';

/**
 * TypeORM options for the read-model database. Read models are disposable — any of them can be
 * rebuilt from the log — so their schema is synchronised from the entities at boot
 * (docs/decisions/0002-read-model-schema.md).
 */
export function readModelDataSourceOptions(
  config: AppConfig['readModels'],
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[],
): DataSourceOptions {
  if (config.kind === 'postgres') {
    return {
      type: 'postgres',
      url: config.connectionString,
      schema: config.schema,
      entities,
      synchronize: true,
      logging: false,
    };
  }
  return {
    type: 'better-sqlite3',
    database: config.filename,
    entities,
    synchronize: true,
    logging: false,
    // WAL lets the API read while the projector writes; NORMAL is durable enough for a disposable copy.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
    },
  };
}
