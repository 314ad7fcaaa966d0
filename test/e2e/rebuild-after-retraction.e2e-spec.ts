import { hrDeclaration } from '@app/hr-feed-contracts/testing';
import { PROJECTION_RUNNER } from '@app/composition';
import type { ProjectionRunner } from '@app/projections';
import { makeIdNumber } from '../support/hr-feed-fixtures.js';
import { rebuild } from '../support/read-model-rebuild.scenario.js';
import { apiAs, createTestApp, type TestApp } from '../support/test-app.js';

const WEEK = '2024-W11';

function declaration(
  claimId: string,
  serial: number,
  overrides: Record<string, unknown> = {},
) {
  return hrDeclaration({
    claimId,
    feedWeek: WEEK,
    employer: { uscc: '91110108551385082Q' },
    injuredAt: '2024-03-08T10:00:00+08:00',
    declaredAt: '2024-03-11',
    accidentType: { standard: 'GB6441-86', code: '01' },
    worker: { idNumber: makeIdNumber(serial) },
    ...overrides,
  });
}

describe('flag → correction → retraction, then a rebuild (embedded default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, '2024-03-12T02:00:00.000Z');
  });
  afterAll(async () => {
    await t.close();
  });

  it('rebuilds identical read models and leaves the log head where it was', async () => {
    const hr = apiAs(t, 'hr-feed');
    const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
    const settle = async () => {
      // The recurrence process manager appends; wait until nothing moves any more.
      for (let head = -1n; head !== (await t.store.headPosition());) {
        head = await t.store.headPosition();
        expect(await runner.waitFor(head, 20_000)).toBe(true);
      }
    };
    await hr
      .post('/hr-feed/batches', {
        feedWeek: WEEK,
        records: [
          declaration('RB-1', 1, { injuredAt: '2024-01-08T10:00:00+08:00' }),
        ],
      })
      .expect(200);
    await hr
      .post('/hr-feed/batches', {
        feedWeek: WEEK,
        records: [declaration('RB-2', 2)],
      })
      .expect(200);
    await settle();
    expect(
      (await hr.get('/injury-cases/RB-2').expect(200)).body.recurrences,
    ).toEqual([expect.objectContaining({ previousClaimId: 'RB-1' })]);

    // HR corrects the accident type of the later case: the flag loses its grounds and is retracted.
    await hr
      .post('/hr-feed/batches', {
        feedWeek: WEEK,
        records: [
          declaration('RB-2', 2, {
            accidentType: { standard: 'GB6441-86', code: '03' },
          }),
        ],
      })
      .expect(200);
    await settle();
    expect(
      (await hr.get('/injury-cases/RB-2').expect(200)).body.recurrences,
    ).toEqual([]);
    const types = (await t.store.readStream('injury-RB-2'))
      .map((e) => e.type)
      .filter((type) => type.startsWith('Recurrence'));
    expect(types).toEqual(['RecurrenceFlagged', 'RecurrenceFlagRetracted']);

    const head = await t.store.headPosition();
    const comparison = await rebuild(t, 'rebuild_after_retraction');
    expect(comparison.differences).toEqual([]);
    expect(comparison).toMatchObject({
      identical: true,
      logHeadBefore: head.toString(),
      logHeadAfter: head.toString(),
    });
    expect(await t.store.headPosition()).toBe(head);
  }, 120_000);
});
