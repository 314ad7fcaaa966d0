import { type DynamicModule, Module } from '@nestjs/common';
import { HrFeedModule } from '../../hr-feed.module.js';
import {
  HR_FEED_CONSUMER_OPTIONS,
  type HrFeedConsumerOptions,
} from './hr-feed-consumer.options.js';
import { HrFeedConsumer } from './hr-feed.consumer.js';

/**
 * The Kafka edge of the HR feed: its consumer. Import it next to the shared
 * composition (ServiceModule), which provides the event store, the read-model database and
 * INJURIES_OPTIONS; the consumer starts on application bootstrap and stops before shutdown.
 */
@Module({})
export class HrFeedKafkaModule {
  static forRoot(options: HrFeedConsumerOptions): DynamicModule {
    return {
      module: HrFeedKafkaModule,
      imports: [HrFeedModule],
      providers: [
        { provide: HR_FEED_CONSUMER_OPTIONS, useValue: options },
        HrFeedConsumer,
      ],
      exports: [HrFeedConsumer],
    };
  }
}
