import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * "Never a 500 for bad input" over the whole public surface: every operation of the OpenAPI
 * document gets malformed path parameters, query strings and bodies, and must answer a 4xx
 * problem document with a stable code.
 */
describe('no 500 for bad input, on every operation of the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const BAD_BODIES: Array<[string, string, string]> = [
    ['empty object', 'application/json', '{}'],
    ['array', 'application/json', '[1,2,3]'],
    [
      'wrong types',
      'application/json',
      JSON.stringify({
        uscc: 42,
        headcount: 'many',
        records: 'x',
        items: {},
        effectiveAt: 'yesterday',
        feedWeek: 7,
      }),
    ],
    ['null', 'application/json', 'null'],
    ['truncated JSON', 'application/json', '{"a":'],
    ['plain text', 'text/plain', 'hello'],
    [
      'deeply nested',
      'application/json',
      '{"a":'.repeat(500) + '1' + '}'.repeat(500),
    ],
  ];

  /** A stack frame (`at fn (file.ts:12:3)`) or a `stack` property: never in an answer (issue 11). */
  const STACK_TRACE = /\bat [^\s]+ \(?[^\s]+:\d+:\d+\)?|"stack"\s*:/;

  // Hundreds of requests, each once with the admin's token and once without any (docs/decisions/0220).
  it.each([
    ['with the admin token', true],
    ['without a token', false],
  ])(
    'answers 4xx problem details to malformed requests everywhere, %s',
    async (_, withToken) => {
      const doc = (await t.api.get('/api/v1/openapi.json').expect(200))
        .body as {
        paths: Record<string, Record<string, unknown>>;
      };
      const send = (method: string, path: string) => {
        const test = (
          request(t.http) as unknown as Record<
            string,
            (p: string) => request.Test
          >
        )[method](path);
        return withToken
          ? test.set('Authorization', `Bearer ${t.adminToken}`)
          : test;
      };
      const failures: string[] = [];
      const statuses = new Set<number>();
      let requests = 0;
      for (const [template, operations] of Object.entries(doc.paths)) {
        const path = template.replace(/\{[^}]+\}/g, 'zz%20z');
        for (const method of Object.keys(operations)) {
          const attempts: Array<[string, () => request.Test]> =
            method === 'get'
              ? [
                  [
                    'odd query',
                    () =>
                      send(
                        'get',
                        `${path}?page=-1&pageSize=abc&zoneId=a&zoneId=b&minPosition=x&from=notadate&week=W99&month=13`,
                      ),
                  ],
                ]
              : BAD_BODIES.map(([label, type, body]) => [
                  label,
                  () => send(method, path).set('content-type', type).send(body),
                ]);
          for (const [label, attempt] of attempts) {
            const response = await attempt();
            requests++;
            statuses.add(response.status);
            const ok =
              response.status >= 400 &&
              response.status < 500 &&
              typeof response.body?.code === 'string';
            // A GET that needs no parameters may legitimately answer 200 (to a caller with a token).
            if (
              !ok &&
              !(withToken && method === 'get' && response.status === 200)
            ) {
              failures.push(
                `${method.toUpperCase()} ${path} (${label}) → ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`,
              );
            }
            if (STACK_TRACE.test(response.text ?? ''))
              failures.push(
                `${method.toUpperCase()} ${path} (${label}) answers a stack trace`,
              );
            // Without a token nothing is looked at: every /api/v1 operation needs one (health checks do not). Only a body that
            // is not JSON at all is refused first, by the parser that runs before routing.
            if (
              !withToken &&
              path.startsWith('/api/v1/') &&
              response.status !== 401 &&
              response.body?.code !== 'MALFORMED_JSON'
            )
              failures.push(
                `${method.toUpperCase()} ${path} (${label}) → ${response.status} without a token`,
              );
          }
        }
      }
      expect(failures).toEqual([]);
      expect(requests).toBeGreaterThan(100);
      expect(statuses.has(401)).toBe(!withToken);
    },
    120_000,
  );
});
