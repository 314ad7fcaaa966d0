import { hrDeclaration } from '@app/hr-feed-contracts/testing';
import { enterpriseRegistration, ZONE_2_USCC } from '@app/enterprises/testing';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const FEED_WEEK = '2026-W09';

/** A v1 record; `v2(…)` is the same facts under contract version 2. */
function v1(overrides: Record<string, unknown> = {}) {
  return hrDeclaration({
    feedWeek: FEED_WEEK,
    employer: { uscc: ZONE_2_USCC, name: '湘乡市示范机械制造有限公司' },
    worker: { idNumber: '430381199001011234', occupation: '冲压工' },
    ...overrides,
  });
}
const v2 = (overrides: Record<string, unknown> = {}) =>
  v1({ schemaVersion: 2, ...overrides });

describe('HR feed contract v2 beside v1 on the same batch endpoint (embedded default)', () => {
  let t: TestApp;
  const hr = () => apiAs(t, 'hr-feed');

  beforeEach(async () => {
    t = await createTestApp();
    await hr().post('/enterprises', enterpriseRegistration()).expect(201);
  });

  afterEach(async () => {
    await t.close();
  });

  it('a v1 and a v2 record for the same claim give the same case: the v2 one is a duplicate', async () => {
    const first = await hr()
      .post('/hr-feed/batches', { feedWeek: FEED_WEEK, records: [v1()] })
      .expect(200);
    const view = async (position: number) =>
      (await hr().get(`/injury-cases/HR-1?minPosition=${position}`).expect(200))
        .body;
    const before = await view(first.body.globalPosition);

    const second = await hr()
      .post('/hr-feed/batches', { feedWeek: FEED_WEEK, records: [v2()] })
      .expect(200);
    expect(second.body.counts).toEqual({
      accepted: 0,
      corrected: 0,
      duplicate: 1,
      withdrawn: 0,
      quarantined: 0,
    });
    const after = await view(Number(await t.store.headPosition()));
    expect(after).toEqual(before);
    expect(after.declaration).toMatchObject({ injuryNature: 'workplace' });
  });

  it('reads v1 sudden-illness as sudden-death-48h; the same claim in v2 is then a duplicate', async () => {
    const facts = {
      claimId: 'HR-2',
      determination: 'deemed',
      severity: 'fatal',
      accidentType: undefined,
    };
    const first = await hr()
      .post('/hr-feed/batches', {
        feedWeek: FEED_WEEK,
        records: [v1({ ...facts, injuryNature: 'sudden-illness' })],
      })
      .expect(200);
    const received = await hr()
      .get(`/injury-cases/HR-2?minPosition=${first.body.globalPosition}`)
      .expect(200);
    expect(received.body.declaration.injuryNature).toBe('sudden-death-48h');
    const second = await hr()
      .post('/hr-feed/batches', {
        feedWeek: FEED_WEEK,
        records: [v2({ ...facts, injuryNature: 'sudden-death-48h' })],
      })
      .expect(200);
    expect(second.body.results[0].outcome).toBe('duplicate');
  });

  it('quarantines v2 records with a v1-only nature or a determination that does not fit, naming the field', async () => {
    const batch = await hr()
      .post('/hr-feed/batches', {
        feedWeek: FEED_WEEK,
        records: [
          v2({ claimId: 'Q-1', injuryNature: 'sudden-illness' }),
          v2({ claimId: 'Q-2', determination: 'deemed' }),
          v2({ claimId: 'Q-3', schemaVersion: 3 }),
        ],
      })
      .expect(200);
    expect(
      batch.body.results.map((r: { outcome: string }) => r.outcome),
    ).toEqual(['quarantined', 'quarantined', 'quarantined']);
    expect(
      batch.body.results.map((r: { reasons: { path: string }[] }) =>
        r.reasons.map((x) => x.path),
      ),
    ).toEqual([['/injuryNature'], ['/determination'], ['/schemaVersion']]);
    const quarantine = await hr()
      .get(
        `/hr-feed/quarantine?feedWeek=${FEED_WEEK}&minPosition=${batch.body.globalPosition}`,
      )
      .expect(200);
    expect(quarantine.body.total).toBe(3);
  });

  it('reconciles a week of mixed v1 and v2 records against a v2 manifest', async () => {
    const batch = await hr()
      .post('/hr-feed/batches', {
        feedWeek: FEED_WEEK,
        records: [
          v1({ claimId: 'M-1' }),
          v2({
            claimId: 'M-2',
            injuryNature: 'business-trip',
            worker: { idNumber: '43038119850505321X' },
          }),
          {
            schemaVersion: 2,
            kind: 'manifest',
            feedWeek: FEED_WEEK,
            expectedCount: 3,
            claimIds: ['M-1', 'M-2', 'M-3'],
          },
        ],
      })
      .expect(200);
    expect(batch.body.counts).toMatchObject({ accepted: 3, quarantined: 0 });
    const reconciliation = await hr()
      .get(
        `/hr-feed/weeks/${FEED_WEEK}/reconciliation?minPosition=${batch.body.globalPosition}`,
      )
      .expect(200);
    expect(reconciliation.body).toMatchObject({
      expectedCount: 3,
      received: 2,
      missingClaimIds: ['M-3'],
      unexpectedClaimIds: [],
    });
  });

  it('takes v2 records in CSV through a schemaVersion column', async () => {
    const csv = [
      'schemaVersion,claimId,employer.uscc,injuredAt,declaredAt,determination,injuryNature,severity,medicalTreatmentClaim',
      `2,CSV-1,${ZONE_2_USCC},2026-02-25T09:30:00+08:00,2026-02-27,recognised,work-preparation,minor,true`,
      `,CSV-2,${ZONE_2_USCC},2026-02-25T09:30:00+08:00,2026-02-27,recognised,work-preparation,minor,true`,
    ].join('\n');
    const uploaded = await t.api
      .post(`/api/v1/hr-feed/batches?feedWeek=${FEED_WEEK}`)

      .set('content-type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(
      uploaded.body.results.map((r: { outcome: string }) => r.outcome),
    ).toEqual(['accepted', 'quarantined']);
    expect(uploaded.body.results[1].reasons).toEqual([
      {
        path: '/injuryNature',
        message: expect.stringContaining('"sudden-illness"'),
      },
    ]);
  });
});
