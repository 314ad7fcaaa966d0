import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  auditExportLines,
  signCheckpoint,
  verifyExport,
  type ExportBackend,
  type ExportVerification,
  type SignedCheckpoint,
} from '@app/audit';
import type { EventStore } from '@app/event-store';
import { FixedClock } from '@app/shared-kernel';

export const PYTHON_VERIFIER = join(
  process.cwd(),
  'apps/audit-verifier/verify_export.py',
);

/** Row-level access to a store's `events` table, behind the store's back (what an intruder could do). */
export interface TamperableStore {
  backend: ExportBackend;
  store: EventStore;
  clock: FixedClock;
  /** Changes one character of the actor of the event at `position` (officer-1 → officer-7). */
  changeOneByte(position: number): Promise<void>;
  deleteEvent(position: number): Promise<void>;
  /** Exchanges the contents of two rows; each keeps its global position. */
  swapEvents(a: number, b: number): Promise<void>;
  /** Moves every later event up by one and puts a copy of `position` (new event id) right after it. */
  insertCopyAfter(position: number): Promise<void>;
  deleteFrom(position: number): Promise<void>;
  /** Changes the actor of `position` and recomputes that hash and every later one: a chain that verifies. */
  rewriteWithRecomputedHashes(position: number): Promise<void>;
  close(): Promise<void>;
}

export interface BothVerdicts {
  python: ExportVerification & { error?: string };
  node: ExportVerification;
}

/** Eight events over three streams, with Chinese text and decimals, as commands would leave them. */
export async function appendHistory(
  store: EventStore,
  clock: FixedClock,
): Promise<void> {
  const actor = { actor: 'officer-1', correlationId: 'c-1' };
  clock.set('2026-03-02T08:00:00.000Z');
  await store.appendToStream('enterprise-91430381MA4L2XK18B', [
    {
      type: 'EnterpriseRegistered',
      schemaVersion: 1,
      data: {
        uscc: '91430381MA4L2XK18B',
        name: '湘乡市示例机械有限公司',
        headcount: 120,
      },
      metadata: actor,
    },
  ]);
  for (let i = 0; i < 3; i++) {
    clock.set(`2026-03-0${3 + i}T08:00:00.000Z`);
    await store.appendToStream('enterprise-91430381MA4L2XK18B', [
      {
        type: 'TrainingRecorded',
        schemaVersion: 1,
        data: {
          topic: `岗位"安全"第${i + 1}讲\n`,
          hours: 1.5 + i,
          ratio: 1e-7,
        },
        metadata: actor,
      },
    ]);
  }
  await store.appendToStream('accident-2026-001', [
    {
      type: 'AccidentReported',
      schemaVersion: 1,
      data: { deaths: 0, directLossYuan: 12_345.67, description: '机械伤害' },
      metadata: actor,
    },
    {
      type: 'CasualtiesRevised',
      schemaVersion: 1,
      data: { deaths: 0, seriousInjuries: 1 },
      metadata: { ...actor, effectiveAt: '2026-02-01T00:00:00.000Z' },
    },
  ]);
  await store.appendToStream('hr-feed-week-2026-W10', [
    {
      type: 'FeedManifestReceived',
      schemaVersion: 1,
      data: { feedWeek: '2026-W10', expectedCount: 2 },
      metadata: { actor: 'hr-feed' },
    },
    {
      type: 'FeedManifestReceived',
      schemaVersion: 1,
      data: { feedWeek: '2026-W10', expectedCount: 3 },
      metadata: { actor: 'hr-feed' },
    },
  ]);
}

