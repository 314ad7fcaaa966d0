import { type DynamicModule, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { isUnavailable, OutageLog } from '@app/observability';
import { PROJECTION_PROGRESS, ProjectionRunner, type ProcessManager, type Projector } from '@app/projections';

const PROJECTION_RUNNER = Symbol('ProjectionRunner');

/**
 * Hosts the projection runner over every projector and process manager the contexts export, each in
 * its own loop. In the embedded default it runs inside the api process; with RUN_PROJECTOR=false the
 * api only reads (following the checkpoints) and apps/projector runs it.
 */
@Module({})
export class ProjectionsHostModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject('RUN_PROJECTOR') private readonly runInProcess: boolean,
  ) {}

  static forRoot(options: {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    projectors: Array<new (...args: never[]) => Projector>;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    processManagers: Array<new (...args: never[]) => ProcessManager>;
    run: boolean;
    imports?: DynamicModule['imports'];
  }): DynamicModule {
    const runner: Provider = {
      provide: PROJECTION_RUNNER,
      inject: [EVENT_STORE, DataSource, ...options.projectors, ...options.processManagers],
      useFactory: (store: EventStore, dataSource: DataSource, ...consumers: (Projector | ProcessManager)[]) => {
        const logger = new Logger('Projections');
        // An outage is logged when it starts, now and then while it lasts, and when it ends (docs/decisions/0195).
        const outage = new OutageLog(logger, 'event store or read-model database');
        return new ProjectionRunner(store, dataSource, consumers, {
          onError: (name, error, parked) => {
            if (isUnavailable(error) && !parked) outage.failed(error);
            else logger.error(`${name} failed${parked ? ' and is parked until restart' : ', retrying'}: ${String((error as Error)?.stack ?? error)}`);
          },
          isTransient: isUnavailable,
          onRecovered: () => outage.succeeded(),
        });
      },
    };
    return {
      module: ProjectionsHostModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        runner,
        { provide: PROJECTION_PROGRESS, useExisting: PROJECTION_RUNNER },
        { provide: 'RUN_PROJECTOR', useValue: options.run },
      ],
      exports: [PROJECTION_PROGRESS, PROJECTION_RUNNER],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runInProcess) {
      await this.runner.loadCheckpoints();
      await this.runner.followCheckpoints();
      return;
    }
    await this.runner.start();
    this.logger.log(`projector running from position ${this.runner.position()}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

export { PROJECTION_RUNNER };
