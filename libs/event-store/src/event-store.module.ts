import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, type Clock } from '@app/shared-kernel';
import {
  createEventStore,
  type EventStoreConfig,
} from './create-event-store.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';

/** Provides the configured adapter under EVENT_STORE and closes it on shutdown. Needs CLOCK. */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: EventStoreConfig): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [CLOCK],
          useFactory: (clock: Clock) => createEventStore(config, clock),
        },
      ],
      exports: [EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
