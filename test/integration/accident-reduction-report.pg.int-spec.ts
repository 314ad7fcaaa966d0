import { ACCIDENT_FIGURES } from '@app/reporting';
import { PgTestDatabase } from '../../libs/event-store/src/postgres/pg-test-database.js';
import {
  loadCalibrationHistory,
  PUBLISHED_ACCIDENT_REDUCTION,
  PUBLISHED_PERIOD,
} from '../support/calibration-history.js';
import { getCaughtUp } from '../support/caught-up.js';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const database = new PgTestDatabase();

/** The calibration history with events and read models in PostgreSQL (the production layout without KurrentDB). */
describe('accident-reduction report on PostgreSQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    await database.create();
    t = await createTestApp({
      READ_MODEL_DB: 'postgres',
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      WORKER_REF_SECRET: 'x'.repeat(40),
    });
    await loadCalibrationHistory(t);
  }, 600_000);

  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('gives the published figures, each explained by as many facts', async () => {
    const { body } = await getCaughtUp(
      t,
      `/metrics/accident-reduction?${PUBLISHED_PERIOD}`,
    );
    expect(
      ACCIDENT_FIGURES.map((f) => [f, body[f].previous, body[f].current]),
    ).toEqual(PUBLISHED_ACCIDENT_REDUCTION);
    for (const figure of ACCIDENT_FIGURES) {
      const { body: facts } = await apiAs(t, 'auditor-1')
        .get(
          `/metrics/accident-reduction/facts?figure=${figure}&period=previous&${PUBLISHED_PERIOD}&pageSize=200`,
        )
        .expect(200);
      expect({
        figure,
        sum: facts.contributing.reduce(
          (s: number, l: { counts: number }) => s + l.counts,
          0,
        ),
      }).toEqual({ figure, sum: body[figure].previous });
    }
  }, 300_000);
});
