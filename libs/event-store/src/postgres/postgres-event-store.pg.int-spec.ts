import pg from 'pg';
import { FixedClock } from '@app/shared-kernel';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { PgTestDatabase } from './pg-test-database.js';
import {
  EventIdConflictError,
  StreamVersionConflictError,
} from '../event-store.errors.js';
import type { NewEvent } from '../event-store.port.js';
import { PostgresEventStore } from './postgres-event-store.js';

const database = new PgTestDatabase();
let fixtureCount = 0;

beforeAll(() => database.create());
afterAll(() => database.drop());

describeEventStoreContract('PostgreSQL', async () => {
  // A fresh schema per test: an empty log numbered from 1.
  const schema = `log_${++fixtureCount}`;
  const clock = new FixedClock('2026-01-01T00:00:00.000Z');
  const open = () =>
    PostgresEventStore.open({
      connectionString: database.url,
      clock,
      schema,
      pollIntervalMs: 200,
      poolSize: 2,
    });
  const store = await open();
  return {
    store,
    clock,
    openAnother: open,
    async tamper(globalPosition) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query(
        `UPDATE "${schema}".events SET data = data || '{"tampered": true}' WHERE global_position = $1`,
        [globalPosition.toString()],
      );
      await client.end();
    },
    cleanup: () => store.close(),
  };
});

describe('PostgreSQL live subscription', () => {
  it('is woken by NOTIFY when another process appends, long before its poll interval', async () => {
    const clock = new FixedClock('2026-01-01T00:00:00.000Z');
    const options = {
      connectionString: database.url,
      clock,
      schema: 'notify',
      poolSize: 2,
    };
    // Polling once a minute: only the notification can deliver within the test's few seconds.
    const subscriber = await PostgresEventStore.open({
      ...options,
      pollIntervalMs: 60_000,
    });
    const writer = await PostgresEventStore.open(options);
    const seen: bigint[] = [];
    const subscription = subscriber.subscribe({}, (e) => {
      seen.push(e.globalPosition);
    });
    try {
      await writer.appendToStream('notify-1', [
        { type: 'Probe', schemaVersion: 1, data: {}, metadata: { actor: 't' } },
      ]);
      const deadline = Date.now() + 5000;
      while (seen.length < 1 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      expect(seen).toEqual([1n]);
    } finally {
      await subscription.stop();
      await Promise.all([subscriber.close(), writer.close()]);
    }
  });
});

describe('PostgreSQL group commit (docs/decisions/0164)', () => {
  const clock = new FixedClock('2026-01-01T00:00:00.000Z');
  const event = (
    data: Record<string, unknown>,
    extra: Partial<NewEvent> = {},
  ): NewEvent => ({
    type: 'Probe',
    schemaVersion: 1,
    data,
    metadata: { actor: 't' },
    ...extra,
  });

  it('gives each of the appends sharing a commit its own outcome, in the order they were made', async () => {
    const schema = 'group_outcomes';
    const store = await PostgresEventStore.open({
      connectionString: database.url,
      clock,
      schema,
      poolSize: 2,
    });
    try {
      // All made in one tick: the first goes alone, the six others wait for it and go in one call.
      const results = await Promise.allSettled([
        store.appendToStream('s1', [event({ n: 1 })], {
          expectedVersion: 'no_stream',
        }),
        store.appendToStream('s1', [event({ n: 2 })], {
          expectedVersion: 'no_stream',
        }),
        store.appendToStream('s2', [event({ n: 3 }, { eventId: 'id-x' })]),
        store.appendToStream('s2', [event({ n: 3 }, { eventId: 'id-x' })]),
        store.appendToStream('s2', [event({ n: 4 }, { eventId: 'id-x' })]),
        store.appendToStream('s3', [
          event({ n: 5 }),
          event({ n: 6 }),
          event({ n: 7 }),
        ]),
        store.appendToStream('s1', [event({ n: 8 })], { expectedVersion: 0n }),
      ]);
      const value = (i: number) =>
        (results[i] as PromiseFulfilledResult<unknown>).value;
      const reason = (i: number) =>
        (results[i] as PromiseRejectedResult).reason;
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(value(0)).toEqual({
        streamName: 's1',
        nextExpectedVersion: 0n,
        lastGlobalPosition: 1n,
        appendedCount: 1,
      });
      expect(reason(1)).toBeInstanceOf(StreamVersionConflictError);
      expect(value(2)).toEqual({
        streamName: 's2',
        nextExpectedVersion: 0n,
        lastGlobalPosition: 2n,
        appendedCount: 1,
      });
      expect(value(3)).toEqual({
        streamName: 's2',
        nextExpectedVersion: 0n,
        lastGlobalPosition: 2n,
        appendedCount: 0,
      });
      expect(reason(4)).toBeInstanceOf(EventIdConflictError);
      expect(value(5)).toEqual({
        streamName: 's3',
        nextExpectedVersion: 2n,
        lastGlobalPosition: 5n,
        appendedCount: 3,
      });
      expect(value(6)).toEqual({
        streamName: 's1',
        nextExpectedVersion: 1n,
        lastGlobalPosition: 6n,
        appendedCount: 1,
      });
      const log = await store.readAll();
      expect(log.map((e) => e.data.n)).toEqual([1, 3, 5, 6, 7, 8]);
      expect(await store.verifyChain()).toEqual({ ok: true, checked: 6 });
      // Two transactions wrote the six events: the first append's and the group's.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query(
        `SELECT count(DISTINCT xmin::text)::int AS commits FROM "${schema}".events`,
      );
      await client.end();
      expect(rows[0].commits).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('tries each append alone when the server refuses the group, so one bad append fails alone', async () => {
    const store = await PostgresEventStore.open({
      connectionString: database.url,
      clock,
      schema: 'group_refused',
      poolSize: 2,
    });
    try {
      const results = await Promise.allSettled([
        store.appendToStream('t1', [event({ n: 1 })]),
        store.appendToStream('t2', [event({ n: 2 })]),
        // Out of range for the integer column: PostgreSQL refuses the whole statement.
        store.appendToStream('t3', [
          event({ n: 3 }, { schemaVersion: 3_000_000_000 }),
        ]),
        store.appendToStream('t4', [event({ n: 4 })]),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(
        pg.DatabaseError,
      );
      expect(
        (await store.readAll()).map((e) => [e.streamName, e.globalPosition]),
      ).toEqual([
        ['t1', 1n],
        ['t2', 2n],
        ['t4', 3n],
      ]);
      expect(await store.verifyChain()).toEqual({ ok: true, checked: 3 });
    } finally {
      await store.close();
    }
  });
});
