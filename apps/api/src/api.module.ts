import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessModule } from '@app/access';
import {
  IdempotencyInterceptor,
  ProblemDetailsFilter,
  ProjectionPositionInterceptor,
} from '@app/api-conventions';
import { ServiceModule, type ServiceModuleOptions } from '@app/composition';
import { loggingModule, type LoggingOptions } from '@app/observability';
import { HealthController } from './health/health.controller.js';
import { MetricsModule } from './metrics/metrics.module.js';

export interface ApiModuleOptions extends ServiceModuleOptions {
  /** Where log lines go (stdout when absent); tests capture them. */
  logDestination?: LoggingOptions['destination'];
}

/** The HTTP api; in the embedded default it also hosts the projector and the scheduler. */
@Module({})
export class ApiModule {
  static forRoot({
    logDestination,
    ...options
  }: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        loggingModule({
          service: 'api',
          level: options.config.logLevel,
          destination: logDestination,
        }),
        ServiceModule.forRoot(options),
        AccessModule,
        MetricsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ProjectionPositionInterceptor },
      ],
    };
  }
}
