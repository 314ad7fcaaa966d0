import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { isUnavailable, OutageLog } from '@app/observability';
import type { AppConfig } from '@app/app-config';
import {
  PROJECTION_PROGRESS,
  ProjectionRunner,
  type ProcessManager,
  type Projector,
} from '@app/projections';
import {
  prepareReadModelSchema,
  upgradeReadModels,
} from './read-model-schema.js';

const PROJECTION_RUNNER = Symbol('ProjectionRunner');
const READ_MODEL_SCHEMA = Symbol('ReadModelSchema');

/** Prepares the read-model schema at boot and builds changed projectors beside the live tables. */
interface ReadModelSchema {
  prepare(): Promise<void>;
  upgrade(): Promise<unknown>;
}

/**
 * Hosts the projection runner over every projector and process manager the contexts export, each in
 * its own loop. In the embedded default it runs inside the api process; with RUN_PROJECTOR=false the
 * api only reads (following the checkpoints) and apps/projector runs it.
 */
@Module({})
export class ProjectionsHostModule
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('Projections');

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject('RUN_PROJECTOR') private readonly runInProcess: boolean,
    @Inject(READ_MODEL_SCHEMA) private readonly schema: ReadModelSchema,
  ) {}

  static forRoot(options: {
    projectors: Array<new (...args: never[]) => Projector>;
    processManagers: Array<new (...args: never[]) => ProcessManager>;
    run: boolean;
    imports?: DynamicModule['imports'];
    /** Where a changed projector is built beside the live tables (docs/decisions/0108). */
    readModels: {
      config: AppConfig['readModels'];
      scratchDir: string;
      // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
      entities: Function[];
    };
  }): DynamicModule {
    const runner: Provider = {
      provide: PROJECTION_RUNNER,
      inject: [
        EVENT_STORE,
        DataSource,
        ...options.projectors,
        ...options.processManagers,
      ],
      useFactory: (
        store: EventStore,
        dataSource: DataSource,
        ...consumers: (Projector | ProcessManager)[]
      ) => {
        const logger = new Logger('Projections');
        // An outage is logged when it starts, now and then while it lasts, and when it ends (docs/decisions/0195).
        const outage = new OutageLog(
          logger,
          'event store or read-model database',
        );
        return new ProjectionRunner(store, dataSource, consumers, {
          onError: (name, error, parked) => {
            if (isUnavailable(error) && !parked) outage.failed(error);
            else
              logger.error(
                `${name} failed${parked ? ' and is parked until restart' : ', retrying'}: ${String((error as Error)?.stack ?? error)}`,
              );
          },
          isTransient: isUnavailable,
          onRecovered: () => outage.succeeded(),
        });
      },
    };
    const schema: Provider = {
      provide: READ_MODEL_SCHEMA,
      inject: [EVENT_STORE, DataSource, ...options.projectors],
      useFactory: (
        store: EventStore,
        live: DataSource,
        ...projectors: Projector[]
      ): ReadModelSchema => ({
        prepare: () => prepareReadModelSchema(live, projectors),
        upgrade: () =>
          upgradeReadModels({
            store,
            live,
            projectors,
            ...options.readModels,
            log: (message) => new Logger('Projections').log(message),
          }),
      }),
    };
    return {
      module: ProjectionsHostModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        runner,
        schema,
        { provide: PROJECTION_PROGRESS, useExisting: PROJECTION_RUNNER },
        { provide: 'RUN_PROJECTOR', useValue: options.run },
      ],
      exports: [PROJECTION_PROGRESS, PROJECTION_RUNNER],
    };
  }

  /** Before anything reads (every onModuleInit runs before any onApplicationBootstrap). */
  async onModuleInit(): Promise<void> {
    await this.schema.prepare();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runInProcess) {
      await this.runner.loadCheckpoints();
      await this.runner.followCheckpoints();
      return;
    }
    // Only a process that projects builds a changed projector; one that only reads serves what is live.
    await this.schema.upgrade();
    await this.runner.start();
    this.logger.log(
      `projector running from position ${this.runner.position()}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

export { PROJECTION_RUNNER };
