import request from 'supertest';
import { mintLocalToken, type Role } from '@app/access';
import { enterpriseRegistration, ZONE_2_USCC } from '../support/enterprise.factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 11 acceptance: every route × every role, and every way a token can be wrong
 * (docs/decisions/0220-access-control.md). This matrix is written independently of ACCESS_TABLE: the
 * routes are read from the running express router, so a route added without a line here fails.
 *   y = the role may (the answer is whatever the handler says, never 401/403 and never a 5xx)
 *   z = an officer, inside their zones only: here the officer's zone (zone-9) owns nothing, so a write or a
 *       single read is 403 ZONE_FORBIDDEN, while a list or report answers with no other zone's rows
 *   - = 403 ROLE_FORBIDDEN
 *   P = public: no token needed
 * Columns: admin, officer, hr-feed, leader, auditor.
 */
const MATRIX: Record<string, string> = {
  'GET /health/live': 'P',
  'GET /health/ready': 'P',
  'GET /metrics': 'P',
  // The OpenAPI document (served by @nestjs/swagger, outside the controllers and so outside ACCESS_TABLE).
  'GET /openapi.json': 'P',
  'POST /enterprises': 'y z - - -',
  'GET /enterprises': 'y y - y y',
  'GET /enterprises/:uscc': 'y z - y y',
  'GET /enterprises/:uscc/history': 'y z - - y',
  'PATCH /enterprises/:uscc': 'y z - - -',
  'POST /enterprises/:uscc/zone-reassignments': 'y z - - -',
  'POST /enterprises/:uscc/headcounts': 'y z - - -',
  'POST /enterprises/:uscc/enrolment': 'y z - - -',
  'POST /enterprises/:uscc/guidance-officer': 'y z - - -',
  'POST /enterprises/:uscc/guidance-visits': 'y z - - -',
  'POST /enterprises/:uscc/responsibility-lists': 'y z - - -',
  'POST /enterprises/:uscc/components/:component': 'y z - - -',
  'POST /enterprises/:uscc/trainings': 'y z - - -',
  'POST /enterprises/:uscc/assessments': 'y z - - -',
  'POST /enterprises/:uscc/model-designation': 'y z - - -',
  'DELETE /enterprises/:uscc/model-designation': 'y z - - -',
  'POST /accidents': 'y z - - -',
  'POST /accidents/:id/casualty-revisions': 'y z - - -',
  'GET /accidents': 'y y - y y',
  'POST /hr-feed/batches': 'y - y - -',
  'GET /hr-feed/quarantine': 'y y - - y',
  'GET /hr-feed/unmatched': 'y y - - y',
  'GET /hr-feed/weeks/:feedWeek/reconciliation': 'y y - - y',
  'GET /injury-cases': 'y y - y y',
  'GET /injury-cases/:claimId': 'y z - y y',
  'POST /injury-cases/:claimId/follow-up-visits': 'y z - - -',
  'POST /injury-cases/:claimId/rectification': 'y z - - -',
  'POST /injury-cases/:claimId/rectification/items/:itemId/completion': 'y z - - -',
  'POST /injury-cases/:claimId/rectification/verification': 'y z - - -',
  'POST /injury-cases/:claimId/closure': 'y z - - -',
  'GET /metrics/accident-reduction': 'y y - y y',
  'GET /metrics/accident-reduction/facts': 'y y - y y',
  'GET /zones/competition': 'y y - y y',
  'GET /zones/competition/facts': 'y y - y y',
  'GET /reports/weekly-injuries': 'y y - y y',
  'GET /reports/weekly-injuries/facts': 'y y - y y',
  'GET /zones': 'y y - y y',
  'GET /audit/events': 'y - - - y',
  'GET /audit/streams/:streamName': 'y - - - y',
  'GET /audit/verify': 'y - - - y',
  'GET /audit/export': 'y - - - y',
  'GET /audit/checkpoints': 'y - - - y',
  'GET /audit/public-key': 'y - - - y',
  'POST /audit/checkpoints': 'y - - - y',
  'POST /audit/replays': 'y - - - -',
};
const ROLE_COLUMNS: Role[] = ['admin', 'officer', 'hr-feed', 'leader', 'auditor'];

/** Values for path parameters; the uscc is a registered zone-2 enterprise so that writes reach their handlers. */
const PARAMS: Record<string, string> = {
  uscc: ZONE_2_USCC,
  component: 'assessment',
  id: 'ACC-NONE',
  feedWeek: '2026-W09',
  claimId: 'XX-NONE',
  itemId: 'item-1',
  streamName: `enterprise-${ZONE_2_USCC}`,
};

