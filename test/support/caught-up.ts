import type request from 'supertest';
import type { TestApp } from './test-app.js';

/**
 * GET a read once the read models have reached the head of the log. `?minPosition=` waits at most
 * 5 s per request (docs: bounded read-your-writes); a freshly loaded county can take longer to
 * project on a busy machine, so ask again until the answer's X-Projection-Position is the head.
 */
export async function getCaughtUp(
  t: TestApp,
  path: string,
  actor = 'leader-1',
  timeoutMs = 240_000,
): Promise<request.Response> {
  const head = Number(await t.store.headPosition());
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const separator = path.includes('?') ? '&' : '?';
    const response = await t
      .as({ sub: actor })
      .get(`/api/v1${path}${separator}minPosition=${head}`);
    if (
      Number(response.headers['x-projection-position']) >= head ||
      Date.now() > deadline
    )
      return response;
  }
}
