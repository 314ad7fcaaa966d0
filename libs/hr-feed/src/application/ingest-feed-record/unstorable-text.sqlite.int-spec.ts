import { createEventStore } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';
import { describeUnstorableFeedRecord } from './unstorable-text.scenario.js';

describeUnstorableFeedRecord('SQLite', () =>
  createEventStore(
    { kind: 'sqlite', filename: ':memory:' },
    new FixedClock('2024-09-01T00:00:00Z'),
  ),
);
