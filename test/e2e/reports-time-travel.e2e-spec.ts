import { hrDeclaration } from '@app/hr-feed-contracts/testing';
import { isoWeekOf } from '@app/shared-kernel';
import { enterpriseRegistration } from '@app/enterprises/testing';
import { makeIdNumber } from '../support/hr-feed-fixtures.js';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const A = '91110108551385082Q';
const B = '91430381MA4L16JQ92';
const WEEK = '2024-W11';

/** Every report (and some facts) as asked at one instant; `asRecordedAt` is left out to compare. */
const QUERIES = [
  '/metrics/accident-reduction?from=2024-01-01&to=2024-08-31',
  '/metrics/accident-reduction?from=2024-01-01&to=2024-08-31&zoneId=zone-2',
  '/metrics/accident-reduction/facts?figure=aboveScaleWorkInjuryAccidents&from=2024-01-01&to=2024-08-31',
  '/metrics/accident-reduction/facts?figure=deaths&from=2024-01-01&to=2024-08-31',
  '/zones/competition?month=2024-03',
  '/zones/competition/facts?month=2024-03&zoneId=zone-2&indicator=injuryDeclarations',
  `/reports/weekly-injuries?week=${WEEK}`,
  `/reports/weekly-injuries/facts?week=${WEEK}&count=received`,
];

function declaration(
  claimId: string,
  serial: number,
  overrides: Record<string, unknown> = {},
) {
  return hrDeclaration({
    claimId,
    feedWeek: WEEK,
    employer: { uscc: A },
    injuredAt: '2024-03-08T10:00:00+08:00',
    declaredAt: '2024-03-11',
    accidentType: { standard: 'GB6441-86', code: '01' },
    worker: { idNumber: makeIdNumber(serial) },
    ...overrides,
  });
}

