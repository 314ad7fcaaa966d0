import { randomUUID } from 'node:crypto';
import type { CommandMetadata } from '@app/event-store';
import { RuleViolation } from '@app/shared-kernel';

/**
 * PLACEHOLDER — the lead replaces it with the shared one (actor from the authenticated user).
 * Reads `x-actor` (default 'anonymous'), `x-correlation-id`, `if-match` and the body's `effectiveAt`.
 */
export function commandMetaFrom(
  req: { headers: Record<string, string | string[] | undefined> },
  body?: { effectiveAt?: string },
): CommandMetadata {
  const header = (name: string): string | undefined => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const meta: CommandMetadata = {
    actor: header('x-actor') ?? 'anonymous',
    correlationId: header('x-correlation-id') ?? randomUUID(),
  };
  const ifMatch = header('if-match');
  if (ifMatch !== undefined) {
    const raw = ifMatch.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
    if (!/^\d+$/.test(raw)) {
      throw new RuleViolation('IF_MATCH_INVALID', 'invalid', 'If-Match must be a stream position', [
        { path: 'If-Match', message: 'must be a whole number' },
      ]);
    }
    meta.expectedVersion = BigInt(raw);
  }
  if (body?.effectiveAt) meta.effectiveAt = body.effectiveAt;
  return meta;
}
