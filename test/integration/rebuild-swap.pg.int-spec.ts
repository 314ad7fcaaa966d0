import { PgTestDatabase } from '../../libs/event-store/src/postgres/pg-test-database.js';
import { describeSwapUnderReads } from '../support/rebuild-swap.scenario.js';

const database = new PgTestDatabase();

beforeAll(() => database.create());
afterAll(() => database.drop());

describeSwapUnderReads('PostgreSQL events and read models', () => ({
  READ_MODEL_DB: 'postgres',
  EVENT_STORE: 'postgres',
  DATABASE_URL: database.url,
}));
