import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { RuleViolation } from '@app/shared-kernel';
import { ACCESS_TABLE, grantFor, type ZoneTarget } from './access-table.js';
import { attachPrincipal, type Principal } from './principal.js';
import { RequestBudget } from './request-budget.js';
import { routeKeyOf } from './route-key.js';
import { TokenVerifier } from './token-verifier.js';
import {
  ACCESS_ZONE_DIRECTORY,
  type AccessZoneDirectory,
} from './zone-directory.js';

/** The officer's zone filter of a list, kept for the interceptor that removes other zones' rows. */
export const ZONE_FILTERS = new WeakMap<object, readonly string[]>();

/**
 * The one guard of the api: authenticates the bearer token and applies ACCESS_TABLE to the route.
 * 401 without a valid token (429 once the address's budget is spent), 403 for a role the table does not
 * name or a zone outside an officer's.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly budget: RequestBudget,
    @Inject(ACCESS_ZONE_DIRECTORY) private readonly zones: AccessZoneDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const key = routeKeyOf(context.getClass(), context.getHandler());
    const rule = key === undefined ? undefined : ACCESS_TABLE[key];
    // Boot refuses routes without an entry; this only guards against a handler added at run time.
    if (rule === undefined)
      throw new RuleViolation(
        'ROUTE_NOT_IN_ACCESS_TABLE',
        'forbidden',
        'This route has no access rule',
      );
    if (rule.public) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    let principal: Principal;
    try {
      principal = await this.verifier.verify(request.header('authorization'));
    } catch (error) {
      const response = http.getResponse<Response>();
      // A refused token spends the address's budget: guessing tokens from one address is limited too
      // (docs/decisions/0268); once it is spent the answer is 429, not 401.
      await this.budget.spend(`ip:${request.ip}`, response);
      response.setHeader('WWW-Authenticate', 'Bearer realm="api"');
      throw error;
    }
    attachPrincipal(request, principal);

    const grant = grantFor(rule, principal.roles);
    if (grant === undefined) {
      throw new RuleViolation(
        'ROLE_FORBIDDEN',
        'forbidden',
        `The role ${principal.roles.join(', ')} may not ${key}`,
      );
    }
    if (grant === 'zone') await this.checkZone(rule.zone!, request, principal);
    return true;
  }

  private async checkZone(
    target: ZoneTarget,
    request: Request,
    principal: Principal,
  ): Promise<void> {
    const mine = principal.zones;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const params = request.params as Record<string, string>;
    const named: Array<string | undefined> = [];
    switch (target) {
      case 'body-zone':
        named.push(typeof body.zoneId === 'string' ? body.zoneId : undefined);
        break;
      case 'enterprise':
        named.push(await this.zones.zoneOfEnterprise(params.uscc));
        if (typeof body.toZoneId === 'string') named.push(body.toZoneId);
        break;
      case 'injury-case':
        named.push(await this.zones.zoneOfInjuryCase(params.claimId));
        break;
      case 'accident':
        named.push(await this.zones.zoneOfAccident(params.id));
        break;
      case 'accident-report':
        if (typeof body.zoneId === 'string') named.push(body.zoneId);
        if (typeof body.uscc === 'string')
          named.push(await this.zones.zoneOfEnterprise(body.uscc));
        if (named.length === 0) named.push(undefined);
        break;
      case 'list':
      case 'zone-query': {
        const asked = request.query.zoneId;
        if (asked !== undefined) {
          named.push(typeof asked === 'string' ? asked : undefined);
        } else if (target === 'zone-query' && mine.length === 1) {
          // One zone: the list is theirs, and its paging and totals count only their rows.
          request.url += `${request.url.includes('?') ? '&' : '?'}zoneId=${encodeURIComponent(mine[0])}`;
        }
        ZONE_FILTERS.set(request, mine);
        break;
      }
    }
    // Something that does not exist yet (or has no zone) is not theirs: a 403 says nothing about other zones.
    const outside = named.filter(
      (zone) => zone === undefined || !mine.includes(zone),
    );
    if (outside.length > 0) {
      throw new RuleViolation(
        'ZONE_FORBIDDEN',
        'forbidden',
        `Officers may act only in their zones (${mine.join(', ') || 'none'})`,
      );
    }
  }
}