/** Every route the running app serves, as `METHOD /path` without the /api/v1 prefix. */
function routesOf(t: TestApp): string[] {
  const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router;
  return router.stack
    // Catch-all layers (`all` handlers: the dashboard's fallback, method-not-allowed answers) are no routes.
    .filter((layer) => layer.route !== undefined && !layer.route.methods._all && Object.keys(layer.route.methods).length < 5)
    .filter((layer) => layer.route!.path.startsWith('/') && !layer.route!.path.startsWith('/api/docs'))
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((method) => method !== '_all')
        .map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/^\/api\/v1/, '').replace(/(.)\/$/, '$1')}`),
    );
}

function send(t: TestApp, key: string, token?: string): request.Test {
  const [method, template] = key.split(' ');
  const path = template.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(PARAMS[name] ?? 'x'));
  const prefix = /^\/(health|metrics$)/.test(template) ? '' : '/api/v1';
  const test = (request(t.http) as unknown as Record<string, (p: string) => request.Test>)[method.toLowerCase()](`${prefix}${path}`);
  if (token !== undefined) test.set('Authorization', `Bearer ${token}`);
  return method === 'GET' ? test : test.send({});
}

describe('access control: every route × every role, and every bad token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.api.post('/api/v1/enterprises').send(enterpriseRegistration()).expect(201);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('has a line in the matrix for every route the app serves, and no line for a route it does not', () => {
    const routes = routesOf(t).sort();
    expect(routes.length).toBeGreaterThan(40);
    expect([...new Set(routes)]).toEqual(Object.keys(MATRIX).sort());
  });

  it('answers each role exactly as the matrix says', async () => {
    const failures: string[] = [];
    for (const [key, line] of Object.entries(MATRIX)) {
      if (line === 'P') {
        const response = await send(t, key);
        if (response.status >= 400) failures.push(`${key} without a token → ${response.status}`);
        continue;
      }
      const cells = line.split(' ');
      for (const [i, role] of ROLE_COLUMNS.entries()) {
        const token = t.tokenFor({ role, sub: `${role}-matrix`, zones: role === 'officer' ? ['zone-9'] : undefined });
        const response = await send(t, key, token);
        const cell = cells[i];
        const code = response.body?.code as string | undefined;
        const wrong =
          (cell === '-' && (response.status !== 403 || code !== 'ROLE_FORBIDDEN')) ||
          (cell === 'z' && (response.status !== 403 || code !== 'ZONE_FORBIDDEN')) ||
          (cell === 'y' && (response.status === 401 || response.status === 403 || response.status >= 500));
        if (wrong) failures.push(`${key} as ${role} (${cell}) → ${response.status} ${code ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('refuses a missing, expired, foreign, mis-addressed or unsigned token on every non-public route with 401', async () => {
    const hour = 3600_000;
    const badTokens: Array<[string, string | undefined, string]> = [
      ['no token', undefined, 'TOKEN_MISSING'],
      ['an expired token', mintLocalToken(t.config, { sub: 'late', role: 'admin', ttl: '1h' }, new Date(Date.now() - 2 * hour)), 'TOKEN_EXPIRED'],
      [
        'a token signed with another key',
        mintLocalToken({ ...t.config, auth: { ...t.config.auth, mode: 'hs256', secret: 'another-key-'.repeat(4) } }, { sub: 'mallory', role: 'admin' }),
        'TOKEN_INVALID',
      ],
      ['a token for another audience', mintLocalToken({ ...t.config, auth: { ...t.config.auth, audience: 'another-service' } }, { sub: 'x', role: 'admin' }), 'TOKEN_CLAIM_INVALID'],
      ['a token with alg: none', unsigned({ sub: 'eve', role: 'admin', iss: t.config.auth.issuer, aud: t.config.auth.audience, exp: Math.floor(Date.now() / 1000) + 3600 }), 'TOKEN_INVALID'],
    ];
    const failures: string[] = [];
    for (const [key, line] of Object.entries(MATRIX)) {
      if (line === 'P') continue;
      for (const [label, token, code] of badTokens) {
        const response = await send(t, key, token);
        if (response.status !== 401 || response.body?.code !== code) failures.push(`${key} with ${label} → ${response.status} ${response.body?.code}`);
        else if (!String(response.headers['www-authenticate']).startsWith('Bearer')) failures.push(`${key} with ${label}: no WWW-Authenticate`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('accepts a token within the bounded clock skew and refuses one beyond it', async () => {
    const skew = t.config.auth.clockSkewSeconds * 1000;
    const justExpired = mintLocalToken(t.config, { sub: 'skew', role: 'leader', ttl: '60s' }, new Date(Date.now() - 60_000 - skew / 2));
    await request(t.http).get('/api/v1/zones').set('Authorization', `Bearer ${justExpired}`).expect(200);
    const longExpired = mintLocalToken(t.config, { sub: 'skew', role: 'leader', ttl: '60s' }, new Date(Date.now() - 60_000 - skew - 5_000));
    await request(t.http).get('/api/v1/zones').set('Authorization', `Bearer ${longExpired}`).expect(401);
  });
});

function unsigned(claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}
