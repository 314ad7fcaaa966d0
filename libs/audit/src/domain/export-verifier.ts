import type { KeyObject } from 'node:crypto';
import {
  chainHash,
  GENESIS_HASH,
  HASH_CHAIN_ALGORITHM,
  type StoredEvent,
} from '@app/event-store';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportHeader,
} from './audit-export.format.js';
import {
  isCheckpointSignatureValid,
  type SignedCheckpoint,
} from './signed-checkpoint.js';

export interface ExportVerification {
  ok: boolean;
  checked: number;
  /** Decimal string; null when the export verifies or the break has no position (e.g. an empty export). */
  firstBrokenPosition: string | null;
  reason?: string;
  scope?: 'log' | 'stream';
  backend?: string;
  firstPosition?: string | null;
  lastPosition?: string;
  headHash?: string;
  checkpointsMatched?: number;
  note?: string;
}

/** The input is not an export at all, or the options are wrong (exit 2, not "broken"). */
export class UnusableExportError extends Error {}

class Broken extends Error {
  constructor(
    readonly position: bigint | null,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

function parseHeader(line: string): ExportHeader {
  let header: Partial<ExportHeader>;
  try {
    header = JSON.parse(line) as Partial<ExportHeader>;
  } catch {
    throw new UnusableExportError(
      'the first line is not JSON: an export starts with its header line',
    );
  }
  if (
    header === null ||
    typeof header !== 'object' ||
    header.format !== EXPORT_FORMAT
  ) {
    throw new UnusableExportError(
      `the first line is not an export header (format "${EXPORT_FORMAT}")`,
    );
  }
  if (header.formatVersion !== EXPORT_FORMAT_VERSION) {
    throw new UnusableExportError(
      `export format version ${String(header.formatVersion)} is not ${EXPORT_FORMAT_VERSION}, the version this verifier reads`,
    );
  }
  if (header.hashAlgorithm !== HASH_CHAIN_ALGORITHM)
    throw new UnusableExportError(
      `hash algorithm ${String(header.hashAlgorithm)} is not ${HASH_CHAIN_ALGORITHM}`,
    );
  if (
    header.hashedPosition !== 'global-position' &&
    header.hashedPosition !== 'zero'
  ) {
    throw new UnusableExportError(
      'hashedPosition must be global-position or zero',
    );
  }
  if (header.scope !== 'log' && header.scope !== 'stream')
    throw new UnusableExportError('scope must be log or stream');
  return header as ExportHeader;
}

/**
 * Verifies an export line by line, in bounded memory, by the rules of docs/audit/hash-chain.md — the
 * same rules, checks and messages as apps/audit-verifier/verify_export.py, which an auditor runs
 * without this code. `lines` yields the header line first.
 */
export async function verifyExport(
  lines: AsyncIterable<string> | Iterable<string>,
  options: { checkpoints?: SignedCheckpoint[]; publicKey?: KeyObject } = {},
): Promise<ExportVerification> {
  const iterator =
    Symbol.asyncIterator in lines
      ? lines[Symbol.asyncIterator]()
      : lines[Symbol.iterator]();
  const first = await iterator.next();
  if (first.done)
    throw new UnusableExportError(
      'the export is empty: not even a header line',
    );
  const header = parseHeader(first.value);
  const rule = header.hashedPosition;
  const contiguous = rule === 'global-position';
  const report: ExportVerification = {
    ok: false,
    checked: 0,
    firstBrokenPosition: null,
    scope: header.scope,
    backend: header.backend,
  };

  let given: Array<SignedCheckpoint & { source?: string }> = [
    ...(options.checkpoints ?? []),
  ];
  if (header.latestCheckpoint)
    given.push({ ...header.latestCheckpoint, source: 'export header' });
  if (given.length > 0 && !options.publicKey) {
    report.note = 'checkpoints not checked: no --public-key given';
    given = [];
  }
  const byPosition = new Map<bigint, SignedCheckpoint[]>();
  let checked = 0;
  let lastPosition: bigint | undefined;
  let lastHash: string | undefined;
  try {
    for (const checkpoint of given) {
      if (!DECIMAL.test(checkpoint.position))
        throw new Broken(
          null,
          `checkpoint position "${checkpoint.position}" is not a decimal number`,
        );
      if (!isCheckpointSignatureValid(checkpoint, options.publicKey!)) {
        throw new Broken(
          BigInt(checkpoint.position),
          `the checkpoint of ${checkpoint.at} at position ${checkpoint.position} (${checkpoint.source ?? 'given'}) does not carry a valid signature of the given key`,
        );
      }
      const position = BigInt(checkpoint.position);
      byPosition.set(position, [
        ...(byPosition.get(position) ?? []),
        checkpoint,
      ]);
    }

    let prevHash: string | undefined;
    let prevGlobal: bigint | undefined;
    let prevStreamPosition: bigint | undefined;
    let number = 1;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      number++;
      const line = next.value;
      if (line.trim() === '') continue;
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(line) as Record<string, unknown>;
        if (
          event === null ||
          typeof event !== 'object' ||
          !('globalPosition' in event) ||
          !('streamPosition' in event)
        )
          throw new Error();
      } catch {
        throw new Broken(
          prevGlobal === undefined ? null : prevGlobal + 1n,
          `line ${number} is not an event of the export`,
        );
      }
      const globalText = event.globalPosition;
      const streamText = event.streamPosition;
      if (
        typeof globalText !== 'string' ||
        !DECIMAL.test(globalText) ||
        typeof streamText !== 'string' ||
        !DECIMAL.test(streamText)
      ) {
        throw new Broken(
          null,
          `line ${number}: positions must be decimal strings`,
        );
      }
      const position = BigInt(globalText);
      if (header.scope === 'log') {
        if (prevGlobal === undefined) {
          const expectedFirst = header.firstPosition
            ? BigInt(header.firstPosition)
            : 1n;
          if (contiguous && position !== expectedFirst) {
            throw new Broken(
              expectedFirst,
              `the export should start at position ${expectedFirst} but starts at ${position}`,
            );
          }
        } else if (contiguous && position !== prevGlobal + 1n) {
          const expected = prevGlobal + 1n;
          if (position > expected)
            throw new Broken(
              expected,
              `the event at position ${expected} is missing (the next line holds position ${position})`,
            );
          throw new Broken(
            position,
            `position ${position} comes after position ${prevGlobal}: events out of order or repeated`,
          );
        } else if (!contiguous && position <= prevGlobal) {
          throw new Broken(
            position,
            `position ${position} comes after position ${prevGlobal}: events out of order or repeated`,
          );
        }
        const expectedPrev =
          prevHash === undefined && (!contiguous || position === 1n)
            ? GENESIS_HASH
            : prevHash;
        if (expectedPrev !== undefined && event.prevHash !== expectedPrev) {
          throw new Broken(
            position,
            'prevHash does not match the hash of the event before it',
          );
        }
      } else {
        const streamPosition = BigInt(streamText);
        const expectedStream =
          prevStreamPosition === undefined ? 0n : prevStreamPosition + 1n;
        if (streamPosition !== expectedStream) {
          throw new Broken(
            position,
            `stream position ${streamPosition} where ${expectedStream} was expected: an event of the stream is missing or out of order`,
          );
        }
        if (prevGlobal !== undefined && position <= prevGlobal) {
          throw new Broken(
            position,
            `global position ${position} comes after ${prevGlobal}: events out of order`,
          );
        }
        prevStreamPosition = streamPosition;
      }
      if (typeof event.prevHash !== 'string' || !HEX64.test(event.prevHash))
        throw new Broken(position, 'prevHash is not 64 lowercase hex digits');
      let recomputed: string;
      try {
        // The line's members as they are: whatever they hold is what must hash to the recorded hash.
        recomputed = chainHash(event.prevHash, {
          eventId: event.eventId as string,
          type: event.type as string,
          schemaVersion: event.schemaVersion as number,
          data: event.data as StoredEvent['data'],
          metadata: event.metadata as StoredEvent['metadata'],
          streamName: event.streamName as string,
          streamPosition: BigInt(streamText),
          globalPosition: rule === 'zero' ? 0n : position,
        });
      } catch (error) {
        throw new Broken(
          position,
          `the event cannot be hashed: ${(error as Error).message}`,
        );
      }
      if (recomputed !== event.hash)
        throw new Broken(position, "hash does not match the event's content");
      for (const checkpoint of byPosition.get(position) ?? []) {
        if (checkpoint.hash !== recomputed) {
          throw new Broken(
            position,
            `the event differs from the checkpoint signed at ${checkpoint.at}: the log was rewritten`,
          );
        }
      }
      prevHash = lastHash = recomputed;
      prevGlobal = lastPosition = position;
      checked++;
    }
    report.checked = checked;
    if (checked === 0 || lastPosition === undefined)
      throw new Broken(
        null,
        'the export holds no events: there is nothing to verify',
      );
    if (
      String(lastPosition) !== String(header.lastPosition) ||
      lastHash !== header.headHash ||
      checked !== header.eventCount
    ) {
      throw new Broken(
        contiguous ? lastPosition + 1n : null,
        `the export ends at position ${lastPosition} with ${checked} events, but its header announces position ${String(header.lastPosition)}, ` +
          `${String(header.eventCount)} events and head hash ${String(header.headHash)}: it was cut or altered`,
      );
    }
    if (header.scope === 'log') {
      const beyond = [...byPosition.keys()]
        .filter((p) => p > lastPosition!)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (beyond.length > 0) {
        const newest = beyond[beyond.length - 1];
        throw new Broken(
          contiguous ? lastPosition + 1n : newest,
          `the log is cut off: a checkpoint signed at ${byPosition.get(newest)![0].at} covers position ${newest}, but the export ends at ${lastPosition}`,
        );
      }
    }
  } catch (error) {
    if (!(error instanceof Broken)) throw error;
    report.checked = checked;
    report.firstBrokenPosition =
      error.position === null ? null : error.position.toString();
    report.reason = error.reason;
    return report;
  }
  report.ok = true;
  report.firstPosition = header.firstPosition;
  report.lastPosition = lastPosition.toString();
  report.headHash = lastHash;
  report.checkpointsMatched = [...byPosition.values()].reduce(
    (n, list) => n + list.length,
    0,
  );
  if (header.scope === 'stream')
    report.note =
      header.proves ||
      'one stream: each event matches its hash; links to other streams are not checked';
  return report;
}
