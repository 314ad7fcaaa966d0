import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor, ProblemDetailsFilter, ProjectionPositionInterceptor } from '@app/api-conventions';
import { ServiceModule, type ServiceModuleOptions } from '@app/composition';
import { HealthController } from './health/health.controller.js';

/** The HTTP api; in the embedded default it also hosts the projector and the scheduler. */
@Module({})
export class ApiModule {
  static forRoot(options: ServiceModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [ServiceModule.forRoot(options)],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ProjectionPositionInterceptor },
      ],
    };
  }
}
