import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadAppConfig } from '@app/app-config';
import { ApiModule } from './api.module.js';
import { configureApp } from './configure-app.js';

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
  mkdirSync(config.dataDir, { recursive: true });
  const app = await NestFactory.create(ApiModule.forRoot({ config }), {
    bodyParser: false,
    logger: ['error', 'warn', 'log', 'debug'].slice(0, ['error', 'warn', 'log', 'debug'].indexOf(config.logLevel) + 1) as never,
  });
  configureApp(app);
  await app.listen(config.port, '0.0.0.0');
  new Logger('Bootstrap').log(
    `listening on :${config.port} — event store ${config.eventStore.kind}, read models ${config.readModels.kind}, data in ${config.dataDir}`,
  );
}

void bootstrap();
