import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { PROJECTION_PROGRESS, type ProjectionProgress } from '@app/projections';
import { RuleViolation } from '@app/shared-kernel';
import { READ_MODELS_KEY } from './read-models.decorator.js';

/** Longest a read waits for `minPosition` (docs/http-api.md: bounded, ≤ 5 s). */
export const MAX_READ_YOUR_WRITES_WAIT_MS = 5_000;

/**
 * Read-your-writes for GET: `?minPosition=n` waits until the read models have reached the global
 * position a write returned, and every read answers with `X-Projection-Position`.
 */
@Injectable()
export class ProjectionPositionInterceptor implements NestInterceptor {
  constructor(
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method !== 'GET') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const raw = request.query.minPosition;
    let wait: Promise<unknown> = Promise.resolve();
    // Only the projectors serving this route (@ReadModels); all of them when it does not say.
    const projectors = this.reflector.getAllAndOverride<string[] | undefined>(
      READ_MODELS_KEY,
      [context.getHandler(), context.getClass()],
    );
    if (raw !== undefined) {
      if (typeof raw !== 'string' || !/^\d{1,24}$/.test(raw)) {
        throw new RuleViolation(
          'MIN_POSITION_INVALID',
          'invalid',
          'minPosition must be a global position (a whole number)',
          [{ path: 'query/minPosition', message: 'not a whole number' }],
        );
      }
      wait = this.progress.waitFor(
        BigInt(raw),
        MAX_READ_YOUR_WRITES_WAIT_MS,
        projectors,
      );
    }
    return from(wait).pipe(
      // Set before reading: the rows served (by these projectors) reflect at least this position.
      mergeMap(() => {
        response.setHeader(
          'X-Projection-Position',
          this.progress.position(projectors).toString(),
        );
        return next.handle();
      }),
    );
  }
}
