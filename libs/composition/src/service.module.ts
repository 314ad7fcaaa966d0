import { randomUUID } from 'node:crypto';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ACCESS_ZONE_DIRECTORY } from '@app/access';
import type { AppConfig } from '@app/app-config';
import { IdempotencyRecordEntity } from '@app/api-conventions';
import {
  ACCIDENTS_ENTERPRISE_DIRECTORY,
  AccidentsModule,
  AccidentViewEntity,
  AccidentViewProjector,
} from '@app/accidents';
import {
  ENTERPRISE_ENTITIES,
  EnterprisesModule,
  EnterpriseViewProjector,
} from '@app/enterprises';
import {
  FeedRecordsProjector,
  HR_FEED_READ_MODEL_ENTITIES,
  HrFeedModule,
} from '@app/hr-feed';
import {
  INJURIES_READ_MODEL_ENTITIES,
  RecurrenceDetector,
  INJURIES_ENTERPRISE_DIRECTORY,
  INJURIES_OPTIONS,
  InjuriesModule,
  InjuryCaseViewProjector,
  PERSONAL_DATA_KEYS,
} from '@app/injuries';
import {
  AUDIT_READ_MODEL_REPLAY,
  AuditModule,
  type ReadModelReplay,
} from '@app/audit';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { EventStoreModule } from '@app/event-store/nest';
import {
  ProjectionCheckpointEntity,
  ReadModelVersionEntity,
  type ProjectionRunner,
  type Projector,
} from '@app/projections';
import {
  loadReferenceData,
  ReferenceDataModule,
} from '@app/reference-data/nest';
import {
  ReportingFactEntity,
  ReportingFactsProjector,
  ReportingModule,
} from '@app/reporting';
import type { Clock } from '@app/shared-kernel';
import { CoreModule } from './core.module.js';
import {
  PROJECTION_RUNNER,
  ProjectionsHostModule,
} from './projections-host.module.js';
import { compareRebuildWithLive } from './read-model-rebuild.js';
import { EnterpriseZoneDirectory } from './enterprise-zone-directory.js';
import { readModelDataSourceOptions } from './read-model-data-source.js';
import { resolveWorkerRefSecret } from './worker-ref-secret.js';
import {
  openPersonalDataKeys,
  PersonalDataKeysLifecycle,
} from './personal-data-keys.js';

export interface ServiceModuleOptions {
  config: AppConfig;
  clock?: Clock;
  /** Run the projector in this process; defaults to config.runProjector. */
  runProjector?: boolean;
}

/** Every read-model table of the service, for the TypeORM data source and for rebuilds. */
export const READ_MODEL_ENTITIES = [
  ProjectionCheckpointEntity,
  ReadModelVersionEntity,
  IdempotencyRecordEntity,
  ...ENTERPRISE_ENTITIES,
  ...INJURIES_READ_MODEL_ENTITIES,
  ...HR_FEED_READ_MODEL_ENTITIES,
  AccidentViewEntity,
  ReportingFactEntity,
];

/** Every projector of the service: read models only, each rebuildable from the log. */
export const PROJECTOR_CLASSES = [
  EnterpriseViewProjector,
  InjuryCaseViewProjector,
  FeedRecordsProjector,
  AccidentViewProjector,
  ReportingFactsProjector,
];

/** Every process manager: they read the log like projectors but append events, so a rebuild never runs them. */
export const PROCESS_MANAGER_CLASSES = [RecurrenceDetector];

