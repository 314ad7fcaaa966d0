import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** Hands the booted app's logging to the service logger (pino), with what Nest buffered meanwhile. */
export function useServiceLogger(app: INestApplicationContext): Logger {
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.flushLogs();
  return logger;
}
