import {
  Global,
  Inject,
  Logger,
  Module,
  type OnModuleInit,
} from '@nestjs/common';
import {
  APP_GUARD,
  APP_INTERCEPTOR,
  DiscoveryModule,
  DiscoveryService,
  MetadataScanner,
} from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@app/app-config';
import { AccessGuard } from './access.guard.js';
import { ACCESS_TABLE } from './access-table.js';
import { writeAdminToken } from './local-token.js';
import { RequestBudget } from './request-budget.js';
import { routeKeyOf } from './route-key.js';
import { SubjectRateLimitGuard } from './subject-rate-limit.guard.js';
import { TokenVerifier } from './token-verifier.js';
import { NarrativeFilterInterceptor } from './narrative-filter.interceptor.js';
import { ZoneFilterInterceptor } from './zone-filter.interceptor.js';

export class AccessTableError extends Error {}

/**
 * Authentication and authorisation of the api: the access guard (first of the global guards), the zone
 * filter of officers' lists, the boot check of ACCESS_TABLE and, in the embedded default, the admin token.
 * Needs ACCESS_ZONE_DIRECTORY from the composition.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    TokenVerifier,
    RequestBudget,
    // In this order: the rate limit counts per verified subject; the access guard spends the address's
    // budget for a token it refuses.
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: SubjectRateLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: ZoneFilterInterceptor },
    { provide: APP_INTERCEPTOR, useClass: NarrativeFilterInterceptor },
  ],
  exports: [TokenVerifier],
})
export class AccessModule implements OnModuleInit {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    assertEveryRouteHasARule(this.routeKeys());
    const file = writeAdminToken(this.config);
    if (file !== undefined) {
      this.logger.log(
        `no auth configured: embedded admin token written to ${file} — use it as ` +
          `curl -H "Authorization: Bearer $(cat ${file})" …, paste it into the dashboard's token field, or mint others with npm run cli -- token --role officer --zones zone-1 --sub officer-7`,
      );
    }
  }

  private routeKeys(): string[] {
    const keys: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as
        (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, () => unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const key = routeKeyOf(controller, prototype[name]);
        if (key !== undefined) keys.push(key);
      }
    }
    return keys;
  }
}

/** A route without an entry, or an entry without a route, stops the boot: the table is the whole truth. */
export function assertEveryRouteHasARule(routeKeys: readonly string[]): void {
  const missing = routeKeys.filter((key) => ACCESS_TABLE[key] === undefined);
  const stale = Object.keys(ACCESS_TABLE).filter(
    (key) => !routeKeys.includes(key),
  );
  if (missing.length > 0 || stale.length > 0) {
    throw new AccessTableError(
      [
        ...missing.map(
          (key) =>
            `route ${key} has no entry in ACCESS_TABLE (libs/access/src/access-table.ts)`,
        ),
        ...stale.map((key) => `ACCESS_TABLE names ${key}, which is no route`),
      ].join('; '),
    );
  }
}
