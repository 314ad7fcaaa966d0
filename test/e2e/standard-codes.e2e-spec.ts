import { hrDeclaration } from '@app/hr-feed-contracts/testing';
import { enterpriseRegistration, ZONE_2_USCC } from '@app/enterprises/testing';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const FEED_WEEK = '2026-W09';

function declaration(overrides: Record<string, unknown> = {}) {
  return hrDeclaration({
    claimId: 'GB-1',
    feedWeek: FEED_WEEK,
    employer: { uscc: ZONE_2_USCC, name: '湘乡市示范机械制造有限公司' },
    accidentType: { standard: 'GB6441-2025', code: 'WSA10004' },
    ...overrides,
  });
}

const accident = (overrides: Record<string, unknown> = {}) => ({
  accidentId: 'ACC-1',
  zoneId: 'zone-1',
  occurredAt: '2026-07-03T10:00:00+08:00',
  accidentType: { standard: 'GB6441-2025', code: 'WSA10009' },
  deaths: 0,
  seriousInjuries: 1,
  minorInjuries: 2,
  directLossYuan: 50_000,
  description: '仓库火灾',
  ...overrides,
});

describe('GB 6441-2025 codes through HTTP (embedded default)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
  });

  afterEach(async () => {
    await t.close();
  });

  const api = () => apiAs(t, 'officer-zone-2');

  it('records an accident under a WSA code and refuses WSA10027 and the old short code, naming /accidentType/code', async () => {
    await api().post('/accidents', accident()).expect(201);
    for (const code of ['WSA10027', '27']) {
      const refused = await api()
        .post(
          '/accidents',
          accident({
            accidentId: `ACC-${code}`,
            accidentType: { standard: 'GB6441-2025', code },
          }),
        )
        .expect(400);
      expect(refused.headers['content-type']).toContain(
        'application/problem+json',
      );
      expect(refused.body).toMatchObject({
        status: 400,
        code: 'ACCIDENT_TYPE_UNKNOWN',
      });
      expect(refused.body.errors).toEqual([
        {
          path: '/accidentType/code',
          message: expect.stringContaining(
            `'${code}' is not a GB6441-2025 accident type`,
          ),
        },
      ]);
    }
  });

  it('quarantines a feed record with WSA10027, naming /accidentType/code', async () => {
    const batch = await api()
      .post('/hr-feed/batches', {
        feedWeek: FEED_WEEK,
        records: [
          declaration({
            accidentType: { standard: 'GB6441-2025', code: 'WSA10027' },
          }),
        ],
      })
      .expect(200);
    expect(batch.body.results[0]).toMatchObject({ outcome: 'quarantined' });
    expect(batch.body.results[0].reasons).toEqual([
      {
        path: '/accidentType/code',
        message: expect.stringContaining(
          "'WSA10027' is not a GB6441-2025 accident type",
        ),
      },
    ]);
  });

  it('flags a GB 6441-2025 跌落 case as a recurrence of a GB 6441-86 其他伤害 slip at the same employer', async () => {
    await api().post('/enterprises', enterpriseRegistration()).expect(201);
    const batch = await api()
      .post('/hr-feed/batches', {
        feedWeek: FEED_WEEK,
        records: [
          declaration({
            claimId: 'SLIP-86',
            injuredAt: '2026-01-05T08:00:00+08:00',
            accidentType: { standard: 'GB6441-86', code: '20' },
          }),
          declaration({
            claimId: 'TRIP-25',
            injuredAt: '2026-02-25T09:30:00+08:00',
            accidentType: { standard: 'GB6441-2025', code: 'WSA10011' },
          }),
        ],
      })
      .expect(200);
    expect(batch.body.counts).toMatchObject({ accepted: 2, quarantined: 0 });
    // Once the detector has read the declarations, its flag is in the log; then read the view past it.
    await api()
      .get(`/injury-cases/TRIP-25?minPosition=${batch.body.globalPosition}`)
      .expect(200);
    const head = await t.store.headPosition();
    const flagged = await api()
      .get(`/injury-cases/TRIP-25?minPosition=${head}`)
      .expect(200);
    expect(flagged.body.recurrences).toEqual([
      expect.objectContaining({
        previousClaimId: 'SLIP-86',
        daysBetween: 51,
        accidentType: {
          standard: 'GB6441-2025',
          code: 'WSA10011',
          name: '跌落',
        },
      }),
    ]);
  });
});

describe('enterprise registration checks GB 32100 region digits and GB/T 4754 sections (embedded default)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
  });

  afterEach(async () => {
    await t.close();
  });

  const api = () => apiAs(t, 'officer-zone-2');

  it('refuses a USCC with letters in the region code (positions 3–8), naming /uscc and the position', async () => {
    const refused = await api()
      .post(
        '/enterprises',
        enterpriseRegistration({ uscc: '9143A381MA4L16JQ92' }),
      )
      .expect(400);
    expect(refused.headers['content-type']).toContain(
      'application/problem+json',
    );
    expect(refused.body).toMatchObject({
      status: 400,
      code: 'USCC_INVALID_REGION_CODE',
    });
    expect(refused.body.errors).toEqual([
      {
        path: '/uscc',
        message: expect.stringContaining("Character 5 ('A') is not a digit"),
      },
    ]);
  });

  it('refuses C01 (division 01 is in section A), naming /industryCode, and accepts A01 and C3411', async () => {
    const refused = await api()
      .post('/enterprises', enterpriseRegistration({ industryCode: 'C01' }))
      .expect(400);
    expect(refused.body).toMatchObject({
      status: 400,
      code: 'INDUSTRY_CODE_INVALID',
    });
    expect(refused.body.errors).toEqual([
      {
        path: '/industryCode',
        message:
          "'C01': division 01 belongs to section A (农、林、牧、渔业), not C",
      },
    ]);
    await api()
      .post('/enterprises', enterpriseRegistration({ industryCode: 'A01' }))
      .expect(201);
    await api()
      .post(
        '/enterprises',
        enterpriseRegistration({
          uscc: '91430381MA4L16JQ92',
          industryCode: 'C3411',
        }),
      )
      .expect(201);
  });
});
