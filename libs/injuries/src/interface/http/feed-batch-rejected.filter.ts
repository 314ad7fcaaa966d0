import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { problem } from '@app/api-conventions';
import type { ErrorDetail } from '@app/shared-kernel';

/**
 * A whole HR batch refused before any record is read: too many records (413 FEED_BATCH_TOO_LARGE),
 * a media type that is neither JSON nor CSV (415), a CSV header that cannot be read (400). An
 * HTTP-level outcome of the interface layer, so it is mapped here rather than by a domain error kind.
 */
export class FeedBatchRejectedError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
    readonly errors: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

@Catch(FeedBatchRejectedError)
export class FeedBatchRejectedFilter implements ExceptionFilter {
  catch(error: FeedBatchRejectedError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = { ...problem(error.status, error.code, error.message, error.errors), instance: request.originalUrl };
    response.status(error.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
