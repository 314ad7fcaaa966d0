import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@app/app-config';
import { IdempotencyRecordEntity } from '@app/api-conventions';
import { ENTERPRISE_ENTITIES, EnterprisesModule, EnterpriseViewProjector } from '@app/enterprises';
import { EventStoreModule } from '@app/event-store';
import { ProjectionCheckpointEntity } from '@app/projections';
import { loadReferenceData, ReferenceDataModule } from '@app/reference-data';
import type { Clock } from '@app/shared-kernel';
import { CoreModule } from './core.module.js';
import { ProjectionsHostModule } from './projections-host.module.js';
import { readModelDataSourceOptions } from './read-model-data-source.js';

export interface ServiceModuleOptions {
  config: AppConfig;
  clock?: Clock;
  /** Run the projector in this process; defaults to config.runProjector. */
  runProjector?: boolean;
}

/** Every read-model table of the service, for the TypeORM data source and for rebuilds. */
export const READ_MODEL_ENTITIES = [ProjectionCheckpointEntity, IdempotencyRecordEntity, ...ENTERPRISE_ENTITIES];

/** Every projector of the service, in the order the runner feeds them. */
export const PROJECTOR_CLASSES = [EnterpriseViewProjector];

/**
 * The composition root every app shares: configuration and clock, the event store, the read-model
 * database, reference data, the bounded contexts and the projection host. Apps add their edge
 * (HTTP controllers, the Kafka consumer, the CLI) on top.
 */
@Module({})
export class ServiceModule {
  static forRoot({ config, clock, runProjector }: ServiceModuleOptions): DynamicModule {
    const contexts = [EnterprisesModule];
    return {
      module: ServiceModule,
      imports: [
        CoreModule.forRoot(config, clock),
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(config.eventStore),
        TypeOrmModule.forRoot(readModelDataSourceOptions(config.readModels, READ_MODEL_ENTITIES)),
        ReferenceDataModule.forRoot(loadReferenceData(config.referenceDataFile)),
        ...contexts,
        ProjectionsHostModule.forRoot({
          projectors: PROJECTOR_CLASSES,
          run: runProjector ?? config.runProjector,
          imports: contexts,
        }),
      ],
      exports: [...contexts],
    };
  }
}
