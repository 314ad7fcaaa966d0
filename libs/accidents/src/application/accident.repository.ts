import { AggregateRepository, type EventStore } from '@app/event-store';
import { Accident } from '../domain/accident.aggregate.js';
import type { AccidentEvent } from '../domain/accident.events.js';

export const accidentRepository = (store: EventStore): AggregateRepository<AccidentEvent, Accident> =>
  new AggregateRepository<AccidentEvent, Accident>(store, Accident.empty);
