import { PgTestDatabase } from '../../libs/event-store/src/postgres/pg-test-database.js';
import { createTestApp } from '../support/test-app.js';
import { describeReadModelRebuild } from '../support/read-model-rebuild.scenario.js';

const database = new PgTestDatabase();

beforeAll(() => database.create());
afterAll(() => database.drop());

// Events and read models both in PostgreSQL: the production layout without KurrentDB.
describeReadModelRebuild('PostgreSQL', () =>
  createTestApp({
    READ_MODEL_DB: 'postgres',
    EVENT_STORE: 'postgres',
    DATABASE_URL: database.url,
    WORKER_REF_SECRET: 'x'.repeat(40),
  }),
);
