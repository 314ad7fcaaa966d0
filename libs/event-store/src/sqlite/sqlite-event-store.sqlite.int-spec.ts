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
    openAnother: async () => new SqliteEventStore({ filename, clock, pollIntervalMs: 50 }),
    async tamper(globalPosition) {
      const db = new Database(filename);
      db.prepare(`UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE global_position = ?`).run(globalPosition);
      db.close();
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
