import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson, createEventStore } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';
import {
  describeAuditTamperTests,
  rewrittenRows,
  type TamperableStore,
} from '../support/audit-tamper.scenario.js';

describeAuditTamperTests('SQLite', async (): Promise<TamperableStore> => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-sqlite-'));
  const filename = join(dir, 'events.sqlite');
  const clock = new FixedClock('2026-03-02T08:00:00.000Z');
  const store = await createEventStore({ kind: 'sqlite', filename }, clock);
  const db = new Database(filename);
  const run = (sql: string, ...params: unknown[]) =>
    db.prepare(sql).run(...params);
  return {
    backend: 'sqlite',
    store,
    clock,
    changeOneByte: async (p) =>
      void run(
        `UPDATE events SET metadata = replace(metadata, 'officer-1', 'officer-7') WHERE global_position = ?`,
        p,
      ),
    deleteEvent: async (p) =>
      void run('DELETE FROM events WHERE global_position = ?', p),
    swapEvents: async (a, b) => {
      db.transaction(() => {
        run(
          'UPDATE events SET global_position = -1 WHERE global_position = ?',
          a,
        );
        run(
          'UPDATE events SET global_position = ? WHERE global_position = ?',
          a,
          b,
        );
        run(
          'UPDATE events SET global_position = ? WHERE global_position = -1',
          b,
        );
      })();
    },
    insertCopyAfter: async (p) => {
      db.transaction(() => {
        run(
          'UPDATE events SET global_position = global_position + 1000000 WHERE global_position > ?',
          p,
        );
        run(
          'UPDATE events SET global_position = global_position - 999999 WHERE global_position > 1000000',
        );
        run(
          `INSERT INTO events SELECT global_position + 1, event_id || '-copy', stream_name, stream_position + 1000, type, schema_version,
                  data, metadata, prev_hash, hash FROM events WHERE global_position = ?`,
          p,
        );
      })();
    },
    deleteFrom: async (p) =>
      void run('DELETE FROM events WHERE global_position >= ?', p),
    rewriteWithRecomputedHashes: async (p) => {
      const rows = await rewrittenRows(store, p);
      db.transaction(() => {
        for (const row of rows) {
          run(
            'UPDATE events SET metadata = ?, prev_hash = ?, hash = ? WHERE global_position = ?',
            canonicalJson(row.metadata),
            row.prevHash,
            row.hash,
            row.globalPosition,
          );
        }
      })();
    },
    close: async () => {
      db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
