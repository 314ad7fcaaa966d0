import type { EventStore, StoredEvent } from '@app/event-store';
import { GENESIS_HASH, HASH_CHAIN_ALGORITHM } from '@app/event-store';
import type { Clock } from '@app/shared-kernel';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  exportLine,
  hashedPositionRule,
  LOG_EXPORT_PROVES,
  STREAM_EXPORT_PROVES,
  type ExportBackend,
  type ExportHeader,
} from '../domain/audit-export.format.js';
import { CheckpointLog } from './checkpoint-log.js';
import { lastEvent, readAfter } from './log-reading.js';

const PAGE = 1000;

/**
 * The export of docs/audit/hash-chain.md §6 as chunks of lines: the header, then the events. The head
 * is fixed first and the events are read page by page up to it, so memory stays bounded whatever the
 * log's size, and appends made meanwhile are simply not part of this export.
 */
export async function* auditExportLines(options: {
  store: EventStore;
  backend: ExportBackend;
  clock: Clock;
  stream?: string;
}): AsyncGenerator<string> {
  const { store, backend, clock, stream } = options;
  const contiguous = hashedPositionRule(backend) === 'global-position';
  let first: StoredEvent | undefined;
  let last: StoredEvent | undefined;
  let count = 0;
  if (stream === undefined) {
    last = await lastEvent(store, contiguous);
    if (last) [first] = await readAfter(store, 0n, 1);
    if (last)
      count = contiguous
        ? Number(last.globalPosition - first!.globalPosition) + 1
        : await countUpTo(store, last.globalPosition);
  } else {
    [last] = await store.readStream(stream, {
      direction: 'backwards',
      maxCount: 1,
    });
    [first] = await store.readStream(stream, { maxCount: 1 });
    count = last ? Number(last.streamPosition) + 1 : 0;
  }
  const latest = last
    ? await new CheckpointLog(store).latest(last.globalPosition)
    : undefined;
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    backend,
    hashAlgorithm: HASH_CHAIN_ALGORITHM,
    hashedPosition: hashedPositionRule(backend),
    genesisHash: GENESIS_HASH,
    scope: stream === undefined ? 'log' : 'stream',
    ...(stream === undefined ? {} : { streamName: stream }),
    firstPosition: first ? first.globalPosition.toString() : null,
    lastPosition: last ? last.globalPosition.toString() : null,
    eventCount: count,
    headHash: last?.hash ?? null,
    latestCheckpoint: latest
      ? {
          position: latest.position,
          hash: latest.hash,
          at: latest.at,
          signature: latest.signature,
          keyId: latest.keyId,
        }
      : null,
    exportedAt: clock.now().toISOString(),
    proves: stream === undefined ? LOG_EXPORT_PROVES : STREAM_EXPORT_PROVES,
  };
  yield `${JSON.stringify(header)}\n`;
  if (!last) return;
  const end = last;

  if (stream !== undefined) {
    for (let from = 0n; from <= end.streamPosition;) {
      const page = await store.readStream(stream, { from, maxCount: PAGE });
      if (page.length === 0) return;
      yield page
        .filter((e) => e.streamPosition <= end.streamPosition)
        .map(exportLine)
        .join('');
      from = page[page.length - 1].streamPosition + 1n;
    }
    return;
  }
  for (let after = 0n; ;) {
    const page = await readAfter(store, after, PAGE);
    const upToHead = page.filter((e) => e.globalPosition <= end.globalPosition);
    if (upToHead.length > 0) yield upToHead.map(exportLine).join('');
    if (page.length < PAGE || upToHead.length < page.length) return;
    after = page[page.length - 1].globalPosition;
  }
}

/** How many events the log holds up to `head`, where positions have gaps. */
async function countUpTo(store: EventStore, head: bigint): Promise<number> {
  let count = 0;
  for (let after = 0n; ;) {
    const page = await readAfter(store, after, PAGE);
    for (const event of page) if (event.globalPosition <= head) count++;
    if (page.length < PAGE || page[page.length - 1].globalPosition >= head)
      return count;
    after = page[page.length - 1].globalPosition;
  }
}
