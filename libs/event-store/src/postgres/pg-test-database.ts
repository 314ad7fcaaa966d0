import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** A throwaway database on the server named by PG_URL, for one test file. */
export class PgTestDatabase {
  readonly name = `event_store_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  readonly adminUrl =
    process.env.PG_URL ??
    'postgres://postgres:postgres@127.0.0.1:5432/postgres';

  get url(): string {
    const url = new URL(this.adminUrl);
    url.pathname = `/${this.name}`;
    return url.toString();
  }

  async create(): Promise<void> {
    await this.admin(`CREATE DATABASE ${this.name}`);
  }

  async drop(): Promise<void> {
    await this.admin(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }

  private async admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
