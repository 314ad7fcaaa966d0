import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const accident = (overrides: Record<string, unknown> = {}) => ({
  accidentId: 'FIRE-1',
  zoneId: 'zone-1',
  occurredAt: '2026-07-03T10:00:00+08:00',
  accidentType: { standard: 'GB6441-2025', code: 'WSA10009' },
  deaths: 0,
  seriousInjuries: 2,
  minorInjuries: 1,
  directLossYuan: 300_000,
  description: '仓库火灾',
  ...overrides,
});

describe('accident view: GB 6441-2025 degree of injury and the 条例 art. 13 window of casualty revisions (embedded default)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp({}, '2026-07-03T06:00:00.000Z');
  });

  afterEach(async () => {
    await t.close();
  });

  const api = () => apiAs(t, 'officer-zone-1');
  const viewOf = async (accidentId: string, position: number) =>
    (
      (await api().get(`/accidents?minPosition=${position}`).expect(200))
        .body as { accidentId: string }[]
    ).find((a) => a.accidentId === accidentId) as Record<string, unknown>;

  it('a fire: a death on day 6 is within the 7-day window, a second on day 9 is not; the degree follows the figures', async () => {
    const reported = await api().post('/accidents', accident()).expect(201);
    expect(await viewOf('FIRE-1', reported.body.globalPosition)).toMatchObject({
      injuryDegree: { code: 'WSA20003', name: '重伤' },
      revisions: [],
    });

    await api()
      .post('/accidents/FIRE-1/casualty-revisions', {
        deaths: 1,
        seriousInjuries: 1,
        minorInjuries: 1,
        reason: '一名重伤者抢救无效死亡',
        effectiveAt: '2026-07-09T20:00:00+08:00',
      })
      .expect(201);
    t.clock.set('2026-07-13T02:00:00.000Z'); // day 10: recorded now, without an effectiveAt, so the change is dated now
    const late = await api()
      .post('/accidents/FIRE-1/casualty-revisions', {
        deaths: 2,
        seriousInjuries: 0,
        minorInjuries: 1,
        reason: '第二名重伤者死亡',
      })
      .expect(201);

    const view = await viewOf('FIRE-1', late.body.globalPosition);
    expect(view).toMatchObject({
      deaths: 2,
      injuryDegree: { code: 'WSA20004', name: '死亡事故' },
      revisionCount: 2,
      revisions: [
        {
          changedAt: '2026-07-09T12:00:00.000Z',
          deaths: 1,
          withinReportingWindow: true,
          reportingWindowDays: 7,
        },
        {
          changedAt: '2026-07-13T02:00:00.000Z',
          deaths: 2,
          withinReportingWindow: false,
          reportingWindowDays: 7,
        },
      ],
    });
  });

  it('another type gets 30 days; a revision dated before the accident is refused naming /effectiveAt', async () => {
    await api()
      .post(
        '/accidents',
        accident({
          accidentId: 'MECH-1',
          accidentType: { standard: 'GB6441-2025', code: 'WSA10004' },
        }),
      )
      .expect(201);
    const revised = await api()
      .post('/accidents/MECH-1/casualty-revisions', {
        deaths: 1,
        seriousInjuries: 1,
        minorInjuries: 1,
        reason: '伤者第30日死亡',
        effectiveAt: '2026-08-02T09:00:00+08:00',
      })
      .expect(201);
    expect(
      (await viewOf('MECH-1', revised.body.globalPosition)).revisions,
    ).toEqual([
      expect.objectContaining({
        withinReportingWindow: true,
        reportingWindowDays: 30,
      }),
    ]);

    const early = await api()
      .post('/accidents/MECH-1/casualty-revisions', {
        deaths: 2,
        seriousInjuries: 0,
        minorInjuries: 1,
        reason: 'x',
        effectiveAt: '2026-07-01T09:00:00+08:00',
      })
      .expect(400);
    expect(early.body).toMatchObject({
      code: 'ACCIDENT_INVALID',
      errors: [
        {
          path: '/effectiveAt',
          message: expect.stringContaining('before the accident'),
        },
      ],
    });
  });
});
