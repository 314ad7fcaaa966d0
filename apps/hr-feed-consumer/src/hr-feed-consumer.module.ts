import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceModule, type ServiceModuleOptions } from '@app/composition';
import { HrFeedKafkaModule, type HrFeedConsumerOptions } from '@app/hr-feed';
import { loggingModule, type LoggingOptions } from '@app/observability';

export interface HrFeedConsumerAppOptions extends Omit<
  ServiceModuleOptions,
  'runProjector'
> {
  /** Topic overrides and tuning on top of the brokers and group of the configuration. */
  consumer?: Omit<HrFeedConsumerOptions, 'brokers' | 'groupId'>;
  /** Where log lines go (stdout when absent). */
  logDestination?: LoggingOptions['destination'];
}

/**
 * The hr-feed-consumer process: the shared composition without the projector (apps/projector or the
 * api runs it) plus the Kafka consumer of the HR weekly feed.
 */
@Module({})
export class HrFeedConsumerAppModule {
  static forRoot({
    config,
    clock,
    consumer,
    logDestination,
  }: HrFeedConsumerAppOptions): DynamicModule {
    return {
      module: HrFeedConsumerAppModule,
      imports: [
        loggingModule({
          service: 'hr-feed-consumer',
          level: config.logLevel,
          destination: logDestination,
        }),
        ServiceModule.forRoot({ config, clock, runProjector: false }),
        HrFeedKafkaModule.forRoot({
          actor: config.auth.hrFeedConsumerSubject,
          ...consumer,
          brokers: config.hrFeed.kafkaBrokers,
          groupId: config.hrFeed.kafkaGroupId,
          security: config.hrFeed.kafkaSecurity,
        }),
      ],
    };
  }
}
