import {
  DEFAULT_COMPONENTS,
  enterpriseRegistration,
  ZONE_2_USCC,
} from '@app/enterprises/testing';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const USCC = ZONE_2_USCC;
const COMPONENTS = DEFAULT_COMPONENTS;
const registration = enterpriseRegistration;

describe('enterprise adoption through HTTP (embedded default)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
  });

  afterEach(async () => {
    await t.close();
  });

  const headPosition = () => t.store.headPosition();
  const post = (path: string, body: unknown) =>
    apiAs(t, 'officer-zone-2').post(path, body);

  it('walks one enterprise from registration to model designation and reads it back', async () => {
    const registered = await post('/enterprises', registration()).expect(201);
    expect(registered.body).toMatchObject({
      streamName: `enterprise-${USCC}`,
      streamPosition: 0,
      uscc: USCC,
    });

    await post(`/enterprises/${USCC}/enrolment`, {
      cohort: 'pilot',
      effectiveAt: '2023-09-05T09:00:00+08:00',
    }).expect(201);
    await post(`/enterprises/${USCC}/guidance-officer`, {
      officerId: 'officer-zone-2',
    }).expect(201);
    await post(`/enterprises/${USCC}/guidance-visits`, {
      findings: '岗位清单未覆盖仓储岗',
      nextSteps: '两周内补齐',
    }).expect(201);
    await post(`/enterprises/${USCC}/responsibility-lists`, {
      postsTotal: 24,
      postsCovered: 24,
      employeesCovered: 120,
    }).expect(201);
    for (const component of COMPONENTS) {
      await post(`/enterprises/${USCC}/components/${component}`, {
        evidenceRef: `doc-${component}`,
      }).expect(201);
    }
    await post(`/enterprises/${USCC}/trainings`, {
      audience: 'employee',
      attendees: 110,
      hours: 4,
      bookletsDistributed: 120,
    }).expect(201);
    await post(`/enterprises/${USCC}/assessments`, {
      period: '2024-06',
      postsAssessed: 24,
      postsPassed: 22,
      rewards: 3,
      penalties: 1,
      hazardsReportedByStaff: 7,
    }).expect(201);
    const designated = await post(`/enterprises/${USCC}/model-designation`, {
      citation: '湘乡市应急管理局 2024 年第 3 号',
    }).expect(201);

    const view = await t.api
      .get(
        `/api/v1/enterprises/${USCC}?minPosition=${designated.body.globalPosition}`,
      )
      .expect(200);
    expect(
      Number(view.headers['x-projection-position']),
    ).toBeGreaterThanOrEqual(designated.body.globalPosition);
    expect(view.body).toMatchObject({
      uscc: USCC,
      zone: { id: 'zone-2', name: '二片区' },
      stage: 'model',
      enrolment: { cohort: 'pilot' },
      coverage: { postsTotal: 24, postsCovered: 24, postCoverage: 1 },
      trainings: { sessions: 1, attendees: { employee: 110 } },
      assessments: { count: 1 },
      model: { designated: true, citation: '湘乡市应急管理局 2024 年第 3 号' },
    });
    expect(
      view.body.components.every(
        (c: { established: boolean }) => c.established,
      ),
    ).toBe(true);

    const history = await t.api
      .get(`/api/v1/enterprises/${USCC}/history`)
      .expect(200);
    const types = (
      Array.isArray(history.body) ? history.body : history.body.events
    ).map((e: { type: string }) => e.type);
    expect(types[0]).toBe('EnterpriseRegistered');
    expect(types[types.length - 1]).toBe('ModelEnterpriseDesignated');
    expect(types).toHaveLength(5 + COMPONENTS.length + 3);

    const zone2 = await t.api
      .get('/api/v1/enterprises?zoneId=zone-2')
      .expect(200);
    expect(JSON.stringify(zone2.body)).toContain(USCC);
    const zone1 = await t.api
      .get('/api/v1/enterprises?zoneId=zone-1')
      .expect(200);
    expect(JSON.stringify(zone1.body)).not.toContain(USCC);
  });

  it('answers each broken rule with its status and stable code, appending nothing', async () => {
    await post('/enterprises', registration()).expect(201);
    const cases: Array<[string, unknown, number, string]> = [
      ['/enterprises', registration(), 409, 'ENTERPRISE_ALREADY_REGISTERED'],
      [
        `/enterprises/${USCC}/guidance-visits`,
        { findings: 'x', nextSteps: 'y' },
        409,
        'ENTERPRISE_NOT_ENROLLED',
      ],
      [
        `/enterprises/${USCC}/model-designation`,
        { citation: 'too early' },
        409,
        'MODEL_DESIGNATION_PREREQUISITES_UNMET',
      ],
      [
        '/enterprises/91350100M000100Y43/enrolment',
        { cohort: 'rollout' },
        404,
        'ENTERPRISE_NOT_FOUND',
      ],
    ];
    for (const [path, body, status, code] of cases) {
      const before = await headPosition();
      const response = await post(path, body);
      expect({
        path,
        status: response.status,
        code: response.body.code,
      }).toEqual({ path, status, code });
      expect(response.headers['content-type']).toMatch(
        /application\/problem\+json/,
      );
      expect(await headPosition()).toBe(before);
    }
    await post(`/enterprises/${USCC}/enrolment`, { cohort: 'rollout' }).expect(
      201,
    );
    const again = await post(`/enterprises/${USCC}/enrolment`, {
      cohort: 'rollout',
    }).expect(409);
    expect(again.body.code).toBe('ENTERPRISE_ALREADY_ENROLLED');
    const component = await post(
      `/enterprises/${USCC}/components/safety-culture`,
      { evidenceRef: 'x' },
    ).expect(400);
    expect(component.body.code).toBe('COMPONENT_UNKNOWN');
    expect(component.body.errors).toEqual([
      expect.objectContaining({ path: '/component' }),
    ]);
  });

  it('rejects bad input with 400/413 and the offending path, never 500, appending nothing', async () => {
    await post('/enterprises', registration()).expect(201);
    await post(`/enterprises/${USCC}/enrolment`, { cohort: 'rollout' }).expect(
      201,
    );
    const before = await headPosition();

    const wrongCheckChar = await post(
      '/enterprises',
      registration({ uscc: '91110108551385082A' }),
    ).expect(400);
    expect(wrongCheckChar.body.code).toBe('USCC_INVALID_CHECK_CHAR');
    expect(wrongCheckChar.body.detail).toMatch(/18|check/i);
    expect(wrongCheckChar.body.errors).toEqual([
      expect.objectContaining({ path: '/uscc' }),
    ]);

    const unknownZone = await post(
      '/enterprises',
      registration({ uscc: '91430381MA4L16JQ92', zoneId: 'zone-9' }),
    );
    expect(unknownZone.status).toBe(400);
    expect(unknownZone.body.code).toBe('ZONE_UNKNOWN');
    expect(unknownZone.body.errors).toEqual([
      expect.objectContaining({ path: '/zoneId' }),
    ]);

    const negativeHeadcount = await post(`/enterprises/${USCC}/headcounts`, {
      period: '2024-07',
      headcount: -5,
    }).expect(400);
    expect(negativeHeadcount.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/headcount' })]),
    );

    const tooManyCovered = await post(
      `/enterprises/${USCC}/responsibility-lists`,
      { postsTotal: 10, postsCovered: 11, employeesCovered: 30 },
    );
    expect(tooManyCovered.status).toBe(400);
    expect(tooManyCovered.body.code).toBe('POSTS_COVERED_EXCEED_TOTAL');
    expect(tooManyCovered.body.errors).toEqual([
      expect.objectContaining({ path: '/postsCovered' }),
    ]);

    const extraField = await post(`/enterprises/${USCC}/trainings`, {
      audience: 'employee',
      attendees: 10,
      hours: 2,
      bookletsDistributed: 10,
      password: 'x',
    }).expect(400);
    expect(extraField.body.code).toBe('REQUEST_VALIDATION_FAILED');
    expect(extraField.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/password' })]),
    );

    const unknownComponent = await post(
      `/enterprises/${USCC}/components/safety-culture`,
      { evidenceRef: 'doc-1' },
    ).expect(400);
    expect(unknownComponent.body.code).toBe('COMPONENT_UNKNOWN');

    // The strict JSON parser already refuses a bare string, number or boolean (MALFORMED_JSON); an array parses.
    for (const notAnObject of [
      [],
      [
        {
          audience: 'employee',
          attendees: 10,
          hours: 2,
          bookletsDistributed: 10,
        },
      ],
      'text',
      7,
      true,
    ]) {
      const refused = await t.api
        .post(`/api/v1/enterprises/${USCC}/trainings`)
        .set('content-type', 'application/json')
        .send(JSON.stringify(notAnObject))
        .expect(400);
      if (Array.isArray(notAnObject)) {
        expect(refused.body).toMatchObject({
          code: 'REQUEST_VALIDATION_FAILED',
          errors: [
            { path: '', message: 'the request body must be a JSON object' },
          ],
        });
      }
    }
    const arrayForNoInput = await t.api
      .post('/api/v1/audit/checkpoints')
      .set('content-type', 'application/json')
      .send('[]')
      .expect(400);
    expect(arrayForNoInput.body.code).toBe('REQUEST_VALIDATION_FAILED');

    const malformed = await t.api
      .post(`/api/v1/enterprises/${USCC}/trainings`)
      .set('content-type', 'application/json')
      .send('{"audience":')
      .expect(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');

    const huge = await t.api
      .post('/api/v1/enterprises')
      .set('content-type', 'application/json')
      .send(JSON.stringify(registration({ name: 'x'.repeat(2 * 1024 * 1024) })))
      .expect(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');

    expect(await headPosition()).toBe(before);
  });

  it('appends once for a repeated Idempotency-Key and refuses a stale If-Match with 412', async () => {
    await post('/enterprises', registration()).expect(201);
    await post(`/enterprises/${USCC}/enrolment`, { cohort: 'rollout' }).expect(
      201,
    );

    const training = {
      audience: 'employee',
      attendees: 40,
      hours: 2,
      bookletsDistributed: 40,
    };
    const first = await post(`/enterprises/${USCC}/trainings`, training)
      .set('Idempotency-Key', 'training-2024-07-01')
      .expect(201);
    const afterFirst = await headPosition();
    const repeat = await post(`/enterprises/${USCC}/trainings`, training)
      .set('Idempotency-Key', 'training-2024-07-01')
      .expect(201);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(await headPosition()).toBe(afterFirst);

    const reused = await post(`/enterprises/${USCC}/trainings`, {
      ...training,
      attendees: 41,
    })
      .set('Idempotency-Key', 'training-2024-07-01')
      .expect(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const stale = await post(`/enterprises/${USCC}/guidance-officer`, {
      officerId: 'officer-7',
    })
      .set('If-Match', '0')
      .expect(412);
    expect(stale.body.code).toBe('STREAM_VERSION_CONFLICT');
    expect(await headPosition()).toBe(afterFirst);

    const current = await post(`/enterprises/${USCC}/guidance-officer`, {
      officerId: 'officer-7',
    })
      .set('If-Match', String(first.body.streamPosition))
      .expect(201);
    expect(current.body.streamPosition).toBe(first.body.streamPosition + 1);
  });
});
