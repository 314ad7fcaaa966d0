import type { JWTPayload } from 'jose';
import { RuleViolation } from '@app/shared-kernel';
import { type Principal, ROLES } from './principal.js';

const SUBJECT = /^[\w.@:-]{1,100}$/;
const ZONE = /^[\w-]{1,64}$/;

/**
 * Roles come from `role` (one) or `roles` (several, as OIDC providers send them); unknown roles are
 * ignored, and a token with none of ours is refused. An officer's `zones` is a list of zone ids.
 */
export function principalFromClaims(payload: JWTPayload): Principal {
  const sub = payload.sub;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) {
    throw unauthenticated(
      'TOKEN_SUBJECT_INVALID',
      'The token has no usable subject (sub)',
    );
  }
  const claimed = [
    payload.role,
    ...(Array.isArray(payload.roles) ? (payload.roles as unknown[]) : []),
  ].filter((r): r is string => typeof r === 'string');
  const roles = ROLES.filter((role) => claimed.includes(role));
  if (roles.length === 0)
    throw unauthenticated(
      'TOKEN_ROLE_MISSING',
      `The token names none of the roles ${ROLES.join(', ')}`,
    );
  const zones = Array.isArray(payload.zones)
    ? payload.zones.filter(
        (z): z is string => typeof z === 'string' && ZONE.test(z),
      )
    : [];
  return { sub, roles, zones };
}

export function unauthenticated(code: string, message: string): RuleViolation {
  return new RuleViolation(code, 'unauthenticated', message);
}