describe('reports as recorded at an instant equal what they said live at that instant', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({}, '2024-03-12T02:00:00.000Z');
  });
  afterAll(async () => {
    await t.close();
  });

  async function snapshot(asRecordedAt?: string): Promise<unknown[]> {
    const head = Number(await t.store.headPosition());
    const answers: unknown[] = [];
    for (const q of QUERIES) {
      const suffix = asRecordedAt
        ? `&asRecordedAt=${encodeURIComponent(asRecordedAt)}`
        : '';
      const { body } = await apiAs(t, 'auditor-1')
        .get(`${q}&minPosition=${head}${suffix}`)
        .expect(200);
      delete body.asRecordedAt;
      answers.push(body);
    }
    return answers;
  }

  it('replays snapshots taken after late, corrected and withdrawn facts', async () => {
    const officer = apiAs(t, 'officer-1');
    const hr = apiAs(t, 'hr-feed');
    const live: { at: string; answers: unknown[] }[] = [];
    const take = async () =>
      live.push({ at: t.clock.now().toISOString(), answers: await snapshot() });

    // T1: two enterprises, an accident, the week's first declarations.
    await officer
      .post(
        '/enterprises',
        enterpriseRegistration({
          uscc: A,
          zoneId: 'zone-2',
          effectiveAt: '2023-06-01T09:00:00+08:00',
        }),
      )
      .expect(201);
    await officer
      .post(
        '/enterprises',
        enterpriseRegistration({
          uscc: B,
          zoneId: 'zone-3',
          aboveDesignatedSize: false,
          effectiveAt: '2023-06-01T09:00:00+08:00',
        }),
      )
      .expect(201);
    const accident = {
      accidentId: 'TT-1',
      uscc: A,
      occurredAt: '2024-03-05T10:00:00+08:00',
      accidentType: { standard: 'GB6441-86', code: '04' },
      deaths: 0,
      seriousInjuries: 2,
      minorInjuries: 0,
      directLossYuan: 10_000,
      description: '起重伤害',
    };
    await officer.post('/accidents', accident).expect(201);
    await hr
      .post('/hr-feed/batches', {
        feedWeek: WEEK,
        records: [
          declaration('TT-HR-1', 1),
          declaration('TT-HR-2', 2, { employer: { uscc: B } }),
        ],
      })
      .expect(200);
    await take();

    // T2 (a week later): a late accident that happened in February, a death within 30 days, a correction.
    t.clock.set('2024-03-19T03:00:00.000Z');
    await officer
      .post('/accidents', {
        ...accident,
        accidentId: 'TT-0',
        occurredAt: '2024-02-20T10:00:00+08:00',
        deaths: 1,
        seriousInjuries: 0,
      })
      .expect(201);
    await officer
      .post('/accidents/TT-1/casualty-revisions', {
        deaths: 1,
        seriousInjuries: 1,
        minorInjuries: 0,
        reason: '伤者30日内死亡',
      })
      .expect(201);
    await hr
      .post('/hr-feed/batches', {
        feedWeek: WEEK,
        records: [
          declaration('TT-HR-1', 1, {
            incidentRef: 'INC-TT',
            medicalTreatmentClaim: false,
          }),
        ],
      })
      .expect(200);
    await hr
      .post('/hr-feed/batches', {
        feedWeek: WEEK,
        records: [declaration('TT-HR-3', 3, { incidentRef: 'INC-TT' })],
        manifest: {
          expectedCount: 4,
          claimIds: ['TT-HR-1', 'TT-HR-2', 'TT-HR-3', 'TT-HR-4'],
        },
      })
      .expect(200);
    await take();

    // T3: the enterprise B becomes above designated size (effective before the injury); one declaration withdrawn.
    t.clock.set('2024-04-02T03:00:00.000Z');
    await t
      .as({ sub: 'officer-1' })
      .patch(`/api/v1/enterprises/${B}`)
      .send({
        aboveDesignatedSize: true,
        effectiveAt: '2024-03-01T00:00:00+08:00',
      })
      .expect(200);
    await hr
      .post('/hr-feed/batches', {
        feedWeek: WEEK,
        records: [
          declaration('TT-HR-3', 3, {
            incidentRef: 'INC-TT',
            determination: 'not-recognised',
          }),
        ],
      })
      .expect(200);
    await take();

    // Later still: more facts, which must not leak into the earlier answers.
    t.clock.set('2024-05-02T03:00:00.000Z');
    await officer
      .post('/accidents', {
        ...accident,
        accidentId: 'TT-2',
        occurredAt: '2024-03-01T10:00:00+08:00',
        deaths: 3,
      })
      .expect(201);
    await hr
      .post('/hr-feed/batches', {
        feedWeek: isoWeekOf('2024-04-30'),
        records: [
          declaration('TT-HR-9', 9, {
            feedWeek: isoWeekOf('2024-04-30'),
            injuredAt: '2024-03-09T10:00:00+08:00',
          }),
        ],
      })
      .expect(200);

    type Reduction = {
      deaths: { current: number };
      aboveScaleWorkInjuryAccidents: { current: number };
    };
    const reduction = (i: number) => live[i].answers[0] as Reduction;
    expect(
      live.map((_, i) => [
        reduction(i).deaths.current,
        reduction(i).aboveScaleWorkInjuryAccidents.current,
      ]),
    ).toEqual([
      [0, 1], // B below designated size
      [2, 1], // the late accident and the death within 30 days; HR-3 joins HR-1's incident
      [2, 2], // B above size since 1 March counts HR-2; HR-3 withdrawn, its incident still counts through HR-1
    ]);
    for (const { at, answers } of live) {
      expect({ at, answers: await snapshot(at) }).toEqual({ at, answers });
    }
    // The live figures did move on: the check above compares different answers.
    expect(new Set(live.map((s) => JSON.stringify(s.answers))).size).toBe(
      live.length,
    );
    expect(JSON.stringify(await snapshot())).not.toEqual(
      JSON.stringify(live[live.length - 1].answers),
    );
  });
});
