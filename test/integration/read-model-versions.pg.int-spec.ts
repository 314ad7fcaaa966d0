import { PgTestDatabase } from '../../libs/event-store/src/postgres/pg-test-database.js';
import { describeReadModelVersions } from '../support/read-model-versions.scenario.js';

const database = new PgTestDatabase();

beforeAll(() => database.create());
afterAll(() => database.drop());

describeReadModelVersions('PostgreSQL events and read models', () => ({
  READ_MODEL_DB: 'postgres',
  EVENT_STORE: 'postgres',
  DATABASE_URL: database.url,
}));
