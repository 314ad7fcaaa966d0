import { AggregateRepository, type EventStore } from '@app/event-store';
import { ACCIDENT_EVENT_CODEC } from '../domain/accident-event.codec.js';
import { Accident } from '../domain/accident.aggregate.js';
import type { AccidentEvent } from '../domain/accident.events.js';

export const accidentRepository = (store: EventStore): AggregateRepository<AccidentEvent, Accident> =>
  new AggregateRepository<AccidentEvent, Accident>(store, Accident.empty, (stored) => ACCIDENT_EVENT_CODEC.decode(stored));
