import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PersonalDataKeys } from '../../application/personal-data/personal-data-keys.port.js';
import { obtainDataKeys } from './obtain-data-keys.js';

/** First key of the event store's advisory lock on a schema ("EVST"). */
const EVENT_STORE_SCHEMA_LOCK_CLASS = 0x45_56_53_54;

/**
 * The key table on PostgreSQL (docs/decisions/0230): `<schema>.personal_data_keys`, a table of its
 * own beside the events table (EVENT_STORE=postgres) or beside the read models (KurrentDB, whose
 * log cannot hold a deletable key). Never dropped by a rebuild.
 */
export class PostgresPersonalDataKeys implements PersonalDataKeys {
  private readonly table: string;

  private constructor(
    private readonly pool: pg.Pool,
    schema: string,
  ) {
    this.table = `"${schema}".personal_data_keys`;
  }

  static async open(
    connectionString: string,
    schema: string,
  ): Promise<PostgresPersonalDataKeys> {
    if (!/^[a-z_][a-z0-9_]{0,50}$/.test(schema))
      throw new Error(`Invalid schema name: ${schema}`);
    const pool = new pg.Pool({ connectionString, max: 4 });
    // An idle client losing its connection (a database restart) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const keys = new PostgresPersonalDataKeys(pool, schema);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The event store's lock for this schema (libs/event-store, postgres-event-store.ts): the two never
      // race on CREATE SCHEMA IF NOT EXISTS, nor do two processes starting at once.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        EVENT_STORE_SCHEMA_LOCK_CLASS,
        schema,
      ]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${keys.table} (subject text PRIMARY KEY, data_key bytea, created_at timestamptz NOT NULL, erased_at timestamptz)`,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      await pool.end();
      throw error;
    }
    client.release();
    return keys;
  }

  async find(subjects: Iterable<string>): Promise<Map<string, Buffer | null>> {
    const list = [...new Set(subjects)];
    const out = new Map<string, Buffer | null>();
    if (list.length === 0) return out;
    const { rows } = await this.pool.query<{
      subject: string;
      data_key: Buffer | null;
    }>(
      `SELECT subject, data_key FROM ${this.table} WHERE subject = ANY($1::text[])`,
      [list],
    );
    for (const row of rows) out.set(row.subject, row.data_key);
    return out;
  }

  obtain(subjects: readonly string[]): Promise<Map<string, Buffer | null>> {
    return obtainDataKeys(subjects, this);
  }

  /** New keys for subjects without a row, in one statement; a row another process wrote stays. */
  async insertMissing(subjects: readonly string[]): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (subject, data_key, created_at)
       SELECT subject, decode(data_key, 'hex'), now() FROM unnest($1::text[], $2::text[]) AS m(subject, data_key)
       ON CONFLICT (subject) DO NOTHING`,
      [subjects, subjects.map(() => randomBytes(32).toString('hex'))],
    );
  }

  async erase(
    subject: string,
    at: string,
  ): Promise<{ erasedNow: boolean; erasedAt: string }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ erased_at: Date | null }>(
        `SELECT erased_at FROM ${this.table} WHERE subject = $1 FOR UPDATE`,
        [subject],
      );
      if (rows[0]?.erased_at) {
        await client.query('COMMIT');
        return { erasedNow: false, erasedAt: rows[0].erased_at.toISOString() };
      }
      // A first erasure racing this one keeps its instant (COALESCE); both destroyed the same key.
      const written = await client.query<{ erased_at: Date }>(
        `INSERT INTO ${this.table} AS k (subject, data_key, created_at, erased_at) VALUES ($1, NULL, $2, $2)
         ON CONFLICT (subject) DO UPDATE SET data_key = NULL, erased_at = COALESCE(k.erased_at, excluded.erased_at)
         RETURNING k.erased_at`,
        [subject, at],
      );
      await client.query('COMMIT');
      return {
        erasedNow: true,
        erasedAt: written.rows[0].erased_at.toISOString(),
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
