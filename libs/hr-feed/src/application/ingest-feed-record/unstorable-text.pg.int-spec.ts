import { createEventStore } from '@app/event-store';
import { PgTestDatabase } from '@app/event-store/testing';
import { FixedClock } from '@app/shared-kernel';
import { describeUnstorableFeedRecord } from './unstorable-text.scenario.js';

const database = new PgTestDatabase();
let schemas = 0;

beforeAll(() => database.create());
afterAll(() => database.drop());

describeUnstorableFeedRecord('PostgreSQL', () =>
  createEventStore(
    {
      kind: 'postgres',
      connectionString: database.url,
      schema: `feed_${++schemas}`,
    },
    new FixedClock('2024-09-01T00:00:00Z'),
  ),
);
