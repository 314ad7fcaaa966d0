import {
  hrDeclaration,
  PRESS_SHOP_INJURY,
} from '@app/hr-feed-contracts/testing';
import { enterpriseRegistration, ZONE_2_USCC } from '@app/enterprises/testing';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ZONE_1_USCC = '91430381MA4L16JQ92';
const FEED_WEEK = '2026-W09';

function declaration(claimId: string, uscc: string, idNumber: string) {
  return hrDeclaration({
    claimId,
    feedWeek: FEED_WEEK,
    employer: { uscc },
    ...PRESS_SHOP_INJURY,
    worker: { idNumber, occupation: '冲压工', gender: 'male' },
  });
}

const accident = (accidentId: string, zoneId: string) => ({
  accidentId,
  zoneId,
  occurredAt: '2026-02-20T10:00:00+08:00',
  accidentType: { standard: 'GB6441-2025', code: 'WSA10004' },
  deaths: 0,
  seriousInjuries: 1,
  minorInjuries: 0,
  directLossYuan: 1000,
  description: '机械伤害',
});

/** Issue 11 acceptance: an officer of zone-1 changes and sees zone-1 only (docs/decisions/0220-access-control.md). */
describe('zone scope of an officer', () => {
  let t: TestApp;
  let head = 0;
  const officer = () =>
    t.as({ role: 'officer', zones: ['zone-1'], sub: 'officer-zone-1' });

  beforeAll(async () => {
    t = await createTestApp();
    const admin = t.as({ sub: 'admin-1' });
    await admin
      .post('/api/v1/enterprises')
      .send(
        enterpriseRegistration({
          uscc: ZONE_1_USCC,
          zoneId: 'zone-1',
          name: '湘乡市一区机械有限公司',
        }),
      )
      .expect(201);
    await admin
      .post('/api/v1/enterprises')
      .send(enterpriseRegistration())
      .expect(201);
    await t
      .as({ role: 'hr-feed', sub: 'hr-system' })
      .post('/api/v1/hr-feed/batches')
      .send({
        feedWeek: FEED_WEEK,
        records: [
          declaration('Z1-CASE', ZONE_1_USCC, '430381199001011234'),
          declaration('Z2-CASE', ZONE_2_USCC, '430381199202021236'),
        ],
      })
      .expect(200);
    await admin
      .post('/api/v1/accidents')
      .send(accident('Z2-ACC', 'zone-2'))
      .expect(201);
    head = Number(await t.store.headPosition());
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('gets 403 writing a zone-2 enterprise, case or accident, and may write its own', async () => {
    const forbidden = [
      officer()
        .post(`/api/v1/enterprises/${ZONE_2_USCC}/headcounts`)
        .send({ period: '2026-02', headcount: 130 }),
      officer()
        .patch(`/api/v1/enterprises/${ZONE_2_USCC}`)
        .send({ headcount: 130 }),
      officer()
        .post('/api/v1/enterprises')
        .send(
          enterpriseRegistration({
            uscc: '91430381MA4L2XK18B',
            zoneId: 'zone-2',
          }),
        ),
      // Moving one's own enterprise into another zone is a change of that zone too.
      officer()
        .post(`/api/v1/enterprises/${ZONE_1_USCC}/zone-reassignments`)
        .send({
          toZoneId: 'zone-2',
          reason: 'x',
          effectiveAt: '2026-03-01T00:00:00+08:00',
        }),
      officer()
        .post('/api/v1/injury-cases/Z2-CASE/closure')
        .send({ reason: 'x' }),
      officer().post('/api/v1/injury-cases/Z2-CASE/follow-up-visits').send({}),
      officer().post('/api/v1/accidents').send(accident('Z2-ACC-2', 'zone-2')),
      officer()
        .post('/api/v1/accidents/Z2-ACC/casualty-revisions')
        .send({ deaths: 1, seriousInjuries: 0, minorInjuries: 0, reason: 'x' }),
      officer().get(`/api/v1/enterprises/${ZONE_2_USCC}`),
      officer().get('/api/v1/injury-cases/Z2-CASE'),
      officer().get('/api/v1/enterprises?zoneId=zone-2'),
    ];
    for (const [i, response] of (await Promise.all(forbidden)).entries()) {
      expect({ i, status: response.status, code: response.body.code }).toEqual({
        i,
        status: 403,
        code: 'ZONE_FORBIDDEN',
      });
    }
    const before = Number(await t.store.headPosition());
    expect(before).toBe(head);

    await officer()
      .post(`/api/v1/enterprises/${ZONE_1_USCC}/headcounts`)
      .send({ period: '2026-02', headcount: 90 })
      .expect(201);
    await officer()
      .post('/api/v1/accidents')
      .send(accident('Z1-ACC', 'zone-1'))
      .expect(201);
    const mine = await officer()
      .get(`/api/v1/injury-cases/Z1-CASE?minPosition=${head}`)
      .expect(200);
    expect(mine.body.zoneId).toBe('zone-1');
    head = Number(await t.store.headPosition());
  }, 60_000);

  it('never sees a zone-2 row in its lists or reports', async () => {
    const get = async (path: string) =>
      (
        await officer()
          .get(
            `/api/v1${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`,
          )
          .expect(200)
      ).body;
    const everything = JSON.stringify;

    const enterprises = await get('/enterprises');
    expect(enterprises.items.map((e: { uscc: string }) => e.uscc)).toEqual([
      ZONE_1_USCC,
    ]);
    expect(enterprises.total).toBe(1);
    const cases = await get('/injury-cases');
    expect(cases.items.map((c: { claimId: string }) => c.claimId)).toEqual([
      'Z1-CASE',
    ]);
    const accidents = await get('/accidents');
    expect(accidents.map((a: { accidentId: string }) => a.accidentId)).toEqual([
      'Z1-ACC',
    ]);
    const competition = await get('/zones/competition?month=2026-02');
    expect(competition.zones.map((z: { zoneId: string }) => z.zoneId)).toEqual([
      'zone-1',
    ]);
    const weekly = await get(`/reports/weekly-injuries?week=${FEED_WEEK}`);
    expect(weekly.byZone).toEqual({ 'zone-1': 1 });
    const reduction = await get(
      '/metrics/accident-reduction?from=2026-01-01&to=2026-03-31',
    );
    expect(reduction.zoneId).toBe('zone-1');
    for (const body of [
      enterprises,
      cases,
      accidents,
      competition,
      weekly,
      reduction,
    ]) {
      expect(everything(body)).not.toContain('zone-2');
      expect(everything(body)).not.toContain(ZONE_2_USCC);
    }

    // The same lists for an admin do hold zone 2: the filter, not an empty county, keeps them out.
    const all = await t.api
      .get(`/api/v1/enterprises?minPosition=${head}`)
      .expect(200);
    expect(all.body.total).toBe(2);
    const allCompetition = await t.api
      .get(`/api/v1/zones/competition?month=2026-02&minPosition=${head}`)
      .expect(200);
    expect(everything(allCompetition.body)).toContain('zone-2');
  }, 60_000);

  it('returns narratives to admins, officers and auditors, never to leaders', async () => {
    await officer()
      .post('/api/v1/injury-cases/Z1-CASE/follow-up-visits')
      .send({
        causeAnalysis: {
          accidentType: { standard: 'GB6441-86', code: '03' },
          directCauses: ['模具防护罩缺失'],
          rootCauses: ['unsafe-condition'],
          narrative: '防护装置被拆除',
        },
        recommendations: ['恢复防护罩'],
      })
      .expect(201);
    head = Number(await t.store.headPosition());
    const narratives = (body: unknown) =>
      (JSON.stringify(body).match(/"narrative":"[^"]*"/g) ?? []).sort();
    const seen: Record<string, number> = {};
    const readers = {
      admin: t.as({ sub: 'admin-1' }),
      officer: officer(),
      auditor: t.as({ role: 'auditor', sub: 'auditor-1' }),
      leader: t.as({ role: 'leader', sub: 'leader-1' }),
    };
    for (const [role, client] of Object.entries(readers)) {
      const one = (
        await client
          .get(`/api/v1/injury-cases/Z1-CASE?minPosition=${head}`)
          .expect(200)
      ).body;
      const list = (
        await client
          .get(`/api/v1/injury-cases?zoneId=zone-1&minPosition=${head}`)
          .expect(200)
      ).body;
      const asRecorded = (
        await client
          .get(`/api/v1/injury-cases/Z1-CASE?asRecordedAt=2030-01-01T00:00:00Z`)
          .expect(200)
      ).body;
      seen[role] = [one, list, asRecorded].flatMap(narratives).length;
      if (role === 'leader') {
        expect(JSON.stringify([one, list, asRecorded])).not.toContain(
          '"narrative"',
        );
        // The rest of the case is theirs to read.
        expect(one).toMatchObject({
          claimId: 'Z1-CASE',
          zoneId: 'zone-1',
          declaration: { severity: 'minor' },
        });
        expect(one.followUp.causeAnalysis.directCauses).toEqual([
          '模具防护罩缺失',
        ]);
      } else {
        expect(narratives(one)).toEqual([
          '"narrative":"冲压作业时左手被模具挤压"',
          '"narrative":"防护装置被拆除"',
        ]);
        expect(narratives(list)).toEqual(narratives(one));
        expect(narratives(asRecorded)).toEqual(narratives(one));
      }
    }
    console.log(
      `[narratives] narrative fields in the case, list and as-recorded answers per role: ${JSON.stringify(seen)}`,
    );
    expect(seen).toEqual({ admin: 6, officer: 6, auditor: 6, leader: 0 });
  }, 60_000);

  it('recorded every event with the subject of the token that caused it', async () => {
    const { checked, mismatches } = await t.checkActors();
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(6);
    const actors = new Set(
      (await t.store.readAll()).map((e) => e.metadata.actor),
    );
    expect([...actors]).toEqual(
      expect.arrayContaining(['admin-1', 'hr-system', 'officer-zone-1']),
    );
  });
});
