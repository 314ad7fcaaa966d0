import pg from 'pg';
import { createEventStore } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';
import { PgTestDatabase } from '../../libs/event-store/src/postgres/pg-test-database.js';
import {
  describeAuditTamperTests,
  rewrittenRows,
  type TamperableStore,
} from '../support/audit-tamper.scenario.js';

const database = new PgTestDatabase();
let schemaCounter = 0;

beforeAll(() => database.create());
afterAll(() => database.drop());

describeAuditTamperTests('PostgreSQL', async (): Promise<TamperableStore> => {
  const schema = `audit_tamper_${++schemaCounter}`;
  const clock = new FixedClock('2026-03-02T08:00:00.000Z');
  const store = await createEventStore(
    { kind: 'postgres', connectionString: database.url, schema },
    clock,
  );
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const table = `"${schema}".events`;
  const run = (sql: string, params: unknown[] = []) =>
    client.query(sql, params).then(() => undefined);
  const inTransaction = async (work: () => Promise<void>) => {
    await run('BEGIN');
    await work();
    await run('COMMIT');
  };
  return {
    backend: 'postgres',
    store,
    clock,
    changeOneByte: (p) =>
      run(
        `UPDATE ${table} SET metadata = jsonb_set(metadata, '{actor}', '"officer-7"') WHERE global_position = $1`,
        [p],
      ),
    deleteEvent: (p) =>
      run(`DELETE FROM ${table} WHERE global_position = $1`, [p]),
    swapEvents: (a, b) =>
      inTransaction(async () => {
        await run(
          `UPDATE ${table} SET global_position = -1 WHERE global_position = $1`,
          [a],
        );
        await run(
          `UPDATE ${table} SET global_position = $1 WHERE global_position = $2`,
          [a, b],
        );
        await run(
          `UPDATE ${table} SET global_position = $1 WHERE global_position = -1`,
          [b],
        );
      }),
    insertCopyAfter: (p) =>
      inTransaction(async () => {
        await run(
          `UPDATE ${table} SET global_position = global_position + 1000000 WHERE global_position > $1`,
          [p],
        );
        await run(
          `UPDATE ${table} SET global_position = global_position - 999999 WHERE global_position > 1000000`,
        );
        await run(
          `INSERT INTO ${table} SELECT global_position + 1, event_id || '-copy', stream_name, stream_position + 1000, type, schema_version,
                  data, metadata, prev_hash, hash FROM ${table} WHERE global_position = $1`,
          [p],
        );
      }),
    deleteFrom: (p) =>
      run(`DELETE FROM ${table} WHERE global_position >= $1`, [p]),
    rewriteWithRecomputedHashes: async (p) => {
      const rows = await rewrittenRows(store, p);
      await inTransaction(async () => {
        for (const row of rows) {
          await run(
            `UPDATE ${table} SET metadata = $1, prev_hash = $2, hash = $3 WHERE global_position = $4`,
            [
              JSON.stringify(row.metadata),
              row.prevHash,
              row.hash,
              row.globalPosition,
            ],
          );
        }
      });
    },
    close: async () => {
      await client.end();
      await store.close();
    },
  };
});
