import {
  hrDeclaration,
  PRESS_SHOP_INJURY,
} from '@app/hr-feed-contracts/testing';
import { enterpriseRegistration, ZONE_2_USCC } from '@app/enterprises/testing';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const USCC = ZONE_2_USCC;
const CLAIM = 'XX-2026-000007';

function declaration() {
  return hrDeclaration({
    claimId: CLAIM,
    employer: { uscc: USCC, name: '湘乡市示范机械制造有限公司' },
    ...PRESS_SHOP_INJURY,
    worker: {
      idNumber: '430381199001011234',
      occupation: '冲压工',
      gender: 'male',
    },
  });
}

describe('entity views as recorded at an instant (time travel)', () => {
  let t: TestApp;
  const api = () => apiAs(t, 'officer-zone-2');

  beforeEach(async () => {
    t = await createTestApp({}, '2026-03-02T01:00:00.000Z');
  });

  afterEach(async () => {
    await t.close();
  });

  it('answers the enterprise view as it stood then, and the present one for an instant after the last event', async () => {
    await api().post('/enterprises', enterpriseRegistration()).expect(201);
    t.clock.set('2026-03-05T01:00:00.000Z');
    await api()
      .post(`/enterprises/${USCC}/enrolment`, { cohort: 'pilot' })
      .expect(201);
    t.clock.set('2026-03-09T01:00:00.000Z');
    const last = await api()
      .post(`/enterprises/${USCC}/zone-reassignments`, {
        toZoneId: 'zone-3',
        reason: '行政区划调整',
        effectiveAt: '2026-03-08T00:00:00+08:00',
      })
      .expect(201);

    expect(
      (
        await api()
          .get(`/enterprises/${USCC}?asRecordedAt=2026-03-01T00:00:00Z`)
          .expect(404)
      ).body.code,
    ).toBe('ENTERPRISE_NOT_FOUND');
    const registered = (
      await api()
        .get(`/enterprises/${USCC}?asRecordedAt=2026-03-03T00:00:00Z`)
        .expect(200)
    ).body;
    expect(registered).toMatchObject({
      uscc: USCC,
      stage: 'registered',
      enrolment: null,
      zone: { id: 'zone-2' },
      streamPosition: 0,
    });
    const enrolled = (
      await api()
        .get(`/enterprises/${USCC}?asRecordedAt=2026-03-05T01:00:00.000Z`)
        .expect(200)
    ).body;
    expect(enrolled).toMatchObject({
      enrolment: { cohort: 'pilot' },
      zone: { id: 'zone-2' },
      streamPosition: 1,
    });

    const live = (
      await api()
        .get(`/enterprises/${USCC}?minPosition=${last.body.globalPosition}`)
        .expect(200)
    ).body;
    expect(live.zone.id).toBe('zone-3');
    expect(
      (
        await api()
          .get(`/enterprises/${USCC}?asRecordedAt=2030-01-01T00:00:00Z`)
          .expect(200)
      ).body,
    ).toEqual(live);

    expect(
      (
        await api()
          .get(`/enterprises/${USCC}?asRecordedAt=last-tuesday`)
          .expect(400)
      ).body.status,
    ).toBe(400);
  });

  it('answers the injury case view as it stood then, including its re-attribution when the employer registered', async () => {
    await api()
      .post('/hr-feed/batches', {
        feedWeek: '2026-W09',
        records: [declaration()],
      })
      .expect(200);
    t.clock.set('2026-03-03T01:00:00.000Z');
    await api().post('/enterprises', enterpriseRegistration()).expect(201);
    t.clock.set('2026-03-04T01:00:00.000Z');
    const visit = await api()
      .post(`/injury-cases/${CLAIM}/follow-up-visits`, {
        causeAnalysis: {
          accidentType: { standard: 'GB6441-86', code: '03' },
          directCauses: ['模具防护罩缺失'],
          rootCauses: ['unsafe-condition'],
          narrative: '防护装置被拆除',
        },
        recommendations: ['恢复防护罩'],
      })
      .expect(201);

    expect(
      (
        await api()
          .get(`/injury-cases/${CLAIM}?asRecordedAt=2026-03-01T00:00:00Z`)
          .expect(404)
      ).body.code,
    ).toBe('INJURY_CASE_NOT_FOUND');
    const declared = (
      await api()
        .get(`/injury-cases/${CLAIM}?asRecordedAt=2026-03-02T12:00:00Z`)
        .expect(200)
    ).body;
    expect(declared).toMatchObject({
      claimId: CLAIM,
      zoneId: 'unassigned',
      status: 'follow-up-due',
    });
    const attributed = (
      await api()
        .get(`/injury-cases/${CLAIM}?asRecordedAt=2026-03-03T12:00:00Z`)
        .expect(200)
    ).body;
    expect(attributed).toMatchObject({
      zoneId: 'zone-2',
      status: 'follow-up-due',
    });

    const live = (
      await api()
        .get(`/injury-cases/${CLAIM}?minPosition=${visit.body.globalPosition}`)
        .expect(200)
    ).body;
    expect(live.status).not.toBe('follow-up-due');
    expect(
      (
        await api()
          .get(`/injury-cases/${CLAIM}?asRecordedAt=2030-01-01T00:00:00Z`)
          .expect(200)
      ).body,
    ).toEqual(live);
  });
});
