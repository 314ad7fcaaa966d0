import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { Logger, type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadAppConfig, type AppConfig } from '@app/app-config';
import { loadConsumerSettings, type ConsumerSettings } from './consumer-settings.js';
import { HrFeedConsumerAppModule } from './hr-feed-consumer.module.js';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug'];

/**
 * Runs the HR feed Kafka consumer: exit 2 on invalid configuration, 1 when it cannot start or
 * kafkajs gives up, 0 after a graceful stop on SIGTERM/SIGINT (the message in flight is finished
 * and committed before the store closes).
 */
async function bootstrap(): Promise<void> {
  let config: AppConfig;
  let settings: ConsumerSettings;
  try {
    config = loadAppConfig();
    if (config.hrFeed.transport !== 'kafka') {
      throw new ConfigError(['HR_FEED_TRANSPORT must be "kafka" for the hr-feed-consumer (it also makes WORKER_REF_SECRET required)']);
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
  const logger = new Logger('Bootstrap');

  let app: INestApplicationContext | undefined;
  let closing: Promise<void> | undefined;
  const shutdown = (reason: string, code: number): Promise<void> => {
    closing ??= (async () => {
      logger.log(`${reason}: stopping`);
      try {
        await app?.close();
      } catch (error) {
        logger.error(`shutdown failed: ${(error as Error).name}`);
        code = code || 1;
      }
      process.exit(code);
    })();
    return closing;
  };

  app = await NestFactory.createApplicationContext(
    HrFeedConsumerAppModule.forRoot({
      config,
      consumer: { ...settings, onFatal: () => void shutdown('consumer crashed', 1) },
    }),
    { logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1) },
  );
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  logger.log(
    `hr-feed-consumer up — brokers ${config.hrFeed.kafkaBrokers.join(',')}, group ${config.hrFeed.kafkaGroupId}, event store ${config.eventStore.kind}, read models ${config.readModels.kind}`,
  );
}

bootstrap().catch((error: unknown) => {
  const e = error as Error;
  console.error(`hr-feed-consumer failed to start: ${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`);
  process.exit(1);
});
