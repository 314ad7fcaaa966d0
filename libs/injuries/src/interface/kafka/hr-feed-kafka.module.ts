import { type DynamicModule, Module } from '@nestjs/common';
import { InjuriesModule } from '../../injuries.module.js';
import {
  HR_FEED_CONSUMER_OPTIONS,
  type HrFeedConsumerOptions,
} from './hr-feed-consumer.options.js';
import { HrFeedConsumer } from './hr-feed.consumer.js';

/**
 * The Kafka edge of the injuries context: the HR feed consumer. Import it next to the shared
 * composition (ServiceModule), which provides the event store, the read-model database and
 * INJURIES_OPTIONS; the consumer starts on application bootstrap and stops before shutdown.
 */
@Module({})
export class HrFeedKafkaModule {
  static forRoot(options: HrFeedConsumerOptions): DynamicModule {
    return {
      module: HrFeedKafkaModule,
      imports: [InjuriesModule],
      providers: [
        { provide: HR_FEED_CONSUMER_OPTIONS, useValue: options },
        HrFeedConsumer,
      ],
      exports: [HrFeedConsumer],
    };
  }
}
