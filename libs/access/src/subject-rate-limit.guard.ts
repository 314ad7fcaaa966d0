import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import rateLimiterFlexible, {
  type RateLimiterMemory as Limiter,
} from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import { principalOf } from './principal.js';

const { RateLimiterMemory, RateLimiterRes } = rateLimiterFlexible;

/**
 * RATE_LIMIT_PER_MINUTE requests per minute per token subject across every route (spreading requests over
 * routes does not reset the budget), per address on the public routes; beyond it 429 TOO_MANY_REQUESTS
 * with Retry-After (docs/decisions/0221-http-hardening.md). Runs after the access guard, which verified
 * the token: a request it refused is not counted.
 */
@Injectable()
export class SubjectRateLimitGuard implements CanActivate {
  private readonly limiter: Limiter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new RateLimiterMemory({
      points: config.http.rateLimitPerMinute,
      duration: 60,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const principal = principalOf(request);
    try {
      await this.limiter.consume(
        principal !== undefined ? `sub:${principal.sub}` : `ip:${request.ip}`,
      );
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      http.getResponse<Response>().setHeader('Retry-After', String(seconds));
      throw new HttpException(
        `Too many requests in a minute; retry after ${seconds} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
