import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Issue 11 hardening: rate limit per token subject (429 + Retry-After), body limits (413), helmet, CORS allow-list. */
describe('HTTP hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_PER_MINUTE: '5',
      CORS_ORIGINS: 'https://dashboard.example.gov.cn',
    });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with Retry-After once a subject spent its budget, across routes, and leaves other subjects alone', async () => {
    const leader = t.as({ role: 'leader', sub: 'leader-busy' });
    const statuses: number[] = [];
    for (const path of [
      '/api/v1/zones',
      '/api/v1/enterprises',
      '/api/v1/zones',
      '/api/v1/injury-cases',
      '/api/v1/zones',
    ]) {
      statuses.push((await leader.get(path)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const refused = await leader.get('/api/v1/accidents');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['content-type']).toMatch(
      /^application\/problem\+json/,
    );
    console.log(
      `[hardening] limit 5/min: ${statuses.join(', ')}, then ${refused.status} ${refused.body.code} with Retry-After ${refused.headers['retry-after']} s`,
    );
    // A request without a valid token spends its address's budget, not a subject's; another subject keeps its budget.
    await request(t.http).get('/api/v1/zones').expect(401);
    await t
      .as({ role: 'leader', sub: 'leader-quiet' })
      .get('/api/v1/zones')
      .expect(200);
  }, 60_000);

  it('answers 413 to a body over the limit, before anything is appended', async () => {
    const before = await t.store.headPosition();
    const huge = await t
      .as({ sub: 'admin-413' })
      .post('/api/v1/enterprises')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(huge.text).not.toMatch(/\bat \S+ \(/);
    expect(await t.store.headPosition()).toBe(before);
    console.log(
      `[hardening] a 2 MiB command body → ${huge.status} ${huge.body.code}; log head unchanged at ${before}`,
    );
  }, 60_000);

  it('sends helmet headers and allows only the configured browser origins', async () => {
    const allowed = await request(t.http)
      .get('/health/live')
      .set('Origin', 'https://dashboard.example.gov.cn');
    expect(allowed.headers['access-control-allow-origin']).toBe(
      'https://dashboard.example.gov.cn',
    );
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    expect(allowed.headers['x-powered-by']).toBeUndefined();
    expect(allowed.headers['content-security-policy']).toContain(
      "default-src 'self'",
    );
    const other = await request(t.http)
      .get('/health/live')
      .set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  }, 60_000);

  it('limits the public routes per address: a caller without a token gets its own budget, then 429', async () => {
    // Public routes (health, metrics, the OpenAPI document) have no subject: the budget is the caller's address.
    const statuses: number[] = [];
    while (statuses.length < 10 && statuses.at(-1) !== 429)
      statuses.push((await request(t.http).get('/health/live')).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
    expect(statuses.length).toBeLessThanOrEqual(6); // 5 a minute, some spent by the test above
    const refused = await request(t.http).get('/metrics');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // A subject's budget is its own: the same address with a token still gets its answer.
    await t
      .as({ role: 'leader', sub: 'leader-after-public' })
      .get('/api/v1/zones')
      .expect(200);
    console.log(
      `[hardening] limit 5/min per address on public routes: ${statuses.join(', ')}; then /metrics ${refused.status}`,
    );
  }, 60_000);
});

describe('HTTP hardening: refused tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it("spend the address's budget: 401 until it is spent, then 429; a verified subject keeps its own", async () => {
    // Each names another address in X-Forwarded-For: without TRUST_PROXY the header is not believed.
    const guess = (token: string, i: number) =>
      request(t.http)
        .get('/api/v1/enterprises')
        .set('authorization', `Bearer ${token}`)
        .set('x-forwarded-for', `203.0.113.${i + 1}`);
    const statuses: number[] = [];
    for (const [i, token] of [
      'guess-1',
      'guess-2',
      'guess-3',
      'guess-4',
    ].entries())
      statuses.push((await guess(token, i)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await request(t.http).get('/api/v1/zones');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The public routes share the address's budget.
    await request(t.http).get('/health/live').expect(429);
    await t
      .as({ role: 'leader', sub: 'leader-same-address' })
      .get('/api/v1/zones')
      .expect(200);
    console.log(
      `[hardening] limit 3/min, four made-up tokens from one address: ${statuses.join(', ')}; then no token ${refused.status} ${refused.body.code}, Retry-After ${refused.headers['retry-after']} s`,
    );
  }, 60_000);
});

describe('HTTP hardening: behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_PER_MINUTE: '2',
      TRUST_PROXY: 'loopback',
    });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('counts each caller named in X-Forwarded-For on its own budget', async () => {
    const from = (caller: string) =>
      request(t.http)
        .get('/api/v1/zones')
        .set('authorization', 'Bearer made-up')
        .set('x-forwarded-for', caller);
    const first: number[] = [];
    for (let i = 0; i < 3; i++) first.push((await from('203.0.113.7')).status);
    expect(first).toEqual([401, 401, 429]);
    const other = (await from('203.0.113.8')).status;
    expect(other).toBe(401);
    console.log(
      `[hardening] TRUST_PROXY=loopback, limit 2/min: caller 203.0.113.7 ${first.join(', ')}; caller 203.0.113.8 ${other}`,
    );
  }, 60_000);
});
