import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@app/app-config';
import { IdempotencyInterceptor, IdempotencyRecordEntity, ProblemDetailsFilter, ProjectionPositionInterceptor } from '@app/api-conventions';
import { ENTERPRISE_ENTITIES, EnterprisesModule, EnterpriseViewProjector } from '@app/enterprises';
import { EventStoreModule } from '@app/event-store';
import { ProjectionCheckpointEntity } from '@app/projections';
import { loadReferenceData, ReferenceDataModule } from '@app/reference-data';
import type { Clock } from '@app/shared-kernel';
import { CoreModule } from './core.module.js';
import { HealthController } from './health/health.controller.js';
import { ProjectionsHostModule } from './read-models/projections-host.module.js';
import { readModelDataSourceOptions } from './read-models/read-model-data-source.js';

export interface ApiModuleOptions {
  config: AppConfig;
  clock?: Clock;
}

/** The HTTP api; in the embedded default it also hosts the projector and the scheduler. */
@Module({})
export class ApiModule {
  static forRoot({ config, clock }: ApiModuleOptions): DynamicModule {
    const entities = [ProjectionCheckpointEntity, IdempotencyRecordEntity, ...ENTERPRISE_ENTITIES];
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config, clock),
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(config.eventStore),
        TypeOrmModule.forRoot(readModelDataSourceOptions(config.readModels, entities)),
        ReferenceDataModule.forRoot(loadReferenceData(config.referenceDataFile)),
        EnterprisesModule,
        ProjectionsHostModule.forRoot({
          projectors: [EnterpriseViewProjector],
          run: config.runProjector,
          imports: [EnterprisesModule],
        }),
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