/** What one context needs of another, adapted here so that neither imports the other. */
@Global()
@Module({})
class ContextAdaptersModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ContextAdaptersModule,
      // EnterpriseZoneDirectory asks the enterprises context (EnterpriseZoneQuery, exported by its module).
      imports: [EnterprisesModule],
      providers: [
        EnterpriseZoneDirectory,
        {
          provide: INJURIES_ENTERPRISE_DIRECTORY,
          useExisting: EnterpriseZoneDirectory,
        },
        {
          provide: ACCIDENTS_ENTERPRISE_DIRECTORY,
          useExisting: EnterpriseZoneDirectory,
        },
        {
          provide: ACCESS_ZONE_DIRECTORY,
          useExisting: EnterpriseZoneDirectory,
        },
        {
          provide: INJURIES_OPTIONS,
          useFactory: () => ({
            workerPseudonymSecret: resolveWorkerRefSecret(config),
          }),
        },
        {
          provide: PERSONAL_DATA_KEYS,
          useFactory: () => openPersonalDataKeys(config),
        },
        PersonalDataKeysLifecycle,
      ],
      exports: [
        INJURIES_ENTERPRISE_DIRECTORY,
        ACCIDENTS_ENTERPRISE_DIRECTORY,
        ACCESS_ZONE_DIRECTORY,
        INJURIES_OPTIONS,
        PERSONAL_DATA_KEYS,
      ],
    };
  }
}

/** The audit context's replay port, over every projector of the service (POST /audit/replays). */
@Global()
@Module({})
class AuditReplayModule {
  static forRoot(
    config: AppConfig,
    contexts: DynamicModule['imports'],
  ): DynamicModule {
    return {
      module: AuditReplayModule,
      imports: contexts,
      providers: [
        {
          provide: AUDIT_READ_MODEL_REPLAY,
          inject: [
            EVENT_STORE,
            DataSource,
            PROJECTION_RUNNER,
            ...PROJECTOR_CLASSES,
          ],
          useFactory: (
            store: EventStore,
            live: DataSource,
            liveRunner: ProjectionRunner,
            ...projectors: Projector[]
          ): ReadModelReplay => ({
            replay: () =>
              compareRebuildWithLive({
                store,
                live,
                liveRunner,
                projectors,
                config: config.readModels,
                scratchDir: config.dataDir,
                scratchName: `replay_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
                entities: READ_MODEL_ENTITIES,
              }),
          }),
        },
      ],
      exports: [AUDIT_READ_MODEL_REPLAY],
    };
  }
}

/**
 * The composition root every app shares: configuration and clock, the event store, the read-model
 * database, reference data, the bounded contexts and the projection host. Apps add their edge
 * (HTTP controllers, the Kafka consumer, the CLI) on top.
 */
/** PostgreSQL SQLSTATEs of a wrong password or role (28P01, 28000) and a missing database (3D000). */
const NOT_RETRIED = ['28P01', '28000', '3D000'];

@Module({})
export class ServiceModule {
  static forRoot({
    config: configured,
    clock,
    runProjector,
  }: ServiceModuleOptions): DynamicModule {
    // What this process does wins over the environment: the CLI and the Kafka consumer never run the
    // projector or the deadline scheduler, whatever RUN_PROJECTOR says.
    const config: AppConfig = {
      ...configured,
      runProjector: runProjector ?? configured.runProjector,
    };
    const contexts = [
      EnterprisesModule,
      InjuriesModule,
      HrFeedModule,
      AccidentsModule,
      ReportingModule,
    ];
    return {
      module: ServiceModule,
      imports: [
        CoreModule.forRoot(config, clock),
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(config.eventStore),
        TypeOrmModule.forRoot({
          ...readModelDataSourceOptions(config.readModels, READ_MODEL_ENTITIES),
          // A refused password or a missing database does not heal by waiting: fail at once, in one line.
          toRetry: (error: { code?: unknown }) =>
            !NOT_RETRIED.includes(String(error?.code)),
        }),
        ReferenceDataModule.forRoot(
          loadReferenceData(config.referenceDataFile),
        ),
        ContextAdaptersModule.forRoot(config),
        ...contexts,
        ProjectionsHostModule.forRoot({
          projectors: PROJECTOR_CLASSES,
          processManagers: PROCESS_MANAGER_CLASSES,
          run: config.runProjector,
          imports: contexts,
          readModels: {
            config: config.readModels,
            scratchDir: config.dataDir,
            entities: READ_MODEL_ENTITIES,
          },
        }),
        AuditReplayModule.forRoot(config, contexts),
        AuditModule,
      ],
      exports: [...contexts],
    };
  }
}
