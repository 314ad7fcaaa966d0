import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backupCommand,
  restoreCommand,
} from '../../apps/cli/src/commands/backup.js';
import { enterpriseRegistration } from '@app/enterprises/testing';
import { faultUscc } from '../support/fault-kit.js';
import {
  liveSnapshot,
  rebuild,
} from '../support/read-model-rebuild.scenario.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { runCli as run } from '../support/cli-run.js';

const uscc = (serial: number): string => faultUscc('BK', serial);

/**
 * `cli backup` while the api writes, then `cli restore` into an empty DATA_DIR
 * (docs/decisions/0196-backup-and-restore.md): the restored log is a prefix of the live one, verifies,
 * keeps the pseudonym secret, and its rebuilt read models equal a rebuild from the same log.
 */
describe('backup under write load, restore into an empty DATA_DIR (embedded SQLite)', () => {
  const work = mkdtempSync(join(tmpdir(), 'safety-backup-'));
  let live: TestApp;
  let restored: TestApp | undefined;

  afterAll(async () => {
    await restored?.close();
    await live?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('restores a store that verifies and rebuilds identical', async () => {
    live = await createTestApp({ DATA_DIR: join(work, 'live') });
    let serial = 0;
    let writing = true;
    let acknowledged = 0;
    const writer = async () => {
      while (writing) {
        const code = uscc(serial++);
        const response = await live.api
          .post('/api/v1/enterprises')
          .send(enterpriseRegistration({ uscc: code }));
        if (response.status === 201) acknowledged++;
      }
    };
    const load = [writer(), writer(), writer()];
    while (acknowledged < 30)
      await new Promise((resolve) => setTimeout(resolve, 20));

    const file = join(work, 'safety.backup');
    const backup = await run(
      backupCommand,
      ['backup', file],
      live.config.dataDir,
    );
    const afterBackup = acknowledged;
    while (acknowledged < afterBackup + 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    writing = false;
    await Promise.all(load);

    expect(backup.code).toBe(0);
    expect(backup.result.files).toContain('worker-ref.secret');
    const backedUp = BigInt(backup.result.events as number);
    const liveHead = await live.store.headPosition();
    expect(backedUp).toBeGreaterThan(0n);
    expect(liveHead).toBeGreaterThan(backedUp); // the api kept writing during and after the backup

    const target = join(work, 'restored');
    const restore = await run(restoreCommand, ['restore', file], target);
    expect(restore).toMatchObject({
      code: 0,
      result: {
        ok: true,
        events: Number(backedUp),
        projectedTo: Number(backedUp),
      },
    });
    expect(readFileSync(join(target, 'worker-ref.secret'), 'utf8')).toBe(
      readFileSync(join(live.config.dataDir, 'worker-ref.secret'), 'utf8'),
    );
    // Restoring over data is refused.
    expect((await run(restoreCommand, ['restore', file], target)).code).toBe(2);

    restored = await createTestApp({ DATA_DIR: target });
    const restoredEvents = await restored.store.readAll({
      limit: Number(backedUp) + 10,
    });
    const liveEvents = await live.store.readAll({ limit: Number(backedUp) });
    // A consistent copy: exactly the first N events of the live log, hashes included.
    expect(restoredEvents.map((e) => e.hash)).toEqual(
      liveEvents.map((e) => e.hash),
    );
    expect((await restored.store.verifyChain()).ok).toBe(true);
    const comparison = await rebuild(restored, `rebuild_restore_${Date.now()}`);
    const snapshot = await liveSnapshot(restored);
    console.log(
      `backup under load: ${backedUp} events backed up while the live log grew to ${liveHead} (${acknowledged} commands acknowledged); ` +
        `restored ${restoredEvents.length} events, chain verifies, rebuild ${comparison.identical ? 'identical' : 'DIFFERENT'} over ${comparison.tables.length} tables ` +
        `(${Object.values(snapshot).reduce((n, rows) => n + rows.length, 0)} rows)`,
    );
    expect(comparison.differences).toEqual([]);
    expect(existsSync(join(target, 'events.sqlite'))).toBe(true);
  });
});
