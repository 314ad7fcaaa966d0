import { PgTestDatabase } from '../../libs/event-store/src/postgres/pg-test-database.js';
import { loadCalibrationHistory } from '../support/calibration-history.js';
import { getCaughtUp } from '../support/caught-up.js';
import { apiAs } from '../support/enterprise.factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

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
      '/metrics/accident-reduction?from=2024-01-01&to=2024-08-31',
    );
    const figures = [
      'accidents',
      'deaths',
      'injured',
      'aboveScaleWorkInjuryAccidents',
      'aboveScaleEnterprisesInvolved',
      'aboveScaleMedicalTreatmentClaims',
    ];
    expect(figures.map((f) => [body[f].previous, body[f].current])).toEqual([
      [91, 58],
      [77, 45],
      [20, 5],
      [27, 17],
      [27, 17],
      [109, 15],
    ]);
    for (const figure of figures) {
      const { body: facts } = await apiAs(t, 'auditor-1')
        .get(
          `/metrics/accident-reduction/facts?figure=${figure}&period=previous&from=2024-01-01&to=2024-08-31&pageSize=200`,
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
