import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { ConfigError, configOrExit, loadAppConfig } from '@app/app-config';
import {
  installGracefulShutdown,
  NEST_BOOT_OPTIONS,
  startupFailure,
  useServiceLogger,
  type GracefulShutdown,
} from '@app/observability';
import { loadConsumerSettings } from './consumer-settings.js';
import { HrFeedConsumerAppModule } from './hr-feed-consumer.module.js';

/**
 * Runs the HR feed Kafka consumer: exit 2 on invalid configuration, 1 when it cannot start or
 * kafkajs gives up, 0 after a graceful stop on SIGTERM/SIGINT (the message in flight is finished
 * and committed before the store closes).
 */
async function bootstrap(): Promise<void> {
  const { config, settings } = configOrExit(() => {
    const config = loadAppConfig();
    if (config.hrFeed.transport !== 'kafka') {
      throw new ConfigError([
        'HR_FEED_TRANSPORT must be "kafka" for the hr-feed-consumer (it also makes WORKER_REF_SECRET required)',
      ]);
    }
    return { config, settings: loadConsumerSettings() };
  });
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
  const logger = useServiceLogger(app);
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
