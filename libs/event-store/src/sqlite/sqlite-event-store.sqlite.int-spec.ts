import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FixedClock } from '@app/shared-kernel';
import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { SqliteEventStore } from './sqlite-event-store.js';

describeEventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'event-store-'));
  const filename = path.join(dir, 'events.db');
  const clock = new FixedClock('2026-01-01T00:00:00.000Z');
  const store = new SqliteEventStore({ filename, clock, pollIntervalMs: 50 });
  return {
    store,
    clock,
    openAnother: async () =>
      new SqliteEventStore({ filename, clock, pollIntervalMs: 50 }),
    async tamper(globalPosition) {
      const db = new Database(filename);
      db.prepare(
        `UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE global_position = ?`,
      ).run(globalPosition);
      db.close();
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite appendToStreams (one transaction)', () => {
  const events = (n: number) => [
    {
      eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      type: 'Thing',
      schemaVersion: 1,
      data: { n },
      metadata: { actor: 'a', correlationId: `c-${n}` },
    },
  ];
  const open = (dir: string, name: string) =>
    new SqliteEventStore({
      filename: path.join(dir, name),
      clock: new FixedClock('2026-01-01T00:00:00.000Z'),
      pollIntervalMs: 50,
    });

  it('stores exactly what the same appends one by one store, hash for hash, and all or none', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'event-store-'));
    const one = open(dir, 'one.db');
    const bulk = open(dir, 'bulk.db');
    try {
      const appends = [1, 2, 3, 4].map((n) => ({
        streamName: `s-${n % 2}`,
        events: events(n),
      }));
      for (const a of appends) await one.appendToStream(a.streamName, a.events);
      const results = await bulk.appendToStreams(appends);
      expect(results.map((r) => r.lastGlobalPosition)).toEqual([
        1n,
        2n,
        3n,
        4n,
      ]);
      const hashes = async (store: SqliteEventStore) =>
        (await store.readAll()).map((e) => [
          e.streamName,
          e.streamPosition,
          e.hash,
        ]);
      expect(await hashes(bulk)).toEqual(await hashes(one));
      expect((await bulk.verifyChain()).ok).toBe(true);

      // A batch whose second append fails its version check stores nothing of the batch.
      await expect(
        bulk.appendToStreams([
          { streamName: 's-2', events: events(5) },
          {
            streamName: 's-0',
            events: events(6),
            options: { expectedVersion: 'no_stream' },
          },
        ]),
      ).rejects.toThrow();
      expect(await bulk.headPosition()).toBe(4n);
      await bulk.appendToStream('s-2', events(7));
      expect(await bulk.headPosition()).toBe(5n);
      expect((await bulk.verifyChain()).ok).toBe(true);
    } finally {
      await one.close();
      await bulk.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
