import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chainHash,
  GENESIS_HASH,
  HASH_CHAIN_ALGORITHM,
  type StoredEvent,
} from '@app/event-store';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  exportLine,
  LOG_EXPORT_PROVES,
  type ExportHeader,
} from './audit-export.format.js';
import { verifyExport } from './export-verifier.js';

/** A KurrentDB-style log: positions with gaps, hashed with globalPosition "0" (docs/audit/hash-chain.md §5). */
function kurrentLog(positions: bigint[]): string[] {
  let prevHash = GENESIS_HASH;
  const events = positions.map((globalPosition, i) => {
    const fields = {
      eventId: `e-${i}`,
      type: 'TrainingRecorded',
      schemaVersion: 1,
      data: { topic: `岗位安全第${i}讲`, hours: 1.5 },
      metadata: {
        actor: 'officer-1',
        correlationId: 'c',
        causationId: null,
        recordedAt: '2026-03-02T08:00:00.000Z',
        effectiveAt: '2026-03-02T08:00:00.000Z',
      },
      streamName: 'training-log',
      streamPosition: BigInt(i),
    };
    const hash = chainHash(prevHash, { ...fields, globalPosition: 0n });
    const event: StoredEvent = { ...fields, globalPosition, prevHash, hash };
    prevHash = hash;
    return event;
  });
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    backend: 'kurrentdb',
    hashAlgorithm: HASH_CHAIN_ALGORITHM,
    hashedPosition: 'zero',
    genesisHash: GENESIS_HASH,
    scope: 'log',
    firstPosition: positions[0].toString(),
    lastPosition: positions[positions.length - 1].toString(),
    eventCount: positions.length,
    headHash: prevHash,
    latestCheckpoint: null,
    exportedAt: '2026-03-03T00:00:00.000Z',
    proves: LOG_EXPORT_PROVES,
  };
  return [
    JSON.stringify(header),
    ...events.map((e) => exportLine(e).trimEnd()),
  ];
}

describe('export verification on a backend whose positions have gaps (KurrentDB rule)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'export-verifier-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function python(lines: string[]) {
    const file = join(dir, 'export.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const run = spawnSync(
      'python3',
      [join(process.cwd(), 'apps/audit-verifier/verify_export.py'), file],
      { encoding: 'utf8' },
    );
    return JSON.parse(run.stdout) as Record<string, unknown>;
  }

  it('verifies increasing positions with gaps, hashed as "0"', async () => {
    const lines = kurrentLog([1953n, 2400n, 98211n]);
    expect(await verifyExport(lines)).toMatchObject({
      ok: true,
      checked: 3,
      lastPosition: '98211',
    });
    expect(python(lines)).toMatchObject({
      ok: true,
      checked: 3,
      lastPosition: '98211',
    });
  });

  it('reports events out of order, and a hash computed with the real position', async () => {
    const lines = kurrentLog([1953n, 2400n, 98211n]);
    const swapped = [lines[0], lines[2], lines[1], lines[3]];
    for (const verdict of [await verifyExport(swapped), python(swapped)]) {
      expect(verdict).toMatchObject({ ok: false, firstBrokenPosition: '2400' });
    }
    const event = JSON.parse(lines[1]) as StoredEvent & {
      streamPosition: string;
      globalPosition: string;
    };
    const wrongRule = chainHash(GENESIS_HASH, {
      ...event,
      streamPosition: 0n,
      globalPosition: 1953n,
    });
    const rehashed = [
      lines[0],
      JSON.stringify({ ...event, hash: wrongRule }),
      ...lines.slice(2),
    ];
    for (const verdict of [await verifyExport(rehashed), python(rehashed)]) {
      expect(verdict).toMatchObject({
        ok: false,
        firstBrokenPosition: '1953',
        reason: "hash does not match the event's content",
      });
    }
  });
});
