import {
  hrDeclaration,
  PRESS_SHOP_INJURY,
} from '@app/hr-feed-contracts/testing';
import {
  DEFAULT_COMPONENTS,
  enterpriseRegistration,
  ZONE_2_USCC,
} from '@app/enterprises/testing';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const USCC = ZONE_2_USCC;
const ID_NUMBER = '430381199001011234';
const FEED_WEEK = '2026-W09';
const COMPONENTS = DEFAULT_COMPONENTS;
const registration = enterpriseRegistration;

function declaration(overrides: Record<string, unknown> = {}) {
  return hrDeclaration({
    claimId: 'XX-2026-000001',
    feedWeek: FEED_WEEK,
    employer: { uscc: USCC, name: '湘乡市示范机械制造有限公司' },
    ...PRESS_SHOP_INJURY,
    worker: { idNumber: ID_NUMBER, occupation: '冲压工', gender: 'male' },
    ...overrides,
  });
}

describe('an injury case from the HR feed to closure, through HTTP (embedded default)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
  });

  afterEach(async () => {
    await t.close();
  });

  const post = (path: string, body: unknown) =>
    apiAs(t, 'officer-zone-2').post(path, body);
  const get = (path: string) => apiAs(t, 'officer-zone-2').get(path);

  it('a declared injury is followed up, rectified, verified and closed, and listed in its zone only', async () => {
    await post('/enterprises', registration()).expect(201);
    const batch = await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: [declaration()],
    }).expect(200);
    expect(batch.body).toMatchObject({
      feedWeek: FEED_WEEK,
      counts: {
        accepted: 1,
        corrected: 0,
        duplicate: 0,
        withdrawn: 0,
        quarantined: 0,
      },
      results: [{ index: 0, claimId: 'XX-2026-000001', outcome: 'accepted' }],
    });

    const received = await get(
      `/injury-cases/XX-2026-000001?minPosition=${batch.body.globalPosition}`,
    ).expect(200);
    expect(received.body).toMatchObject({
      claimId: 'XX-2026-000001',
      uscc: USCC,
      zoneId: 'zone-2',
      status: 'follow-up-due',
      declaration: {
        declaredAt: '2026-02-27',
        severity: 'minor',
        accidentType: { standard: 'GB6441-86', code: '03' },
      },
      followUp: {
        dueBy: '2026-03-06',
        deadlineAt: '2026-03-06T15:59:59.999Z',
        overdue: false,
        completedAt: null,
      },
      rectification: { items: [] },
      recurrences: [],
    });
    expect(received.body.declaration.workerRef).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(received.body)).not.toContain(ID_NUMBER);

    await post('/injury-cases/XX-2026-000001/follow-up-visits', {
      causeAnalysis: {
        accidentType: { standard: 'GB6441-86', code: '03' },
        directCauses: ['模具防护罩缺失'],
        rootCauses: ['unsafe-condition', 'management-defect'],
        narrative: '防护装置被拆除后未恢复',
      },
      recommendations: ['恢复防护罩并每班点检'],
      effectiveAt: '2026-03-03T10:00:00+08:00',
    }).expect(201);
    const ordered = await post('/injury-cases/XX-2026-000001/rectification', {
      items: [{ description: '恢复冲压机光幕', dueBy: '2026-03-20' }],
    }).expect(201);
    expect(ordered.body).toMatchObject({
      streamName: 'injury-XX-2026-000001',
      itemIds: ['item-1'],
    });
    await post(
      '/injury-cases/XX-2026-000001/rectification/items/item-1/completion',
      { evidenceRef: 'photo-press-3.jpg' },
    ).expect(201);
    await post(
      '/injury-cases/XX-2026-000001/rectification/verification',
      {},
    ).expect(201);
    const closed = await post(
      '/injury-cases/XX-2026-000001/closure',
      {},
    ).expect(201);

    const view = await get(
      `/injury-cases/XX-2026-000001?minPosition=${closed.body.globalPosition}`,
    ).expect(200);
    expect(view.body).toMatchObject({
      status: 'closed',
      followUp: {
        completedOnTime: true,
        officerId: 'officer-zone-2',
        causeAnalysis: {
          rootCauses: ['unsafe-condition', 'management-defect'],
        },
      },
      rectification: {
        items: [
          {
            itemId: 'item-1',
            description: '恢复冲压机光幕',
            dueBy: '2026-03-20',
            evidenceRef: 'photo-press-3.jpg',
          },
        ],
        verifiedBy: 'officer-zone-2',
      },
    });
    expect(view.body.closedAt).toEqual(expect.any(String));

    const zone2 = await get('/injury-cases?zoneId=zone-2').expect(200);
    expect(zone2.body.items.map((c: { claimId: string }) => c.claimId)).toEqual(
      ['XX-2026-000001'],
    );
    const zone1 = await get('/injury-cases?zoneId=zone-1').expect(200);
    expect(zone1.body).toMatchObject({ items: [], total: 0 });
    const closedOnes = await get(
      `/injury-cases?status=closed&feedWeek=${FEED_WEEK}`,
    ).expect(200);
    expect(closedOnes.body.total).toBe(1);
  });

  it('refuses commands out of order with stable codes, and unknown cases with 404', async () => {
    await post('/enterprises', registration()).expect(201);
    await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: [declaration()],
    }).expect(200);
    const early = await post('/injury-cases/XX-2026-000001/rectification', {
      items: [{ description: 'x', dueBy: '2026-03-20' }],
    }).expect(409);
    expect(early.body.code).toBe('FOLLOW_UP_VISIT_REQUIRED');
    const noReason = await post(
      '/injury-cases/XX-2026-000001/closure',
      {},
    ).expect(409);
    expect(['CLOSURE_REASON_REQUIRED', 'FOLLOW_UP_VISIT_PENDING']).toContain(
      noReason.body.code,
    );
    const badBody = await post(
      '/injury-cases/XX-2026-000001/follow-up-visits',
      { causeAnalysis: { rootCauses: ['bad-luck'] } },
    ).expect(400);
    expect(badBody.body.code).toBe('REQUEST_VALIDATION_FAILED');
    const unknown = await get('/injury-cases/NOPE-1').expect(404);
    expect(unknown.body.code).toBe('INJURY_CASE_NOT_FOUND');
    const unknownCommand = await post(
      '/injury-cases/NOPE-1/rectification/verification',
      {},
    ).expect(404);
    expect(unknownCommand.body.code).toBe('INJURY_CASE_NOT_FOUND');
  });

  it('a fatal injury at a model enterprise raises its review flag (once, however often HR resends it)', async () => {
    await post('/enterprises', registration()).expect(201);
    await post(`/enterprises/${USCC}/enrolment`, { cohort: 'pilot' }).expect(
      201,
    );
    await post(`/enterprises/${USCC}/responsibility-lists`, {
      postsTotal: 10,
      postsCovered: 10,
      employeesCovered: 120,
    }).expect(201);
    for (const component of COMPONENTS)
      await post(`/enterprises/${USCC}/components/${component}`, {
        evidenceRef: `doc-${component}`,
      }).expect(201);
    await post(`/enterprises/${USCC}/assessments`, {
      period: '2026-01',
      postsAssessed: 10,
      postsPassed: 10,
      rewards: 1,
      penalties: 0,
      hazardsReportedByStaff: 2,
    }).expect(201);
    await post(`/enterprises/${USCC}/model-designation`, {
      citation: '湘乡市应急管理局 2026 年第 1 号',
    }).expect(201);

    const fatal = declaration({ claimId: 'XX-2026-000009', severity: 'fatal' });
    await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: [fatal],
    }).expect(200);
    await post('/hr-feed/batches', {
      feedWeek: FEED_WEEK,
      records: [fatal],
    }).expect(200);

    const head = await t.store.headPosition();
    const view = await get(`/enterprises/${USCC}?minPosition=${head}`).expect(
      200,
    );
    expect(view.body.reviewFlags).toEqual([
      expect.objectContaining({ sourceRef: 'injury-XX-2026-000009' }),
    ]);
    expect(view.body.model).toMatchObject({ designated: true });
  });
});
