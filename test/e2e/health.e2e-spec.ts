import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('health and API conventions (embedded default)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('is live', async () => {
    await request(t.http).get('/health/live').expect(200, { status: 'up' });
  });

  it('is ready with the event store and read models as SQLite files under DATA_DIR', async () => {
    const response = await request(t.http).get('/health/ready').expect(200);
    expect(response.body).toMatchObject({
      status: 'up',
      checks: {
        eventStore: { status: 'up', headPosition: 0 },
        readModels: { status: 'up' },
        projector: { status: 'up', lag: 0 },
      },
    });
    expect(existsSync(join(t.config.dataDir, 'events.sqlite'))).toBe(true);
    expect(existsSync(join(t.config.dataDir, 'read-models.sqlite'))).toBe(true);
  });

  it('publishes the OpenAPI document', async () => {
    const response = await t.api.get('/api/v1/openapi.json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.info.title).toContain('responsibility');
  });

  it('answers an unknown route with RFC 7807 problem details', async () => {
    const response = await t.api.get('/api/v1/no-such-thing').expect(404);
    expect(response.headers['content-type']).toMatch(
      /application\/problem\+json/,
    );
    expect(response.body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      title: 'Not Found',
    });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON, never 500', async () => {
    const response = await t.api
      .post('/api/v1/no-such-thing')
      .set('content-type', 'application/json')
      .send('{"uscc": ')
      .expect(400);
    expect(response.body.code).toBe('MALFORMED_JSON');
  });

  it('answers a 2 MB command body with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await t.api
      .post('/api/v1/no-such-thing')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
