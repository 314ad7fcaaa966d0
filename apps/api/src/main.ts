import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
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
} from '@app/observability';
import { ApiModule } from './api.module.js';
import { configureApp } from './configure-app.js';

/** Exit codes, the same for every app: 0 after a graceful stop, 1 when it cannot start or stop, 2 on invalid configuration. */
async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    loadDotEnv();
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
    ...NEST_BOOT_OPTIONS,
    bodyParser: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.flushLogs();
  configureApp(app);
  installGracefulShutdown(app, {
    logger,
    // Stop accepting connections first; requests in flight finish before the stores close.
    beforeClose: () => stopAccepting(app.getHttpServer() as Server),
  });
  await app.listen(config.port, '0.0.0.0');
  const { port } = (app.getHttpServer() as Server).address() as {
    port: number;
  };
  logger.log(
    `listening on :${port} — event store ${config.eventStore.kind}, read models ${config.readModels.kind}, data in ${config.dataDir}`,
    'Bootstrap',
  );
}

/** Resolves once every request in flight has been answered; keep-alive connections are closed as they go idle. */
function stopAccepting(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(idle);
      resolve();
    });
  });
}

bootstrap().catch((error: unknown) => startupFailure('api', error));
