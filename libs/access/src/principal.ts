import type { Request } from 'express';

export const ROLES = [
  'admin',
  'officer',
  'hr-feed',
  'leader',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the verified token says (docs/decisions/0220-access-control.md). */
export interface Principal {
  /** The token's `sub`: the actor recorded in every event this request appends. */
  sub: string;
  roles: Role[];
  /** The zones an officer may change and see (claim `zones`); empty for the other roles. */
  zones: string[];
}

const PRINCIPALS = new WeakMap<object, Principal>();

export function attachPrincipal(request: Request, principal: Principal): void {
  PRINCIPALS.set(request, principal);
}

/** The verified caller of a request, once the access guard has let it through. */
export function principalOf(request: Request): Principal | undefined {
  return PRINCIPALS.get(request);
}
