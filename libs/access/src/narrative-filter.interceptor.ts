import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { principalOf, type Role } from './principal.js';

/**
 * The roles that read narratives (a declaration's account of the injury, an officer's cause analysis):
 * the bureau's officers, its auditors and the admin. A leader reads figures and cases, not the free text
 * about an injured worker (docs/decisions/0222-narratives-not-for-leaders.md).
 */
export const NARRATIVE_READERS: readonly Role[] = [
  'admin',
  'officer',
  'auditor',
];

/** Removes every `narrative` property from an answer to a caller none of whose roles reads narratives. */
@Injectable()
export class NarrativeFilterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal =
      context.getType() === 'http'
        ? principalOf(context.switchToHttp().getRequest())
        : undefined;
    if (
      principal === undefined ||
      principal.roles.some((role) => NARRATIVE_READERS.includes(role))
    )
      return next.handle();
    return next.handle().pipe(map((body: unknown) => withoutNarratives(body)));
  }
}

export function withoutNarratives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNarratives);
  if (value === null || typeof value !== 'object' || value instanceof Date)
    return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'narrative')
      .map(([key, child]) => [key, withoutNarratives(child)]),
  );
}
