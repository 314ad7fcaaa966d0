import { jest } from '@jest/globals';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '@app/app-config';
import { createEventStore, type EventStore } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';
import { isCheckpointSignatureValid } from '../domain/signed-checkpoint.js';
import {
  AUDIT_SIGNING_KEY_FILE,
  AuditSigningKey,
} from '../infrastructure/audit-signing-key.js';
import { AuditCheckpointer } from './audit-checkpointer.js';
import { CheckpointLog } from './checkpoint-log.js';

describe('periodic signed checkpoints', () => {
  let dir: string;
  let store: EventStore;
  let checkpointer: AuditCheckpointer;
  let key: AuditSigningKey;
  const clock = new FixedClock('2026-03-02T08:00:00.000Z');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-checkpointer-'));
    const config = loadAppConfig({
      DATA_DIR: dir,
      AUDIT_CHECKPOINT_EVERY_EVENTS: '3',
      AUDIT_CHECKPOINT_EVERY_MINUTES: '5',
    });
    store = await createEventStore(
      { kind: 'sqlite', filename: join(dir, 'events.sqlite') },
      clock,
    );
    key = new AuditSigningKey(config);
    checkpointer = new AuditCheckpointer(store, config, clock, key);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (n: number) =>
    store.appendToStream(
      'training-log',
      Array.from({ length: n }, (_, i) => ({
        type: 'TrainingRecorded',
        schemaVersion: 1,
        data: { n: i },
        metadata: { actor: 'officer-1' },
      })),
    );

  it('signs the head every N events, records the checkpoint as an event, and signs nothing when only its own event is new', async () => {
    expect(await checkpointer.tick()).toBeUndefined();
    await append(2);
    expect(await checkpointer.tick()).toBeUndefined();
    await append(1);
    const first = await checkpointer.tick();
    const third = (await store.readAll())[2];
    expect(first).toMatchObject({
      position: '3',
      hash: third.hash,
      at: '2026-03-02T08:00:00.000Z',
    });
    expect(isCheckpointSignatureValid(first!, key.publicKey)).toBe(true);
    expect(await checkpointer.tick()).toBeUndefined();

    await append(3);
    expect(await checkpointer.tick()).toMatchObject({ position: '7' });
    const recorded = [];
    for await (const checkpoint of new CheckpointLog(store).all())
      recorded.push(checkpoint);
    expect(recorded.map((c) => [c.position, c.recordedAtPosition])).toEqual([
      ['3', 4n],
      ['7', 8n],
    ]);
  });

  it('signs after M minutes of wall-clock time when fewer than N events are new', async () => {
    const start = Date.now();
    await append(1);
    jest.spyOn(Date, 'now').mockReturnValue(start + 4 * 60_000);
    expect(await checkpointer.tick()).toBeUndefined();
    jest.spyOn(Date, 'now').mockReturnValue(start + 5 * 60_000 + 1);
    expect(await checkpointer.tick()).toMatchObject({ position: '1' });
  });

  it('generates the key once into DATA_DIR, readable by its owner only', async () => {
    const keyId = key.describe().keyId;
    const file = join(dir, AUDIT_SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(
      new AuditSigningKey(loadAppConfig({ DATA_DIR: dir })).describe().keyId,
    ).toBe(keyId);
  });
});
