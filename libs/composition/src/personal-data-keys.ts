import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@app/app-config';
import {
  PERSONAL_DATA_KEYS,
  PERSONAL_DATA_KEYS_FILE,
  PostgresPersonalDataKeys,
  SqlitePersonalDataKeys,
  type PersonalDataKeys,
} from '@app/injuries';

/**
 * Where the key table lives (docs/decisions/0230): beside the PostgreSQL log as a table of its own;
 * for KurrentDB, in the read-model PostgreSQL (a KurrentDB stream cannot lose one key for good); else
 * its own SQLite file in DATA_DIR, never the events file.
 */
export async function openPersonalDataKeys(
  config: AppConfig,
): Promise<PersonalDataKeys> {
  if (config.eventStore.kind === 'postgres')
    return PostgresPersonalDataKeys.open(
      config.eventStore.connectionString,
      config.eventStore.schema,
    );
  if (
    config.eventStore.kind === 'kurrentdb' &&
    config.readModels.kind === 'postgres'
  ) {
    return PostgresPersonalDataKeys.open(
      config.readModels.connectionString,
      config.readModels.schema,
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqlitePersonalDataKeys(
    join(config.dataDir, PERSONAL_DATA_KEYS_FILE),
  );
}

/** Closes the key table after everything that reads it has stopped. */
@Injectable()
export class PersonalDataKeysLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeys,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
