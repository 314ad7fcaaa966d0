import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configOrExit, loadAppConfig, type AppConfig } from '@app/app-config';
import { ServiceModule } from '@app/composition';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  installGracefulShutdown,
  loggingModule,
  NEST_BOOT_OPTIONS,
  startupFailure,
  useServiceLogger,
} from '@app/observability';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@app/projections';

const REPORT_EVERY_MS = 10_000;

@Module({})
class ProjectorAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        loggingModule({ service: 'projector', level: config.logLevel }),
        ServiceModule.forRoot({ config, runProjector: true }),
      ],
    };
  }
}

/**
 * The projector on its own (RUN_PROJECTOR=false on the api): follows the log and keeps the read
 * models, until SIGTERM or SIGINT stop it after the page in flight (exit 0).
 */
async function bootstrap(): Promise<void> {
  const config = configOrExit(loadAppConfig);
  if (
    config.readModels.kind === 'sqlite' ||
    config.eventStore.kind === 'sqlite'
  )
    mkdirSync(config.dataDir, { recursive: true });
  const app = await NestFactory.createApplicationContext(
    ProjectorAppModule.forRoot(config),
    NEST_BOOT_OPTIONS,
  );
  const logger = useServiceLogger(app);
  installGracefulShutdown(app, { logger });
  await app.init();

  const progress = app.get<ProjectionProgress>(PROJECTION_PROGRESS);
  const store = app.get<EventStore>(EVENT_STORE);
  let reported = -1n;
  const report = async () => {
    const position = progress.position();
    if (position === reported) return;
    reported = position;
    logger.log(
      `at position ${position} of ${await store.headPosition()}`,
      'Projector',
    );
  };
  const timer = setInterval(
    () => void report().catch(() => undefined),
    REPORT_EVERY_MS,
  );
  timer.unref();
  logger.log(
    `running — event store ${config.eventStore.kind}, read models ${config.readModels.kind}`,
    'Projector',
  );
  await report();
}

bootstrap().catch((error: unknown) => startupFailure('projector', error));
