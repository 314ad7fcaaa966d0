import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** What Schemathesis found (docs/decisions/0193): the document states what the server enforces. */
describe('the OpenAPI document states what the server enforces', () => {
  let t: TestApp;
  let document: {
    paths: Record<string, Record<string, any>>;
    components: { schemas: Record<string, any> };
  };

  beforeAll(async () => {
    t = await createTestApp();
    document = (await request(t.http).get('/api/v1/openapi.json').expect(200))
      .body;
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists the conventional error statuses of every operation as problem details', () => {
    const register = document.paths['/api/v1/enterprises'].post;
    for (const status of ['400', '409', '413', '415', '503']) {
      expect({
        status,
        content: Object.keys(register.responses[status]?.content ?? {}),
      }).toEqual({ status, content: ['application/problem+json'] });
    }
    expect(
      document.paths['/api/v1/enterprises/{uscc}'].get.responses,
    ).toHaveProperty('404');
    expect(
      document.paths['/api/v1/enterprises/{uscc}'].get.responses,
    ).toHaveProperty('200');
    expect(document.components.schemas.ProblemDetails.required).toEqual([
      'type',
      'title',
      'status',
      'code',
    ]);
  });

  it('carries the validation rules: lengths, bounds, patterns, closed request bodies, header formats', () => {
    const list = document.paths['/api/v1/enterprises'].get.parameters as Array<{
      name: string;
      schema: Record<string, unknown>;
    }>;
    expect(list.find((p) => p.name === 'page')?.schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 100_000,
    });
    expect(list.find((p) => p.name === 'minPosition')?.schema).toMatchObject({
      pattern: '^\\d{1,24}$',
    });
    expect(list.some((p) => p.name === 'Idempotency-Key')).toBe(false);
    const registration =
      document.components.schemas.RegisterEnterpriseRequestDto;
    expect(registration.additionalProperties).toBe(false);
    expect(registration.properties.uscc).toMatchObject({ format: 'uscc' });
    expect(registration.properties.zoneId.enum).toEqual([
      'zone-1',
      'zone-2',
      'zone-3',
      'zone-4',
    ]);
    expect(
      new RegExp(registration.properties.industryCode.pattern).test('C3411'),
    ).toBe(true);
    expect(
      new RegExp(registration.properties.industryCode.pattern).test('C01'),
    ).toBe(false);
    const patch = document.paths['/api/v1/enterprises/{uscc}'].patch;
    expect(
      patch.parameters.find((p: { name: string }) => p.name === 'If-Match')
        .schema.pattern,
    ).toBeDefined();
    expect(patch.responses).toHaveProperty('412');
  });

  it('answers 405 with Allow for a method a documented path does not take', async () => {
    const response = await t.api
      .put('/api/v1/enterprises')
      .send({})
      .expect(405);
    expect(response.headers.allow).toBe('GET, POST, HEAD');
    expect(response.body).toMatchObject({
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
    });
  });

  it('refuses a page beyond the last one it can index with 400, not 500', async () => {
    const response = await t.api
      .get('/api/v1/enterprises?page=1e308')
      .expect(400);
    expect(response.body.code).toBe('REQUEST_VALIDATION_FAILED');
  });

  it('reads a command without a body as {} (400 for what is missing) and null as not given', async () => {
    const missing = await t.api.post('/api/v1/accidents').expect(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/accidentType', '/occurredAt']),
    );
    const nulls = await t.api
      .post('/api/v1/accidents')
      .send({ accidentType: null, occurredAt: '2024-05-10T14:20:00+08:00' })
      .expect(400);
    expect(nulls.body.errors.map((e: { path: string }) => e.path)).toContain(
      '/accidentType',
    );
  });
});
