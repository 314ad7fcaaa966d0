import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import {
  ConfigError,
  loadAppConfig,
  loadDotEnv,
  type AppConfig,
} from '@app/app-config';
import {
  installGracefulShutdown,
  NEST_BOOT_OPTIONS,
  startupFailure,
  type GracefulShutdown,
} from '@app/observability';
import {
  loadConsumerSettings,
  type ConsumerSettings,
} from './consumer-settings.js';
import { HrFeedConsumerAppModule } from './hr-feed-consumer.module.js';

/**
 * Runs the HR feed Kafka consumer: exit 2 on invalid configuration, 1 when it cannot start or
 * kafkajs gives up, 0 after a graceful stop on SIGTERM/SIGINT (the message in flight is finished
 * and committed before the store closes).
 */
async function bootstrap(): Promise<void> {
  let config: AppConfig;
  let settings: ConsumerSettings;
  try {
    loadDotEnv();
    config = loadAppConfig();
    if (config.hrFeed.transport !== 'kafka') {
      throw new ConfigError([
        'HR_FEED_TRANSPORT must be "kafka" for the hr-feed-consumer (it also makes WORKER_REF_SECRET required)',
      ]);
    }
    settings = loadConsumerSettings();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });

  // onFatal may fire before the hook below is installed: it must find `undefined`, not a `const` in its dead zone.
  // eslint-disable-next-line prefer-const -- see above
  let shutdown: GracefulShutdown | undefined;
  const app = await NestFactory.createApplicationContext(
    HrFeedConsumerAppModule.forRoot({
      config,
      consumer: {
        ...settings,
        onFatal: () => void shutdown?.stop('consumer crashed', 1),
      },
    }),
    NEST_BOOT_OPTIONS,
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.flushLogs();
  // Closing the module stops the consumer after the message in flight is appended and its offset committed.
  shutdown = installGracefulShutdown(app, { logger });
  logger.log(
    `hr-feed-consumer up — brokers ${config.hrFeed.kafkaBrokers.join(',')}, group ${config.hrFeed.kafkaGroupId}, event store ${config.eventStore.kind}, read models ${config.readModels.kind}`,
    'Bootstrap',
  );
}

bootstrap().catch((error: unknown) =>
  startupFailure('hr-feed-consumer', error),
);
