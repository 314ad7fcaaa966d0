import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { AppConfig } from '@app/app-config';
import { PROJECTION_RUNNER } from '@app/composition';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PERSONAL_DATA_KEYS_FILE } from '@app/injuries';
import type { ProjectionRunner } from '@app/projections';
import { bootService } from '../boot.js';
import { expectOnly, UsageError, type CliArgs } from '../cli-args.js';

/** Files of DATA_DIR that are databases, copied through the backup API (or rebuilt), never as bytes. */
const DATABASE_FILE =
  /^(events|read-models|personal-data-keys)\.sqlite(-wal|-shm|-journal)?$/;

/**
 * The key table (docs/decisions/0230), read in one transaction. Taken after the log: every key the
 * copied log needs is in it (a key is made before the event it seals is appended).
 */
function keyTableCopy(dataDir: string): Buffer | undefined {
  const file = join(dataDir, PERSONAL_DATA_KEYS_FILE);
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.transaction(() => {
      db.prepare('SELECT count(*) FROM personal_data_keys').get();
      return db.serialize();
    })();
  } finally {
    db.close();
  }
}

function print(value: unknown, code: number): number {
  process.stdout.write(`${JSON.stringify(value)}\n`);
  return code;
}

function onlyEmbedded(config: AppConfig, command: string): void {
  if (config.eventStore.kind !== 'sqlite') {
    throw new UsageError(
      `${command} copies the embedded SQLite store; EVENT_STORE=${config.eventStore.kind} is backed up with its own tools ` +
        '(PostgreSQL: pg_dump or base backups with WAL archiving; KurrentDB: its backup procedure) — see the README, Operations',
    );
  }
}

/**
 * `backup <file>`: a consistent copy of the embedded event store while the api runs (SQLite's online
 * backup API, one step, so the copy is the log as it stood at one instant), plus the other files of
 * DATA_DIR (the worker pseudonym secret, the audit signing key, the key table of personal data) inside
 * the same file. Read models are not copied: restore rebuilds them from the log
 * (docs/decisions/0196-backup-and-restore.md). Without the key table a restored log's personal fields
 * could not be read; with it, a backup older than an erasure still holds the erased worker's key.
 */
export async function backupCommand(
  args: CliArgs,
  config: AppConfig,
): Promise<number> {
  const [file] = args.positional;
  if (!file)
    throw new UsageError('backup needs a target file: cli backup <file>');
  expectOnly({ ...args, positional: [] }, []);
  onlyEmbedded(config, 'backup');
  const source =
    config.eventStore.kind === 'sqlite' ? config.eventStore.filename : '';
  if (!existsSync(source))
    return print({ ok: false, error: `no event store at ${source}` }, 2);
  if (existsSync(file))
    return print(
      { ok: false, error: `${file} exists; a backup never overwrites` },
      2,
    );

  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // All pages in one step: the source cannot change under the copy (a WAL writer keeps writing).
    await db.backup(file, { progress: () => 1_000_000_000 });
  } finally {
    db.close();
  }
  const copy = new Database(file);
  try {
    copy.exec(
      'CREATE TABLE backup_files (name TEXT PRIMARY KEY, content BLOB NOT NULL)',
    );
    const insert = copy.prepare(
      'INSERT INTO backup_files (name, content) VALUES (?, ?)',
    );
    const files = readdirSync(config.dataDir).filter(
      (name) =>
        !DATABASE_FILE.test(name) &&
        statSync(join(config.dataDir, name)).isFile(),
    );
    for (const name of files)
      insert.run(name, readFileSync(join(config.dataDir, name)));
    const keys = keyTableCopy(config.dataDir);
    if (keys) {
      insert.run(PERSONAL_DATA_KEYS_FILE, keys);
      files.push(PERSONAL_DATA_KEYS_FILE);
    }
    const head = copy
      .prepare('SELECT max(global_position) AS head FROM events')
      .get() as { head: number | null };
    return print({ ok: true, file, events: head.head ?? 0, files }, 0);
  } finally {
    copy.close();
  }
}

/**
 * `restore <file>`: into an empty DATA_DIR only. Puts the log and the saved files back, verifies the hash
 * chain and rebuilds the read models from the log; exit 1 when the chain does not verify.
 */
export async function restoreCommand(
  args: CliArgs,
  config: AppConfig,
): Promise<number> {
  const [file] = args.positional;
  if (!file)
    throw new UsageError('restore needs a backup file: cli restore <file>');
  expectOnly({ ...args, positional: [] }, []);
  onlyEmbedded(config, 'restore');
  if (!existsSync(file))
    return print({ ok: false, error: `no backup file ${file}` }, 2);
  if (existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0) {
    return print(
      {
        ok: false,
        error: `DATA_DIR ${config.dataDir} is not empty; restore only into an empty one`,
      },
      2,
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  const target =
    config.eventStore.kind === 'sqlite' ? config.eventStore.filename : '';
  copyFileSync(file, target);
  const db = new Database(target);
  let files: string[];
  try {
    const rows = db
      .prepare('SELECT name, content FROM backup_files')
      .all() as Array<{ name: string; content: Buffer }>;
    for (const row of rows)
      writeFileSync(join(config.dataDir, basename(row.name)), row.content, {
        mode: 0o600,
      });
    files = rows.map((row) => row.name);
    db.exec('DROP TABLE backup_files');
  } catch (error) {
    db.close();
    rmSync(target, { force: true });
    return print(
      {
        ok: false,
        error: `${file} is not a backup made by cli backup: ${(error as Error).message}`,
      },
      2,
    );
  }
  db.close();

  const app = await bootService(config);
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const chain = await store.verifyChain();
    if (!chain.ok) {
      return print(
        {
          ok: false,
          checked: chain.checked,
          firstBrokenPosition: chain.firstBrokenPosition?.toString() ?? null,
          reason: chain.reason,
        },
        1,
      );
    }
    const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
    await runner.loadCheckpoints();
    await runner.catchUp();
    return print(
      {
        ok: true,
        events: chain.checked,
        projectedTo: Number(runner.position()),
        files,
      },
      0,
    );
  } finally {
    await app.close();
  }
}
