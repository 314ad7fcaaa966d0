import { mkdirSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@app/app-config';
import { ServiceModule } from '@app/composition';
import type { Clock } from '@app/shared-kernel';

/**
 * The service as every app composes it (same configuration, DATA_DIR, event store and read
 * models as `npm start`), without HTTP and without running the projector: the CLI only writes and
 * reads the log. Nest logs errors only, on stderr, so stdout stays clean for NDJSON.
 */
export async function bootService(
  config: AppConfig,
  clock?: Clock,
): Promise<INestApplicationContext> {
  if (
    config.eventStore.kind === 'sqlite' ||
    config.readModels.kind === 'sqlite'
  )
    mkdirSync(config.dataDir, { recursive: true });
  return NestFactory.createApplicationContext(
    ServiceModule.forRoot({ config, clock, runProjector: false }),
    { logger: ['error'] },
  );
}
