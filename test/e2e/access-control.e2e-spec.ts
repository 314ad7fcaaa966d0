import request from 'supertest';
import { mintLocalToken, type Role } from '@app/access';
import { enterpriseRegistration, ZONE_2_USCC } from '@app/enterprises/testing';
import { getCaughtUp } from '../support/caught-up.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 11 acceptance: every route × every role, and every way a token can be wrong
 * (docs/decisions/0220-access-control.md). This matrix is written independently of ACCESS_TABLE: the
 * routes are read from the running express router, so a route added without a line here fails.
 *   a status (200, 400, …) = the role may: the request passes the guard and the handler answers exactly that
 *       (an empty body: 400 from validation, which shows it got past the guard; reads with valid queries: 200)
 *   z = an officer, inside their zones only: here the officer's zone (zone-3, a configured zone) owns nothing, so a write, a
 *       single read or a zone named in the query is 403 ZONE_FORBIDDEN, while a list or report answers with
 *       no other zone's rows
 *   - = 403 ROLE_FORBIDDEN
 *   P <status> = public: no token needed, answers that
 * Columns: admin, officer, hr-feed, leader, auditor.
 */
const MATRIX: Record<string, string> = {
  'GET /health/live': 'P 200',
  'GET /health/ready': 'P 200',
  'GET /metrics': 'P 200',
  // The OpenAPI document (served by @nestjs/swagger, outside the controllers and so outside ACCESS_TABLE).
  'GET /openapi.json': 'P 200',
  'POST /enterprises': '400 z - - -',
  'GET /enterprises': '200 200 - 200 200',
  'GET /enterprises/:uscc': '200 z - 200 200',
  'GET /enterprises/:uscc/history': '200 z - - 200',
  'PATCH /enterprises/:uscc': '200 z - - -',
  'POST /enterprises/:uscc/zone-reassignments': '400 z - - -',
  'POST /enterprises/:uscc/headcounts': '400 z - - -',
  'POST /enterprises/:uscc/enrolment': '400 z - - -',
  'POST /enterprises/:uscc/guidance-officer': '400 z - - -',
  'POST /enterprises/:uscc/guidance-visits': '400 z - - -',
  'POST /enterprises/:uscc/responsibility-lists': '400 z - - -',
  'POST /enterprises/:uscc/components/:component': '400 z - - -',
  'POST /enterprises/:uscc/trainings': '400 z - - -',
  'POST /enterprises/:uscc/assessments': '400 z - - -',
  'POST /enterprises/:uscc/model-designation': '400 z - - -',
  'DELETE /enterprises/:uscc/model-designation': '400 z - - -',
  'POST /accidents': '400 z - - -',
  'POST /accidents/:id/casualty-revisions': '400 z - - -',
  'GET /accidents': '200 200 - 200 200',
  'POST /hr-feed/batches': '400 - 400 - -',
  'GET /hr-feed/quarantine': '200 200 - - 200',
  'GET /hr-feed/unmatched': '200 200 - - 200',
  'GET /hr-feed/weeks/:feedWeek/reconciliation': '200 200 - - 200',
  'GET /injury-cases': '200 200 - 200 200',
  'GET /injury-cases/:claimId': '404 z - 404 404',
  'POST /injury-cases/:claimId/follow-up-visits': '400 z - - -',
  'POST /injury-cases/:claimId/rectification': '400 z - - -',
  'POST /injury-cases/:claimId/rectification/items/:itemId/completion':
    '400 z - - -',
  'POST /injury-cases/:claimId/rectification/verification': '404 z - - -',
  'POST /injury-cases/:claimId/closure': '404 z - - -',
  'GET /metrics/accident-reduction': '200 200 - 200 200',
  'GET /metrics/accident-reduction/facts': '200 200 - 200 200',
  'GET /zones/competition': '200 200 - 200 200',
  'GET /zones/competition/facts': '200 z - 200 200',
  'GET /reports/weekly-injuries': '200 200 - 200 200',
  'GET /reports/weekly-injuries/facts': '200 200 - 200 200',
  'GET /zones': '200 200 - 200 200',
  'GET /audit/events': '200 - - - 200',
  'GET /audit/streams/:streamName': '200 - - - 200',
  'GET /audit/verify': '200 - - - 200',
  'GET /audit/export': '200 - - - 200',
  'GET /audit/checkpoints': '200 - - - 200',
  'GET /audit/public-key': '200 - - - 200',
  'POST /audit/checkpoints': '201 - - - 201',
  'POST /audit/replays': '200 - - - -',
};
const ROLE_COLUMNS: Role[] = [
  'admin',
  'officer',
  'hr-feed',
  'leader',
  'auditor',
];

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