export class AuditFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'audit-tamper-'));
  readonly keys = generateKeyPairSync('ed25519');

  get publicKeyFile(): string {
    const file = join(this.dir, 'public-key.pem');
    writeFileSync(
      file,
      this.keys.publicKey.export({ format: 'pem', type: 'spki' }),
    );
    return file;
  }

  /** Signs the event at `position` as the store has it now (the checkpoint an auditor kept). */
  async checkpoint(
    store: EventStore,
    position: number,
    key: KeyObject = this.keys.privateKey,
  ): Promise<SignedCheckpoint> {
    const event = (await store.readAll()).find(
      (e) => e.globalPosition === BigInt(position),
    )!;
    return signCheckpoint(
      key,
      event.globalPosition,
      event.hash,
      '2026-03-10T00:00:00.000Z',
    );
  }

  async exportTo(
    name: string,
    t: Pick<TamperableStore, 'store' | 'backend'>,
    stream?: string,
  ): Promise<string> {
    const file = join(this.dir, name);
    let text = '';
    for await (const chunk of auditExportLines({
      store: t.store,
      backend: t.backend,
      clock: new FixedClock('2026-03-11T00:00:00.000Z'),
      stream,
    }))
      text += chunk;
    writeFileSync(file, text);
    return file;
  }

  /** The same export through apps/audit-verifier/verify_export.py and the cli's verifier. */
  async verifyBoth(
    exportFile: string,
    checkpoints: SignedCheckpoint[] = [],
  ): Promise<BothVerdicts> {
    const args = [PYTHON_VERIFIER, exportFile];
    if (checkpoints.length > 0) {
      const file = join(this.dir, 'checkpoints.json');
      writeFileSync(file, JSON.stringify({ checkpoints }));
      args.push('--checkpoints', file, '--public-key', this.publicKeyFile);
    }
    const run = spawnSync('python3', args, { encoding: 'utf8' });
    if (run.error) throw run.error;
    if (run.stderr)
      throw new Error(`verify_export.py wrote to stderr: ${run.stderr}`);
    const python = JSON.parse(run.stdout) as BothVerdicts['python'];
    expect(run.status).toBe(python.ok ? 0 : python.error ? 2 : 1);
    const node = await verifyExport(
      readFileSync(exportFile, 'utf8').split('\n'),
      {
        checkpoints,
        publicKey: checkpoints.length > 0 ? this.keys.publicKey : undefined,
      },
    );
    return { python, node };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Both verifiers agree on the verdict, the first broken position and the reason. */
export function expectBothBroken(
  verdicts: BothVerdicts,
  position: number,
  reason: RegExp,
): void {
  for (const verdict of [verdicts.python, verdicts.node]) {
    expect(verdict).toMatchObject({
      ok: false,
      firstBrokenPosition: String(position),
    });
    expect(verdict.reason).toMatch(reason);
  }
  expect(verdicts.python.reason).toBe(verdicts.node.reason);
}

/**
 * The tamper tests of docs/audit/hash-chain.md on one backend: each intrusion into the table is
 * reported by both verifiers with its position; an untouched store and its export verify.
 */
export function describeAuditTamperTests(
  name: string,
  open: () => Promise<TamperableStore>,
): void {
  describe(`tampering with the log is detected by both verifiers (${name})`, () => {
    let t: TamperableStore;
    let files: AuditFiles;

    beforeEach(async () => {
      t = await open();
      files = new AuditFiles();
      await appendHistory(t.store, t.clock);
    });

    afterEach(async () => {
      await t.close();
      files.remove();
    });

    it('an untouched store and its export verify, also against a signed checkpoint', async () => {
      expect(await t.store.verifyChain()).toMatchObject({
        ok: true,
        checked: 8,
      });
      const verdicts = await files.verifyBoth(
        await files.exportTo('log.ndjson', t),
        [await files.checkpoint(t.store, 8)],
      );
      for (const verdict of [verdicts.python, verdicts.node]) {
        expect(verdict).toMatchObject({
          ok: true,
          checked: 8,
          firstBrokenPosition: null,
          lastPosition: '8',
          checkpointsMatched: 1,
        });
      }
    });

    it('one changed byte', async () => {
      await t.changeOneByte(3);
      expectBothBroken(
        await files.verifyBoth(await files.exportTo('log.ndjson', t)),
        3,
        /hash does not match the event's content/,
      );
      expect(await t.store.verifyChain()).toMatchObject({
        ok: false,
        firstBrokenPosition: 3n,
      });
    });

    it('a deleted event', async () => {
      await t.deleteEvent(4);
      expectBothBroken(
        await files.verifyBoth(await files.exportTo('log.ndjson', t)),
        4,
        /position 4 is missing/,
      );
    });

    it('two events swapped', async () => {
      await t.swapEvents(5, 6);
      expectBothBroken(
        await files.verifyBoth(await files.exportTo('log.ndjson', t)),
        5,
        /does not match/,
      );
    });

    it('an inserted event', async () => {
      await t.insertCopyAfter(2);
      expectBothBroken(
        await files.verifyBoth(await files.exportTo('log.ndjson', t)),
        3,
        /prevHash does not match/,
      );
    });

    it('a truncated tail verifies on its own, and is detected against a signed checkpoint', async () => {
      const kept = await files.checkpoint(t.store, 8);
      await t.deleteFrom(7);
      const exported = await files.exportTo('log.ndjson', t);
      const alone = await files.verifyBoth(exported);
      expect(alone.python).toMatchObject({ ok: true, checked: 6 });
      expect(alone.node).toMatchObject({ ok: true, checked: 6 });
      expectBothBroken(
        await files.verifyBoth(exported, [kept]),
        7,
        /cut off: a checkpoint signed at .* covers position 8, but the export ends at 6/,
      );
    });

    it('a history rewritten with every hash recomputed verifies on its own, and is detected against a signed checkpoint', async () => {
      const kept = await files.checkpoint(t.store, 5);
      await t.rewriteWithRecomputedHashes(3);
      const exported = await files.exportTo('log.ndjson', t);
      expect((await files.verifyBoth(exported)).node).toMatchObject({
        ok: true,
      });
      expectBothBroken(
        await files.verifyBoth(exported, [kept]),
        5,
        /differs from the checkpoint signed at .*: the log was rewritten/,
      );
    });

    it('a checkpoint signed with another key is refused', async () => {
      const forged = await files.checkpoint(
        t.store,
        8,
        generateKeyPairSync('ed25519').privateKey,
      );
      expectBothBroken(
        await files.verifyBoth(await files.exportTo('log.ndjson', t), [forged]),
        8,
        /does not carry a valid signature/,
      );
    });

    it('a one-stream export verifies and says what it proves; a changed event of it is reported', async () => {
      const stream = 'enterprise-91430381MA4L2XK18B';
      const verdicts = await files.verifyBoth(
        await files.exportTo('stream.ndjson', t, stream),
      );
      for (const verdict of [verdicts.python, verdicts.node]) {
        expect(verdict).toMatchObject({
          ok: true,
          checked: 4,
          scope: 'stream',
        });
        expect(verdict.note).toMatch(
          /cannot prove that prevHash belongs to a real event/,
        );
      }
      await t.changeOneByte(2);
      expectBothBroken(
        await files.verifyBoth(
          await files.exportTo('stream.ndjson', t, stream),
        ),
        2,
        /hash does not match/,
      );
    });

    it('an empty store gives an export that does not verify', async () => {
      await t.deleteFrom(1);
      const verdicts = await files.verifyBoth(
        await files.exportTo('empty.ndjson', t),
      );
      for (const verdict of [verdicts.python, verdicts.node]) {
        expect(verdict).toMatchObject({
          ok: false,
          checked: 0,
          firstBrokenPosition: null,
        });
        expect(verdict.reason).toMatch(/no events: there is nothing to verify/);
      }
    });
  });
}

/** The rows from `position` on with the actor of the first changed and every hash recomputed. */
export async function rewrittenRows(store: EventStore, position: number) {
  const { chainHash } = await import('@app/event-store');
  const events = (await store.readAll()).filter(
    (e) => e.globalPosition >= BigInt(position),
  );
  let prevHash = events[0].prevHash;
  return events.map((event, i) => {
    const metadata =
      i === 0 ? { ...event.metadata, actor: 'officer-7' } : event.metadata;
    const hash = chainHash(prevHash, { ...event, metadata });
    const row = {
      globalPosition: Number(event.globalPosition),
      metadata,
      prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
}
