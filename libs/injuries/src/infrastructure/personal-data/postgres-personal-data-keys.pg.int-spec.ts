import { PgTestDatabase } from '@app/event-store/testing';
import { PostgresPersonalDataKeys } from './postgres-personal-data-keys.js';

const REF = 'c'.repeat(64);
const OTHER = 'd'.repeat(64);

/** The key table on PostgreSQL (docs/decisions/0230), in a throwaway database. */
describe('personal data key table (PostgreSQL)', () => {
  const db = new PgTestDatabase();
  let keys: PostgresPersonalDataKeys;

  beforeAll(async () => {
    await db.create();
    keys = await PostgresPersonalDataKeys.open(db.url, 'event_store');
  });
  afterAll(async () => {
    await keys?.close();
    await db.drop();
  });

  it('makes one key per subject, even when two writers ask at once', async () => {
    const [a, b] = (
      await Promise.all([
        keys.obtain([REF]),
        keys.obtain([REF, 'third-worker']),
      ])
    ).map((found) => found.get(REF));
    expect(a).toHaveLength(32);
    expect(b).toEqual(a);
    expect((await keys.find([REF, OTHER])).get(REF)).toEqual(a);
    expect((await keys.find([REF, OTHER])).has(OTHER)).toBe(false);
  });

  it('erases idempotently and keeps a tombstone, also for a subject never keyed', async () => {
    expect(await keys.erase(REF, '2024-09-02T00:00:00.000Z')).toEqual({
      erasedNow: true,
      erasedAt: '2024-09-02T00:00:00.000Z',
    });
    expect(await keys.erase(REF, '2024-09-03T00:00:00.000Z')).toEqual({
      erasedNow: false,
      erasedAt: '2024-09-02T00:00:00.000Z',
    });
    expect((await keys.obtain([REF])).get(REF)).toBeNull();
    expect(await keys.erase(OTHER, '2024-09-04T00:00:00.000Z')).toEqual({
      erasedNow: true,
      erasedAt: '2024-09-04T00:00:00.000Z',
    });
    expect((await keys.obtain([OTHER, 'fourth-worker'])).get(OTHER)).toBeNull();
    expect(await keys.find([REF, OTHER])).toEqual(
      new Map([
        [REF, null],
        [OTHER, null],
      ]),
    );
  });
});
