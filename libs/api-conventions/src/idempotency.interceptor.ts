import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import {
  catchError,
  from,
  mergeMap,
  of,
  throwError,
  type Observable,
} from 'rxjs';
import { DataSource } from 'typeorm';
import { canonicalJson } from '@app/event-store';
import { CLOCK, type Clock, RuleViolation } from '@app/shared-kernel';
import { actorOf } from './command-metadata.decorator.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;
/** Status of a key whose command is still running. */
const IN_FLIGHT = 0;

/**
 * `Idempotency-Key` (docs/http-api.md): a repeat with the same key and body gets the first answer
 * and appends nothing; the same key with another body is refused, because the caller has mixed up
 * two different commands.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header('idempotency-key');
    if (key === undefined || !COMMAND_METHODS.has(request.method))
      return next.handle();
    if (!KEY_FORMAT.test(key)) {
      throw new RuleViolation(
        'IDEMPOTENCY_KEY_INVALID',
        'invalid',
        'Idempotency-Key must be 1–200 visible ASCII characters',
        [
          {
            path: 'headers/idempotency-key',
            message: 'not 1–200 visible ASCII characters',
          },
        ],
      );
    }
    const scopedKey = `${actorOf(request)}:${key}`;
    const fingerprint = createHash('sha256')
      .update(
        `${request.method} ${request.path}\n${canonicalJson(request.body ?? null)}`,
      )
      .digest('hex');
    const records = this.dataSource.getRepository(IdempotencyRecordEntity);

    return from(this.reserve(scopedKey, fingerprint)).pipe(
      mergeMap((existing) => {
        if (existing) return of(this.replay(existing, fingerprint, response));
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await records.update(
              { scopedKey },
              {
                status: response.statusCode,
                responseBody: JSON.stringify(body ?? null),
              },
            );
            return body;
          }),
          catchError((error: unknown) => {
            // A failed command appended nothing: free the key so the caller can retry it.
            return from(records.delete({ scopedKey })).pipe(
              mergeMap(() => throwError(() => error)),
            );
          }),
        );
      }),
    );
  }

  /**
   * Claims the key before the command runs, so that two concurrent twins cannot both append.
   * Returns the record already there, or undefined when this request now owns the key.
   */
  private async reserve(
    scopedKey: string,
    fingerprint: string,
  ): Promise<IdempotencyRecordEntity | undefined> {
    const records = this.dataSource.getRepository(IdempotencyRecordEntity);
    const claim = randomUUID();
    await records
      .createQueryBuilder()
      .insert()
      .values({
        scopedKey,
        fingerprint,
        claim,
        status: IN_FLIGHT,
        responseBody: 'null',
        createdAt: this.clock.now().toISOString(),
      })
      .orIgnore()
      .execute();
    const record = await records.findOneByOrFail({ scopedKey });
    return record.claim === claim ? undefined : record;
  }

  private replay(
    existing: IdempotencyRecordEntity,
    fingerprint: string,
    response: Response,
  ): unknown {
    if (existing.fingerprint !== fingerprint) {
      throw new RuleViolation(
        'IDEMPOTENCY_KEY_REUSED',
        'conflict',
        'This Idempotency-Key was already used for a different request',
      );
    }
    if (existing.status === IN_FLIGHT) {
      throw new RuleViolation(
        'IDEMPOTENT_REQUEST_IN_PROGRESS',
        'conflict',
        'A request with this Idempotency-Key is still being processed; retry shortly',
      );
    }
    response.status(existing.status).setHeader('Idempotent-Replayed', 'true');
    return JSON.parse(existing.responseBody) as unknown;
  }
}
