import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type LevelWithSilent } from 'pino';
import { redactObject, scrubText } from './redaction.js';
import { principalOf } from '@app/access';

export type LogLevelSetting = 'error' | 'warn' | 'log' | 'debug';

const PINO_LEVEL: Record<LogLevelSetting, LevelWithSilent> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
};

/** The header that carries a correlation id in and out; commands copy it into event metadata. */
export const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[\w.:-]{1,100}$/;

/** Probes and scrapes would drown the access log: they are logged only at debug. */
const QUIET_PATHS = /^\/(health\/(live|ready)|metrics)(\?|$)/;

export interface LoggingOptions {
  /** Which process writes the line (api, projector, hr-feed-consumer). */
  service: string;
  level: LogLevelSetting;
  /** Where lines go; stdout when absent. Tests pass a capturing stream. */
  destination?: DestinationStream;
  /** Human-readable lines; default: only when stdout is a terminal and LOG_FORMAT is not json. */
  pretty?: boolean;
}

/** Every line passes through here, after serialisation, so nothing shaped like an ID number leaves. */
export function scrubbingStream(target: DestinationStream): DestinationStream {
  return { write: (line: string) => target.write(scrubText(line)) };
}

function defaultDestination(pretty: boolean): DestinationStream {
  if (pretty) {
    try {
      // pino-pretty is a dev dependency: the production image has none and keeps JSON.
      const require = createRequire(import.meta.url);
      const prettyFactory = require('pino-pretty') as (
        options: object,
      ) => DestinationStream;
      return prettyFactory({
        colorize: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,service',
      });
    } catch {
      // fall through to JSON
    }
  }
  // Synchronous writes: a line logged just before a crash or SIGKILL is not lost in a buffer.
  return pino.destination({ dest: 1, sync: true });
}

/** pino options shared by HTTP and non-HTTP processes (exported for tests and the CLI). */
export function pinoOptions(options: LoggingOptions): pino.LoggerOptions {
  return {
    level: PINO_LEVEL[options.level],
    base: { service: options.service, pid: process.pid },
    // UTC with milliseconds, whatever the host's zone.
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactObject(object) as Record<string, unknown>,
    },
    serializers: {
      err: pino.stdSerializers.err,
    },
  };
}

function correlationId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[CORRELATION_HEADER];
  const id =
    typeof given === 'string' && CORRELATION_ID.test(given)
      ? given
      : randomUUID();
  // The command path reads the same header, so events and log lines share one id.
  req.headers[CORRELATION_HEADER] = id;
  res.setHeader('X-Correlation-Id', id);
  return id;
}

/**
 * nestjs-pino for every app: JSON lines on stdout (pretty only on a terminal), LOG_LEVEL honoured,
 * one access-log line per request, the request's correlation id on every line logged while it is
 * served, personal data and credentials redacted (docs/decisions/0190-structured-logs.md).
 */
export function loggingModule(options: LoggingOptions): DynamicModule {
  const pretty =
    options.pretty ??
    (process.stdout.isTTY === true && process.env.LOG_FORMAT !== 'json');
  const destination = scrubbingStream(
    options.destination ?? defaultDestination(pretty),
  );
  return LoggerModule.forRoot({
    pinoHttp: [
      {
        ...pinoOptions(options),
        genReqId: correlationId,
        customAttributeKeys: { reqId: 'correlationId' },
        quietReqLogger: true,
        wrapSerializers: false,
        customLogLevel: (req, res, error) => {
          // 503 is an outage the service reports as designed (logged once by OutageLog), not a bug.
          if (res.statusCode === 503) return 'warn';
          if (error || res.statusCode >= 500) return 'error';
          if (res.statusCode >= 400) return 'warn';
          return QUIET_PATHS.test(req.url ?? '') ? 'debug' : 'info';
        },
        customSuccessMessage: (req, res, ms) =>
          `${req.method} ${req.url} ${res.statusCode} ${Math.round(ms)}ms`,
        customErrorMessage: (req, res) =>
          `${req.method} ${req.url} ${res.statusCode}`,
        // pino-http invents an Error ("failed with status code 5xx") with its own stack for 5xx answers:
        // the real error is logged where it is handled, so the access line keeps only the status.
        customErrorObject: (
          _req,
          _res,
          error,
          value: Record<string, unknown>,
        ) =>
          /^failed with status code \d+$/.test(error?.message ?? '')
            ? { ...value, err: undefined }
            : value,
        serializers: {
          // Only what an operator needs; headers (tokens, cookies) and bodies (narratives) are never logged.
          req: (req: IncomingMessage & { originalUrl?: string }) => ({
            method: req.method,
            url: req.originalUrl ?? req.url,
            // The verified token subject; the Authorization header itself is never logged.
            actor: principalOf(req as never)?.sub,
            userAgent: req.headers?.['user-agent'],
            remoteAddress: req.socket?.remoteAddress,
          }),
          res: (res: { statusCode?: number }) => ({
            statusCode: res.statusCode,
          }),
          err: pino.stdSerializers.err,
        },
      },
      destination,
    ],
  });
}
