import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { configOrExit, loadAppConfig } from '@app/app-config';
import {
  installGracefulShutdown,
  NEST_BOOT_OPTIONS,
  startupFailure,
  useServiceLogger,
} from '@app/observability';
import { ApiModule } from './api.module.js';
import { configureApp } from './configure-app.js';

/** Exit codes, the same for every app: 0 after a graceful stop, 1 when it cannot start or stop, 2 on invalid configuration. */
async function bootstrap(): Promise<void> {
  const config = configOrExit(loadAppConfig);
  mkdirSync(config.dataDir, { recursive: true });
  const app = await NestFactory.create(ApiModule.forRoot({ config }), {
    ...NEST_BOOT_OPTIONS,
    bodyParser: false,
  });
  const logger = useServiceLogger(app);
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
