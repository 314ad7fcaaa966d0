import { Inject, Injectable } from '@nestjs/common';
import {
  AggregateRepository,
  EVENT_STORE,
  type EventStore,
} from '@app/event-store';
import type { CommandMetadata, CommandResult } from '@app/shared-kernel';
import type { AccidentRepository } from '../application/accident.repository.js';
import { ACCIDENT_EVENT_CODEC } from '../domain/accident-event.codec.js';
import { Accident } from '../domain/accident.aggregate.js';
import {
  accidentStreamName,
  type AccidentEvent,
} from '../domain/accident.events.js';

/** Accident aggregates on their `accident-<id>` streams, through the event store. */
@Injectable()
export class EventStoreAccidentRepository implements AccidentRepository {
  private readonly aggregates: AggregateRepository<AccidentEvent, Accident>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.aggregates = new AggregateRepository<AccidentEvent, Accident>(store, {
      create: Accident.empty,
      decode: (stored) =>
        stored.map((event) => ACCIDENT_EVENT_CODEC.decode(event)),
    });
  }

  load(accidentId: string, expectedVersion?: bigint): Promise<Accident> {
    return this.aggregates.load(
      accidentStreamName(accidentId),
      expectedVersion,
    );
  }

  save(
    accidentId: string,
    accident: Accident,
    meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.aggregates.save(accidentStreamName(accidentId), accident, meta);
  }
}
