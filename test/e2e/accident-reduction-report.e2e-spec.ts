import { ACCIDENT_FIGURES } from '@app/reporting';
import {
  loadCalibrationHistory,
  PUBLISHED_ACCIDENT_REDUCTION,
  PUBLISHED_PERIOD,
} from '../support/calibration-history.js';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

describe('accident-reduction report through the public API and the HTTP feed (calibration)', () => {
  let t: TestApp;
  let last = 0;

  beforeAll(async () => {
    t = await createTestApp();
    last = await loadCalibrationHistory(t);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('gives the six published changes, unrounded', async () => {
    const res = await apiAs(t, 'leader-1')
      .get(
        `/metrics/accident-reduction?${PUBLISHED_PERIOD}&minPosition=${last}`,
      )
      .expect(200);
    expect(Number(res.headers['x-projection-position'])).toBeGreaterThanOrEqual(
      last,
    );
    const pairs = ACCIDENT_FIGURES.map((f) => [
      f,
      res.body[f].previous,
      res.body[f].current,
    ]);
    expect(pairs).toEqual(PUBLISHED_ACCIDENT_REDUCTION);
    const percents = ACCIDENT_FIGURES.map((f) => res.body[f].changePercent);
    expect(percents[0]).toBeCloseTo(-36.26373626, 7);
    expect(percents[1]).toBeCloseTo(-41.55844156, 7);
    expect(percents[2]).toBe(-75);
    expect(percents[3]).toBeCloseTo(-37.03703704, 7);
    expect(percents[4]).toBeCloseTo(-37.03703704, 7);
    expect(percents[5]).toBeCloseTo(-86.23853211, 7);
    // Rounded half-up as the county published them.
    const halfUp = (v: number, digits: number) =>
      (Math.sign(v) * Math.round(Math.abs(v) * 10 ** digits)) / 10 ** digits;
    expect([
      halfUp(percents[0], 1),
      halfUp(percents[1], 1),
      percents[2],
      halfUp(percents[3], 2),
      halfUp(percents[4], 2),
      halfUp(percents[5], 2),
    ]).toEqual([-36.3, -41.6, -75, -37.04, -37.04, -86.24]);
  });

  it('opens every figure of both periods into exactly the facts it counts', async () => {
    const leader = apiAs(t, 'leader-1');
    const { body: report } = await leader
      .get(`/metrics/accident-reduction?${PUBLISHED_PERIOD}`)
      .expect(200);
    for (const figure of ACCIDENT_FIGURES) {
      for (const period of ['current', 'previous'] as const) {
        let sum = 0;
        let lines = 0;
        let total: number;
        for (let page = 1; ; page++) {
          const { body } = await leader
            .get(
              `/metrics/accident-reduction/facts?figure=${figure}&period=${period}&${PUBLISHED_PERIOD}&page=${page}&pageSize=200`,
            )
            .expect(200);
          total = body.contributingTotal;
          lines += body.contributing.length;
          sum += body.contributing.reduce(
            (s: number, l: { counts: number }) => s + l.counts,
            0,
          );
          for (const line of body.contributing)
            expect(line.eventIds.length).toBeGreaterThan(0);
          if (body.contributing.length < 200) break;
        }
        expect({ figure, period, sum, lines }).toEqual({
          figure,
          period,
          sum: report[figure][period],
          lines: total,
        });
      }
    }
  });

  it('names why facts were left out', async () => {
    const leader = apiAs(t, 'leader-1');
    const reasons = async (figure: string, period = 'current') => {
      const { body } = await leader
        .get(
          `/metrics/accident-reduction/facts?figure=${figure}&period=${period}&${PUBLISHED_PERIOD}&pageSize=200`,
        )
        .expect(200);
      return [
        ...new Set(body.excluded.map((l: { reason: string }) => l.reason)),
      ].sort();
    };
    expect(await reasons('accidents')).toEqual([
      'outside-period-asia-shanghai',
    ]);
    expect(await reasons('accidents', 'previous')).toEqual([
      'outside-period-asia-shanghai',
    ]);
    expect(await reasons('aboveScaleWorkInjuryAccidents')).toEqual([
      'below-designated-size-at-the-time',
      'commuting',
      'occupational-disease',
      'withdrawn',
    ]);
  });

  it('answers a bad period or figure with a problem, not a 500', async () => {
    const leader = apiAs(t, 'leader-1');
    const late = await leader
      .get('/metrics/accident-reduction?from=2024-09-01&to=2024-08-31')
      .expect(400);
    expect(late.body.code).toBe('REPORT_PERIOD_INVALID');
    await leader
      .get('/metrics/accident-reduction?from=2024-02-30&to=2024-08-31')
      .expect(400);
    await leader
      .get(`/metrics/accident-reduction?${PUBLISHED_PERIOD}&zoneId=zone-9`)
      .expect(400);
    await leader
      .get(
        `/metrics/accident-reduction/facts?figure=fatalities&${PUBLISHED_PERIOD}`,
      )
      .expect(400);
    await leader
      .get(
        `/metrics/accident-reduction?${PUBLISHED_PERIOD}&asRecordedAt=yesterday`,
      )
      .expect(400);
  });
});
