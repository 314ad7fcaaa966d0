import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadAppConfig } from '@app/app-config';
import { ServiceModule } from '@app/composition';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@app/projections';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug'];
const REPORT_EVERY_MS = 10_000;

/**
 * The projector on its own (RUN_PROJECTOR=false on the api): follows the log and keeps the read
 * models, until SIGTERM or SIGINT stop it after the page in flight.
 */
async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadAppConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (config.readModels.kind === 'sqlite' || config.eventStore.kind === 'sqlite') mkdirSync(config.dataDir, { recursive: true });
  const app = await NestFactory.createApplicationContext(ServiceModule.forRoot({ config, runProjector: true }), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });
  app.enableShutdownHooks();
  await app.init();

  const logger = new Logger('Projector');
  const progress = app.get<ProjectionProgress>(PROJECTION_PROGRESS);
  const store = app.get<EventStore>(EVENT_STORE);
  let reported = -1n;
  const report = async () => {
    const position = progress.position();
    if (position === reported) return;
    reported = position;
    logger.log(`at position ${position} of ${await store.headPosition()}`);
  };
  const timer = setInterval(() => void report().catch(() => undefined), REPORT_EVERY_MS);
  timer.unref();
  logger.log(`running — event store ${config.eventStore.kind}, read models ${config.readModels.kind}`);
  await report();
}

void bootstrap();
