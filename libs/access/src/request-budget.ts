import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import rateLimiterFlexible, {
  type RateLimiterMemory as Limiter,
} from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '@app/app-config';

const { RateLimiterMemory, RateLimiterRes } = rateLimiterFlexible;

/**
 * RATE_LIMIT_PER_MINUTE requests a minute per budget: a token subject's (`sub:<subject>`, across every
 * route) or an address's (`ip:<address>`: the public routes and every request whose token was refused).
 * Beyond it 429 TOO_MANY_REQUESTS with Retry-After (docs/decisions/0221, 0268).
 */
@Injectable()
export class RequestBudget {
  private readonly limiter: Limiter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new RateLimiterMemory({
      points: config.http.rateLimitPerMinute,
      duration: 60,
    });
  }

  /** Spends one request of `key`'s budget; throws 429 (Retry-After set on `response`) when none is left. */
  async spend(key: string, response: Response): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      response.setHeader('Retry-After', String(seconds));
      throw new HttpException(
        `Too many requests in a minute; retry after ${seconds} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