/** Valid queries for the reads that need some, so that an allowed role gets their 200. */
const QUERIES: Record<string, string> = {
  '/metrics/accident-reduction': 'from=2026-01-01&to=2026-03-31',
  '/metrics/accident-reduction/facts':
    'figure=accidents&from=2026-01-01&to=2026-03-31',
  '/zones/competition': 'month=2026-02',
  '/zones/competition/facts':
    'month=2026-02&zoneId=zone-2&indicator=enterprises',
  '/reports/weekly-injuries': 'week=2026-W09',
  '/reports/weekly-injuries/facts': 'week=2026-W09&count=received',
};

/** Every route the running app serves, as `METHOD /path` without the /api/v1 prefix. */
function routesOf(t: TestApp): string[] {
  const router = (
    t.app.getHttpAdapter().getInstance() as {
      router: {
        stack: Array<{
          route?: { path: string; methods: Record<string, boolean> };
        }>;
      };
    }
  ).router;
  return (
    router.stack
      // Catch-all layers (`all` handlers: the dashboard's fallback, method-not-allowed answers) are no routes.
      .filter(
        (layer) =>
          layer.route !== undefined &&
          !layer.route.methods._all &&
          Object.keys(layer.route.methods).length < 5,
      )
      .filter(
        (layer) =>
          layer.route!.path.startsWith('/') &&
          !layer.route!.path.startsWith('/api/docs'),
      )
      .flatMap((layer) =>
        Object.keys(layer.route!.methods)
          .filter((method) => method !== '_all')
          .map(
            (method) =>
              `${method.toUpperCase()} ${layer.route!.path.replace(/^\/api\/v1/, '').replace(/(.)\/$/, '$1')}`,
          ),
      )
  );
}

function send(t: TestApp, key: string, token?: string): request.Test {
  const [method, template] = key.split(' ');
  const path = template.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(PARAMS[name] ?? 'x'),
  );
  const prefix = /^\/(health|metrics$)/.test(template) ? '' : '/api/v1';
  const query = QUERIES[template] ? `?${QUERIES[template]}` : '';
  const test = (
    request(t.http) as unknown as Record<string, (p: string) => request.Test>
  )[method.toLowerCase()](`${prefix}${path}${query}`);
  if (token !== undefined) test.set('Authorization', `Bearer ${token}`);
  return method === 'GET' ? test : test.send({});
}

