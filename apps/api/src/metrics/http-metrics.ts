import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
  type NestMiddleware,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { catchError, tap, throwError, type Observable } from 'rxjs';
import { DomainError } from '@app/shared-kernel';
import { RequestValidationException } from '@app/api-conventions';
import { ServiceMetrics } from './service-metrics.js';

/** HTTP request histogram by route pattern (never the raw URL: ids would explode the series). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ServiceMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.metrics.httpDuration.startTimer();
    response.once('finish', () => {
      // Express types the matched route as `any`; only its path is read.
      const matched = request.route as { path?: string } | undefined;
      const route = matched?.path
        ? `${request.baseUrl ?? ''}${String(matched.path)}`
        : 'unmatched';
      stop({
        method: request.method,
        route,
        status: String(response.statusCode),
      });
    });
    next();
  }
}

/** Commands (every HTTP write) by handler and outcome: accepted, rejected (the caller's fault), failed. */
@Injectable()
export class CommandMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: ServiceMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method === 'GET' || request.method === 'HEAD')
      return next.handle();
    const command = `${context.getClass().name.replace(/Controller$/, '')}.${context.getHandler().name}`;
    return next.handle().pipe(
      tap(() => this.metrics.commands.inc({ command, outcome: 'accepted' })),
      catchError((error: unknown) => {
        const rejected =
          error instanceof DomainError ||
          error instanceof RequestValidationException ||
          (error instanceof HttpException && error.getStatus() < 500);
        this.metrics.commands.inc({
          command,
          outcome: rejected ? 'rejected' : 'failed',
        });
        return throwError(() => error);
      }),
    );
  }
}
