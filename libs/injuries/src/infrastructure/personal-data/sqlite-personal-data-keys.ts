import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { PersonalDataKeys } from '../../application/personal-data/personal-data-keys.port.js';
import { obtainDataKeys } from './obtain-data-keys.js';

/** File of the embedded key table in DATA_DIR: never the events file, never the read models. */
export const PERSONAL_DATA_KEYS_FILE = 'personal-data-keys.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS personal_data_keys (
  subject    TEXT PRIMARY KEY,
  data_key   BLOB,
  created_at TEXT NOT NULL,
  erased_at  TEXT
)`;

/**
 * The key table on SQLite (docs/decisions/0230): its own file, so a copy of the log is not a copy of
 * the keys, and erasing a key does not touch the log. Rollback journal: `cli backup` reads it in one
 * transaction.
 */
export class SqlitePersonalDataKeys implements PersonalDataKeys {
  private readonly db: Database.Database;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  async find(subjects: Iterable<string>): Promise<Map<string, Buffer | null>> {
    const list = [...new Set(subjects)];
    const out = new Map<string, Buffer | null>();
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const rows = this.db
        .prepare(
          `SELECT subject, data_key FROM personal_data_keys WHERE subject IN (${chunk.map(() => '?').join(',')})`,
        )
        .all(...chunk) as { subject: string; data_key: Buffer | null }[];
      for (const row of rows) out.set(row.subject, row.data_key);
    }
    return out;
  }

  obtain(subjects: readonly string[]): Promise<Map<string, Buffer | null>> {
    return obtainDataKeys(subjects, this);
  }

  /** New keys for subjects without a row, in one transaction; a row another process wrote stays. */
  async insertMissing(subjects: readonly string[]): Promise<void> {
    const insert = this.db.prepare(
      'INSERT INTO personal_data_keys (subject, data_key, created_at) VALUES (?, ?, ?) ON CONFLICT (subject) DO NOTHING',
    );
    const createdAt = new Date().toISOString();
    this.db
      .transaction(() => {
        for (const subject of subjects)
          insert.run(subject, randomBytes(32), createdAt);
      })
      .immediate();
  }

  async erase(
    subject: string,
    at: string,
  ): Promise<{ erasedNow: boolean; erasedAt: string }> {
    return this.db
      .transaction(() => {
        const row = this.db
          .prepare('SELECT erased_at FROM personal_data_keys WHERE subject = ?')
          .get(subject) as { erased_at: string | null } | undefined;
        if (row?.erased_at)
          return { erasedNow: false, erasedAt: row.erased_at };
        this.db
          .prepare(
            `INSERT INTO personal_data_keys (subject, data_key, created_at, erased_at) VALUES (?, NULL, ?, ?)
           ON CONFLICT (subject) DO UPDATE SET data_key = NULL, erased_at = excluded.erased_at`,
          )
          .run(subject, at, at);
        return { erasedNow: true, erasedAt: at };
      })
      .immediate();
  }

  /** A consistent copy of the table's file, for `cli backup`. */
  serialize(): Buffer {
    return this.db.serialize();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
