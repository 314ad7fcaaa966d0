import { type DynamicModule, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { isUnavailable, OutageLog } from '@app/observability';
import { PROJECTION_PROGRESS, ProjectionRunner, type Projector } from '@app/projections';

const PROJECTION_RUNNER = Symbol('ProjectionRunner');

/**
 * Hosts the projection runner over every projector the contexts export. In the embedded default it
 * runs inside the api process; with RUN_PROJECTOR=false the api only reads and apps/projector runs it.
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
    run: boolean;
    imports?: DynamicModule['imports'];
  }): DynamicModule {
    const runner: Provider = {
      provide: PROJECTION_RUNNER,
      inject: [EVENT_STORE, DataSource, ...options.projectors],
      useFactory: (store: EventStore, dataSource: DataSource, ...projectors: Projector[]) => {
        const logger = new Logger('Projections');
        // An outage is logged when it starts, now and then while it lasts, and when it ends (docs/decisions/0195).
        const outage = new OutageLog(logger, 'event store or read-model database');
        return new ProjectionRunner(store, dataSource, projectors, {
          onError: (error) => {
            if (isUnavailable(error)) outage.failed(error);
            else logger.error(`projection page failed, retrying: ${String((error as Error)?.stack ?? error)}`);
          },
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
