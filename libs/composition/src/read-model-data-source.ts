import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@app/app-config';

/**
 * TypeORM options for a read-model database. Read models are disposable — any of them can be rebuilt
 * from the log. A scratch copy (empty) is synchronised from the entities; the live database is not
 * (`synchronize: false`): its schema is prepared at boot without ever altering a projector's live table,
 * and a projector whose tables change is built beside them and swapped in
 * (docs/decisions/0108-blue-green-read-model-versions.md).
 */
export function readModelDataSourceOptions(
  config: AppConfig['readModels'],
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  entities: Function[],
  { synchronize = true }: { synchronize?: boolean } = {},
): DataSourceOptions {
  if (config.kind === 'postgres') {
    return {
      type: 'postgres',
      url: config.connectionString,
      schema: config.schema,
      entities,
      synchronize,
      logging: false,
    };
  }
  return {
    type: 'better-sqlite3',
    database: config.filename,
    entities,
    synchronize,
    logging: false,
    // WAL lets the API read while the projector writes; NORMAL is durable enough for a disposable copy.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
    },
  };
}
