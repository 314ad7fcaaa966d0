import pg from 'pg';
import { FixedClock } from '@app/shared-kernel';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { PgTestDatabase } from './pg-test-database.js';
import { PostgresEventStore } from './postgres-event-store.js';

const database = new PgTestDatabase();
let fixtureCount = 0;

beforeAll(() => database.create());
afterAll(() => database.drop());

describeEventStoreContract('PostgreSQL', async () => {
  // A fresh schema per test: an empty log numbered from 1.
  const schema = `log_${++fixtureCount}`;
  const clock = new FixedClock('2026-01-01T00:00:00.000Z');
  const open = () => PostgresEventStore.open({ connectionString: database.url, clock, schema, pollIntervalMs: 200, poolSize: 2 });
  const store = await open();
  return {
    store,
    clock,
    openAnother: open,
    async tamper(globalPosition) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query(`UPDATE "${schema}".events SET data = data || '{"tampered": true}' WHERE global_position = $1`, [
        globalPosition.toString(),
      ]);
      await client.end();
    },
    cleanup: () => store.close(),
  };
});

describe('PostgreSQL live subscription', () => {
  it('is woken by NOTIFY when another process appends, long before its poll interval', async () => {
    const clock = new FixedClock('2026-01-01T00:00:00.000Z');
    const options = { connectionString: database.url, clock, schema: 'notify', poolSize: 2 };
    // Polling once a minute: only the notification can deliver within the test's few seconds.
    const subscriber = await PostgresEventStore.open({ ...options, pollIntervalMs: 60_000 });
    const writer = await PostgresEventStore.open(options);
    const seen: bigint[] = [];
    const subscription = subscriber.subscribe({}, (e) => {
      seen.push(e.globalPosition);
    });
    try {
      await writer.appendToStream('notify-1', [{ type: 'Probe', schemaVersion: 1, data: {}, metadata: { actor: 't' } }]);
      const deadline = Date.now() + 5000;
      while (seen.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(seen).toEqual([1n]);
    } finally {
      await subscription.stop();
      await Promise.all([subscriber.close(), writer.close()]);
    }
  });
});
