import request from 'supertest';
import type { TestApp, TokenOptions } from './test-app.js';

/** A registered-looking enterprise of zone 2 (valid GB 32100 check character). */
export const ZONE_2_USCC = '91110108551385082Q';

/** The default "四制一规程" components: all of them established is a prerequisite of model designation. */
export const DEFAULT_COMPONENTS = [
  'post-responsibility',
  'assessment',
  'reward-penalty',
  'publicity',
  'operating-procedure',
];

/** POST /enterprises body with defaults and overrides (docs/conventions.md §14). */
export function enterpriseRegistration(
  overrides: Record<string, unknown> = {},
) {
  return {
    uscc: ZONE_2_USCC,
    name: '湘乡市示范机械制造有限公司',
    zoneId: 'zone-2',
    township: '东郊乡',
    industryCode: 'C3411',
    aboveDesignatedSize: true,
    headcount: 120,
    ...overrides,
  };
}

/**
 * `post` and `get` under /api/v1 as one actor: an admin token whose subject is `actor` (pass a role and
 * zones to act as someone narrower).
 */
export function apiAs(
  t: TestApp,
  actor: string,
  options: Omit<TokenOptions, 'sub'> = {},
) {
  const token = t.tokenFor({ ...options, sub: actor });
  return {
    post: (path: string, body: unknown) =>
      request(t.http)
        .post(`/api/v1${path}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object),
    get: (path: string) =>
      request(t.http)
        .get(`/api/v1${path}`)
        .set('Authorization', `Bearer ${token}`),
  };
}
