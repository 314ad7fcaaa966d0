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
    ['wrong types', 'application/json', JSON.stringify({ uscc: 42, headcount: 'many', records: 'x', items: {}, effectiveAt: 'yesterday', feedWeek: 7 })],
    ['null', 'application/json', 'null'],
    ['truncated JSON', 'application/json', '{"a":'],
    ['plain text', 'text/plain', 'hello'],
    ['deeply nested', 'application/json', '{"a":'.repeat(500) + '1' + '}'.repeat(500)],
  ];

  // Hundreds of requests: a loaded machine needs more than the default 5 s.
  it('answers 4xx problem details to malformed requests everywhere', async () => {
    const doc = (await request(t.http).get('/api/v1/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const failures: string[] = [];
    let requests = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      const path = template.replace(/\{[^}]+\}/g, 'zz%20z');
      for (const method of Object.keys(operations)) {
        const attempts: Array<[string, () => request.Test]> =
          method === 'get'
            ? [['odd query', () => request(t.http).get(`${path}?page=-1&pageSize=abc&zoneId=a&zoneId=b&minPosition=x&from=notadate&week=W99&month=13`)]]
            : BAD_BODIES.map(([label, type, body]) => [
                label,
                () => (request(t.http) as unknown as Record<string, (p: string) => request.Test>)[method](path).set('content-type', type).send(body),
              ]);
        for (const [label, attempt] of attempts) {
          const response = await attempt();
          requests++;
          const ok = response.status >= 400 && response.status < 500 && typeof response.body?.code === 'string';
          // A GET that needs no parameters may legitimately answer 200.
          if (!ok && !(method === 'get' && response.status === 200)) {
            failures.push(`${method.toUpperCase()} ${path} (${label}) → ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(100);
  }, 60_000);
});
