import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { principalOf } from './principal.js';
import { RequestBudget } from './request-budget.js';

/**
 * Spends one request of the verified token subject's budget, or of the address's on the public routes
 * (docs/decisions/0221-http-hardening.md). Runs after the access guard, which spends the address's budget
 * for a token it refused (docs/decisions/0268).
 */
@Injectable()
export class SubjectRateLimitGuard implements CanActivate {
  constructor(private readonly budget: RequestBudget) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const principal = principalOf(request);
    await this.budget.spend(
      principal !== undefined ? `sub:${principal.sub}` : `ip:${request.ip}`,
      http.getResponse<Response>(),
    );
    return true;
  }
}
