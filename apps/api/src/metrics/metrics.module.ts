import {
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import {
  CommandMetricsInterceptor,
  HttpMetricsMiddleware,
} from './http-metrics.js';
import { MetricsController } from './metrics.controller.js';
import { ServiceMetrics } from './service-metrics.js';

/** GET /metrics and what feeds it (docs/decisions/0192-metrics.md). */
@Module({
  controllers: [MetricsController],
  providers: [
    ServiceMetrics,
    HttpMetricsMiddleware,
    { provide: APP_INTERCEPTOR, useClass: CommandMetricsInterceptor },
  ],
  exports: [ServiceMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
