import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { CommandMetadata } from '@app/event-store';
import { RuleViolation } from '@app/shared-kernel';

const IF_MATCH = /^\s*(?:W\/)?"?(\d{1,18})"?\s*$/;

/**
 * Reads what every command carries from the request: the actor, the correlation id
 * (`X-Correlation-Id`, else a new one), `If-Match` as the expected stream version, and the body's
 * `effectiveAt` (already validated by the DTO, which extends CommandRequestDto).
 */
export function commandMetadataFrom(request: Request): CommandMetadata {
  const ifMatch = request.header('if-match');
  let expectedVersion: bigint | undefined;
  if (ifMatch !== undefined && ifMatch !== '') {
    const match = IF_MATCH.exec(ifMatch);
    if (!match) {
      throw new RuleViolation('IF_MATCH_INVALID', 'invalid', 'If-Match must be a stream position (a whole number)', [
        { path: 'headers/if-match', message: `"${ifMatch}" is not a stream position` },
      ]);
    }
    expectedVersion = BigInt(match[1]);
  }
  const body = (request.body ?? {}) as { effectiveAt?: unknown };
  return {
    actor: actorOf(request),
    correlationId: request.header('x-correlation-id') || randomUUID(),
    causationId: null,
    effectiveAt: typeof body.effectiveAt === 'string' ? new Date(body.effectiveAt).toISOString() : undefined,
    expectedVersion,
  };
}

/** Until authentication lands, the gateway names the actor in `X-Actor` (docs/decisions/0020-actor-and-idempotency.md). */
export function actorOf(request: Request): string {
  const actor = request.header('x-actor')?.trim();
  return actor && /^[\w.@:-]{1,100}$/.test(actor) ? actor : 'anonymous';
}

/** Controller parameter: `@CommandMeta() meta: CommandMetadata`. */
export const CommandMeta = createParamDecorator((_: unknown, context: ExecutionContext): CommandMetadata =>
  commandMetadataFrom(context.switchToHttp().getRequest<Request>()),
);
