import type { INestApplicationContext, LoggerService } from '@nestjs/common';

export interface GracefulShutdownOptions {
  logger: LoggerService;
  /** After this long the process exits anyway (code 1); SHUTDOWN_TIMEOUT_MS, default 15 s. */
  timeoutMs?: number;
  /** Runs first, before Nest closes modules (e.g. stop taking new HTTP connections). */
  beforeClose?: () => void | Promise<void>;
}

export interface GracefulShutdown {
  /** Starts the same stop a signal starts (used when a component gives up on its own). */
  stop(reason: string, code: number): Promise<void>;
}

/**
 * One stop sequence for every app (docs/decisions/0191-graceful-shutdown.md): on the first SIGTERM
 * or SIGINT stop taking work, let in-flight requests, pages and batches finish, commit Kafka offsets
 * of what was appended, close the stores (Nest's shutdown hooks do those in module order), then
 * exit 0. A second signal, or the timeout, exits 1 at once. Every app exits with the same codes.
 */
export function installGracefulShutdown(
  app: INestApplicationContext,
  options: GracefulShutdownOptions,
): GracefulShutdown {
  const timeoutMs =
    options.timeoutMs ?? Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 15_000);
  let closing: Promise<void> | undefined;
  const stop = (reason: string, code: number): Promise<void> => {
    if (closing) return closing;
    closing = (async () => {
      options.logger.log(
        `${reason}: stopping (in-flight work finishes, at most ${timeoutMs} ms)`,
        'Shutdown',
      );
      const timer = setTimeout(() => {
        options.logger.error(
          `still stopping after ${timeoutMs} ms: exiting`,
          undefined,
          'Shutdown',
        );
        process.exit(1);
      }, timeoutMs);
      timer.unref();
      try {
        await options.beforeClose?.();
        await app.close();
        options.logger.log('stopped', 'Shutdown');
      } catch (error) {
        options.logger.error(
          `stop failed: ${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`,
          undefined,
          'Shutdown',
        );
        code = code || 1;
      }
      process.exit(code);
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      options.logger.warn(`${signal} again: exiting now`, 'Shutdown');
      process.exit(1);
    }
    void stop(signal, 0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return { stop };
}

/**
 * Options of NestFactory for every app: logs wait in a buffer until the app's own logger takes them
 * (call `app.flushLogs()` after `useLogger`), and a failure while the modules are created is thrown to
 * `startupFailure` instead of Nest printing it with its stack and aborting. Without this a wrong database
 * password ended in a stack dump per retry (docs/decisions/0200-startup-failure-in-one-line.md).
 */
export const NEST_BOOT_OPTIONS = {
  bufferLogs: true,
  autoFlushLogs: false,
  abortOnError: false,
} as const;

/**
 * A process that cannot start (a store refusing the password, a broker unreachable) says why in one
 * line and exits 1; the stack is only useful to a developer, so it waits for LOG_LEVEL=debug.
 */
export function startupFailure(service: string, error: unknown): never {
  const e = error as Error & { code?: unknown };
  // pg names its errors "error"; the SQLSTATE (28P01 wrong password, 3D000 no such database) says more.
  const code = typeof e?.code === 'string' ? ` [${e.code}]` : '';
  const line = `${service} failed to start: ${e?.name ?? 'Error'}${code}: ${e?.message ?? String(error)}`;
  console.error(
    process.env.LOG_LEVEL === 'debug' && e?.stack
      ? `${line}\n${e.stack}`
      : line,
  );
  process.exit(1);
}