describe('access control: every route × every role, and every bad token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.api
      .post('/api/v1/enterprises')
      .send(enterpriseRegistration())
      .expect(201);
    // The single read answers from the read model: wait until the registration is projected, or a
    // fast machine asks before the projector has run and gets 404 instead of the matrix's 200.
    const read = await getCaughtUp(t, `/enterprises/${ZONE_2_USCC}`, 'admin-1');
    expect(read.status).toBe(200);
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
    const counts = { exact: 0, zone: 0, role: 0, public: 0 };
    for (const [key, line] of Object.entries(MATRIX)) {
      const cells = line.split(' ');
      if (cells[0] === 'P') {
        const response = await send(t, key);
        counts.public++;
        if (response.status !== Number(cells[1]))
          failures.push(
            `${key} without a token → ${response.status}, expected ${cells[1]}`,
          );
        continue;
      }
      expect({ key, cells: cells.length }).toEqual({
        key,
        cells: ROLE_COLUMNS.length,
      });
      for (const [i, role] of ROLE_COLUMNS.entries()) {
        const token = t.tokenFor({
          role,
          sub: `${role}-matrix`,
          zones: role === 'officer' ? ['zone-3'] : undefined,
        });
        const response = await send(t, key, token);
        const cell = cells[i];
        const code = response.body?.code as string | undefined;
        const expected =
          cell === '-'
            ? [403, 'ROLE_FORBIDDEN']
            : cell === 'z'
              ? [403, 'ZONE_FORBIDDEN']
              : [Number(cell), undefined];
        counts[cell === '-' ? 'role' : cell === 'z' ? 'zone' : 'exact']++;
        if (
          response.status !== expected[0] ||
          (expected[1] !== undefined && code !== expected[1])
        ) {
          failures.push(
            `${key} as ${role} → ${response.status} ${code ?? ''}, expected ${expected.filter(Boolean).join(' ')}`,
          );
        }
      }
    }
    console.log(
      `[access matrix] ${Object.keys(MATRIX).length} routes × ${ROLE_COLUMNS.length} roles: ${counts.exact} answered by the handler with the exact status, ` +
        `${counts.zone} ZONE_FORBIDDEN, ${counts.role} ROLE_FORBIDDEN, ${counts.public} public; ${failures.length} wrong`,
    );
    expect(failures).toEqual([]);
  }, 300_000);

  it('refuses a missing, expired, foreign, mis-addressed or unsigned token on every non-public route with 401', async () => {
    const hour = 3600_000;
    const badTokens: Array<[string, string | undefined, string]> = [
      ['no token', undefined, 'TOKEN_MISSING'],
      [
        'an expired token',
        mintLocalToken(
          t.config,
          { sub: 'late', role: 'admin', ttl: '1h' },
          new Date(Date.now() - 2 * hour),
        ),
        'TOKEN_EXPIRED',
      ],
      [
        'a token signed with another key',
        mintLocalToken(
          {
            ...t.config,
            auth: {
              ...t.config.auth,
              mode: 'hs256',
              secret: 'another-key-'.repeat(4),
            },
          },
          { sub: 'mallory', role: 'admin' },
        ),
        'TOKEN_INVALID',
      ],
      [
        'a token for another audience',
        mintLocalToken(
          {
            ...t.config,
            auth: { ...t.config.auth, audience: 'another-service' },
          },
          { sub: 'x', role: 'admin' },
        ),
        'TOKEN_CLAIM_INVALID',
      ],
      [
        'a token with alg: none',
        unsigned({
          sub: 'eve',
          role: 'admin',
          iss: t.config.auth.issuer,
          aud: t.config.auth.audience,
          exp: Math.floor(Date.now() / 1000) + 3600,
        }),
        'TOKEN_INVALID',
      ],
    ];
    const failures: string[] = [];
    let refused = 0;
    for (const [key, line] of Object.entries(MATRIX)) {
      const publicStatus = line.startsWith('P ')
        ? Number(line.slice(2))
        : undefined;
      for (const [label, token, code] of badTokens) {
        const response = await send(t, key, token);
        if (publicStatus !== undefined) {
          // A public route ignores whatever Authorization it is sent.
          if (response.status !== publicStatus)
            failures.push(`${key} (public) with ${label} → ${response.status}`);
          continue;
        }
        if (response.status !== 401 || response.body?.code !== code)
          failures.push(
            `${key} with ${label} → ${response.status} ${response.body?.code}`,
          );
        else if (
          !String(response.headers['www-authenticate']).startsWith('Bearer')
        )
          failures.push(`${key} with ${label}: no WWW-Authenticate`);
        else refused++;
      }
    }
    console.log(
      `[access matrix] ${badTokens.length} kinds of bad token × ${Object.values(MATRIX).filter((l) => !l.startsWith('P ')).length} guarded routes: ${refused} answered 401 with the expected code; ${failures.length} wrong`,
    );
    expect(failures).toEqual([]);
  }, 300_000);

  it('accepts a token within the bounded clock skew and refuses one beyond it', async () => {
    const skew = t.config.auth.clockSkewSeconds * 1000;
    const justExpired = mintLocalToken(
      t.config,
      { sub: 'skew', role: 'leader', ttl: '60s' },
      new Date(Date.now() - 60_000 - skew / 2),
    );
    await request(t.http)
      .get('/api/v1/zones')
      .set('Authorization', `Bearer ${justExpired}`)
      .expect(200);
    const longExpired = mintLocalToken(
      t.config,
      { sub: 'skew', role: 'leader', ttl: '60s' },
      new Date(Date.now() - 60_000 - skew - 5_000),
    );
    await request(t.http)
      .get('/api/v1/zones')
      .set('Authorization', `Bearer ${longExpired}`)
      .expect(401);
  });
});

function unsigned(claims: object): string {
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}
