import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** apps/api serves the built dashboard at `/` (docs/decisions/0211); the API and health stay as they are. */
describe('the dashboard served by apps/api', () => {
  let built: TestApp;
  let missing: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-dist-'));

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html lang="zh-CN"><div id="app"></div></html>',
    );
    writeFileSync(
      join(dir, 'assets', 'index-abc123.js'),
      'console.log("dashboard")',
    );
    built = await createTestApp({ DASHBOARD_DIR: dir });
    missing = await createTestApp({ DASHBOARD_DIR: join(dir, 'not-built') });
  });
  afterAll(async () => {
    await Promise.all([built.close(), missing.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers index.html at / and at every deep link of the single-page app', async () => {
    for (const path of [
      '/',
      '/competition',
      '/enterprises/91430381MA4QE6051E',
      '/facts?kind=reduction&figure=deaths',
    ]) {
      const response = await request(built.http).get(path).expect(200);
      expect({ path, type: response.type, body: response.text }).toEqual({
        path,
        type: 'text/html',
        body: expect.stringContaining('<div id="app">'),
      });
    }
  });

  it('serves hashed assets with a long cache and 404s an unknown asset', async () => {
    const response = await request(built.http)
      .get('/assets/index-abc123.js')
      .expect(200);
    expect(response.headers['cache-control']).toContain('immutable');
    await request(built.http).get('/assets/nope.js').expect(404);
    await request(built.http).get('/favicon.ico').expect(404);
  });

  it('leaves the API, its problem details and the health checks to the service', async () => {
    const zones = await built.api.get('/api/v1/zones').expect(200);
    expect(zones.body.zones.length).toBeGreaterThan(0);
    const unknown = await built.api.get('/api/v1/no-such-route').expect(404);
    expect(unknown.type).not.toBe('text/html');
    await request(built.http).get('/health/live').expect(200);
  });

  it('says how to build the dashboard when it is missing, instead of a blank page', async () => {
    const response = await request(missing.http)
      .get('/competition')
      .expect(503);
    expect(response.text).toContain('npm run build:dashboard');
    await missing.api.get('/api/v1/zones').expect(200);
  });
});
