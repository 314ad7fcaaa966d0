import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig, type AppConfig } from '@app/app-config';
import { createEventStore } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';
import { UsageError } from '../cli-args.js';
import { runCommand } from '../testing/run-command.js';
import { exportCommand } from './export.js';
import { verifyCommand } from './verify.js';

const run = runCommand;

describe('cli verify and export', () => {
  let dir: string;
  let config: AppConfig;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-verify-'));
    config = loadAppConfig({ DATA_DIR: dir, LOG_LEVEL: 'error' });
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function storeWith(events: number): Promise<void> {
    const store = await createEventStore(
      config.eventStore,
      new FixedClock('2026-03-02T08:00:00.000Z'),
    );
    for (let i = 0; i < events; i++) {
      await store.appendToStream('training-log', [
        {
          type: 'TrainingRecorded',
          schemaVersion: 1,
          data: { topic: `岗位安全第${i}讲` },
          metadata: { actor: 'officer-1' },
        },
      ]);
    }
    await store.close();
  }

  it('names a store that is not there instead of creating an empty one and calling it verified', async () => {
    const { code, out } = await run(verifyCommand, ['verify'], config);
    expect(code).toBe(2);
    expect(JSON.parse(out)).toMatchObject({
      ok: false,
      error: expect.stringContaining(
        `no event store at ${join(dir, 'events.sqlite')}`,
      ),
    });
    expect(existsSync(join(dir, 'events.sqlite'))).toBe(false);
  });

  it('does not pass an empty store', async () => {
    await storeWith(0);
    const { code, out } = await run(verifyCommand, ['verify'], config);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({
      ok: false,
      checked: 0,
      error: expect.stringContaining('holds no events'),
    });
  });

  it('verifies the store, and its export offline; a changed export line is reported with its position', async () => {
    await storeWith(5);
    expect(
      JSON.parse((await run(verifyCommand, ['verify'], config)).out),
    ).toEqual({ ok: true, checked: 5, firstBrokenPosition: null });

    const exported = await run(exportCommand, ['export'], config);
    expect(exported.code).toBe(0);
    const file = join(dir, 'export.ndjson');
    writeFileSync(file, exported.out);
    const verified = await run(
      verifyCommand,
      ['verify', '--file', file],
      config,
    );
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({
      ok: true,
      checked: 5,
      lastPosition: '5',
    });

    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('岗位安全第3讲', '岗位安全第8讲'),
    );
    const broken = await run(verifyCommand, ['verify', '--file', file], config);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out)).toMatchObject({
      ok: false,
      firstBrokenPosition: '4',
      reason: "hash does not match the event's content",
    });
  });

  it('refuses what is not an export, and checkpoints without a key', async () => {
    const file = join(dir, 'not-an-export.ndjson');
    writeFileSync(file, '{"hello":"world"}\n');
    const { code, out } = await run(
      verifyCommand,
      ['verify', '--file', file],
      config,
    );
    expect(code).toBe(2);
    expect(JSON.parse(out).error).toMatch(/not an export header/);
    writeFileSync(
      join(dir, 'cp.json'),
      JSON.stringify([{ position: '1', hash: 'x', at: 'y', signature: 'z' }]),
    );
    await expect(
      run(
        verifyCommand,
        ['verify', '--file', file, '--checkpoints', join(dir, 'cp.json')],
        config,
      ),
    ).rejects.toThrow(UsageError);
  });
});
