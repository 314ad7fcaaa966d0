import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { principalOf } from '@app/access';
import { type CommandMetadata, RuleViolation } from '@app/shared-kernel';

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
      throw new RuleViolation(
        'IF_MATCH_INVALID',
        'invalid',
        'If-Match must be a stream position (a whole number)',
        [
          {
            path: 'headers/if-match',
            message: `"${ifMatch}" is not a stream position`,
          },
        ],
      );
    }
    expectedVersion = BigInt(match[1]);
  }
  return {
    actor: actorOf(request),
    correlationId: request.header('x-correlation-id') || randomUUID(),
    causationId: commandIdOf(request),
    effectiveAt: effectiveAtOf(request.body),
    expectedVersion,
  };
}

// Parameter decorators run before the body's pipe, so this cannot rely on the DTO having checked it.
function effectiveAtOf(body: unknown): string | undefined {
  const value =
    body !== null && typeof body === 'object'
      ? (body as { effectiveAt?: unknown }).effectiveAt
      : undefined;
  if (value === undefined || value === null) return undefined;
  const instant = typeof value === 'string' ? new Date(value) : undefined;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw new RuleViolation(
      'EFFECTIVE_AT_INVALID',
      'invalid',
      'effectiveAt must be an ISO 8601 instant',
      [{ path: '/effectiveAt', message: 'not an ISO 8601 instant' }],
    );
  }
  return instant.toISOString();
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;
const commandIds = new WeakMap<Request, string>();

/**
 * The causation of a command's events is the command itself: one id per HTTP request, from
 * `X-Request-Id` when the caller names it, otherwise generated (docs/decisions/0142). Process
 * managers use the triggering event's id instead.
 */
export function commandIdOf(request: Request): string {
  let id = commandIds.get(request);
  if (id === undefined) {
    const given = request.header('x-request-id');
    id =
      given !== undefined && REQUEST_ID.test(given)
        ? given
        : `request-${randomUUID()}`;
    commandIds.set(request, id);
  }
  return id;
}

/** The actor is the verified token's subject (docs/decisions/0220-access-control.md); the access guard ran first. */
export function actorOf(request: Request): string {
  const principal = principalOf(request);
  if (principal === undefined)
    throw new RuleViolation(
      'TOKEN_MISSING',
      'unauthenticated',
      'This route needs Authorization: Bearer <token>',
    );
  return principal.sub;
}

/** Controller parameter: `@CommandMeta() meta: CommandMetadata`. */
export const CommandMeta = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandMetadata => {
    const http = context.switchToHttp();
    const meta = commandMetadataFrom(http.getRequest<Request>());
    // The caller learns the ids under which its events can be found in the audit log.
    http.getResponse<Response>().setHeader('X-Request-Id', meta.causationId!);
    return meta;
  },
);
