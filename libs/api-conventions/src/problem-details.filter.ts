import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { isUnavailable, OutageLog } from '@app/observability';
import {
  DomainError,
  type DomainErrorKind,
  type ErrorDetail,
} from '@app/shared-kernel';
import { problem, type ProblemDetails } from './problem-details.js';
import { RequestValidationException } from './request-validation.js';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  stale: 412,
  'too-large': 413,
  'unsupported-media-type': 415,
};

/** Errors that body-parser raises before a controller runs, by its `type`. */
const BODY_PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.too.large': [
    413,
    'PAYLOAD_TOO_LARGE',
    'The request body is larger than this endpoint accepts',
  ],
  'entity.parse.failed': [
    400,
    'MALFORMED_JSON',
    'The request body is not valid JSON',
  ],
  'encoding.unsupported': [
    415,
    'UNSUPPORTED_ENCODING',
    'The request body encoding is not supported',
  ],
  'charset.unsupported': [
    415,
    'UNSUPPORTED_CHARSET',
    'The request body charset is not supported',
  ],
  'request.aborted': [
    400,
    'REQUEST_ABORTED',
    'The request was aborted before its body arrived',
  ],
};

/** Domain code names a body field plainly (`postsCovered`, `employer.uscc`); clients get JSON pointers. */
function asBodyPointer(detail: ErrorDetail): ErrorDetail {
  if (!/^[A-Za-z_][\w]*(\.[\w]+)*$/.test(detail.path)) return detail;
  return { ...detail, path: `/${detail.path.replace(/\./g, '/')}` };
}

/**
 * The one place where errors become HTTP (docs/conventions.md §7): every answer is RFC 7807 with a stable
 * code. Only an error nobody anticipated is a 500, and it is logged with its stack.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');
  /** A store outage answers 503 and is logged per state change, not per request (docs/decisions/0195). */
  private readonly outage = new OutageLog(this.logger, 'a store');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (isUnavailable(error)) {
      this.outage.failed(error);
      if (response.headersSent) return;
      const body = {
        ...problem(
          503,
          'STORE_UNAVAILABLE',
          'A store is unreachable; retry later',
        ),
        instance: request.originalUrl,
      };
      response
        .status(503)
        .setHeader('Retry-After', '5')
        .type('application/problem+json')
        .send(JSON.stringify(body));
      return;
    }
    const body = {
      ...this.toProblem(error, request),
      instance: request.originalUrl,
    };
    if (body.status >= 500) {
      this.logger.error(
        `${request.method} ${request.path}: ${(error as Error)?.stack ?? String(error)}`,
      );
    }
    if (response.headersSent) return;
    response
      .status(body.status)
      .type('application/problem+json')
      .send(JSON.stringify(body));
  }

  private toProblem(error: unknown, request: Request): ProblemDetails {
    if (error instanceof DomainError) {
      let status = STATUS_BY_KIND[error.kind];
      // A version conflict the caller did not ask to check (no If-Match) is a race, not a stale read.
      if (error.kind === 'stale' && !request.header('if-match')) status = 409;
      return problem(
        status,
        error.code,
        error.message,
        error.details.map(asBodyPointer),
      );
    }
    if (error instanceof RequestValidationException) {
      return problem(
        400,
        'REQUEST_VALIDATION_FAILED',
        'The request is not valid',
        error.errors,
      );
    }
    // The express adapter wraps body-parser's errors in an HttpException whose cause keeps the type.
    const parserType =
      (error as { type?: unknown })?.type ??
      (error as { cause?: { type?: unknown } })?.cause?.type;
    if (typeof parserType === 'string' && BODY_PARSER_ERRORS[parserType]) {
      const [status, code, detail] = BODY_PARSER_ERRORS[parserType];
      return problem(status, code, detail);
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const code =
        status === 404
          ? 'NOT_FOUND'
          : status === 413
            ? 'PAYLOAD_TOO_LARGE'
            : status === 429
              ? 'TOO_MANY_REQUESTS'
              : `HTTP_${status}`;
      const response = error.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : ((response as { message?: string | string[] }).message ??
            error.message);
      return problem(
        status,
        code,
        Array.isArray(detail) ? detail.join('; ') : String(detail),
      );
    }
    return problem(
      500,
      'INTERNAL_ERROR',
      'An unexpected error occurred; it has been logged',
    );
  }
}
