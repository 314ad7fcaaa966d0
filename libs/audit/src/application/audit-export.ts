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

const PAGE = 1000;

/**
 * The export of docs/audit/hash-chain.md §6 as lines: the header, then one line per event. The head
 * is fixed first and the events are read page by page up to it, so memory stays bounded whatever
 * the log's size and appends made meanwhile are simply not part of this export.
 */
export async function* auditExportLines(options: {
  store: EventStore;
  backend: ExportBackend;
  clock: Clock;
  stream?: string;
}): AsyncGenerator<string> {
  const { store, backend, clock, stream } = options;
  const checkpoints = new CheckpointLog(store);
  let first: StoredEvent | undefined;
  let last: StoredEvent | undefined;
  let count = 0;
  if (stream === undefined) {
    const head = await store.headPosition();
    if (head > 0n) {
      [last] = await store.readAll({ fromPosition: head, maxCount: 1 });
      [first] = await store.readAll({ maxCount: 1 });
    }
  } else {
    [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    [first] = await store.readStream(stream, { maxCount: 1 });
    count = last ? Number(last.streamPosition) + 1 : 0;
  }
  if (stream === undefined && last) count = await countUpTo(store, last.globalPosition, backend);
  const latest = last ? await checkpoints.latest(last.globalPosition) : undefined;
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
    latestCheckpoint: latest ? { position: latest.position, hash: latest.hash, at: latest.at, signature: latest.signature, keyId: latest.keyId } : null,
    exportedAt: clock.now().toISOString(),
    proves: stream === undefined ? LOG_EXPORT_PROVES : STREAM_EXPORT_PROVES,
  };
  yield `${JSON.stringify(header)}\n`;
  if (!last) return;

  if (stream !== undefined) {
    for (let from = 0n; from <= last.streamPosition; ) {
      const page = await store.readStream(stream, { from, maxCount: PAGE });
      if (page.length === 0) return;
      yield page.filter((e) => e.streamPosition <= last.streamPosition).map(exportLine).join('');
      from = page[page.length - 1].streamPosition + 1n;
    }
    return;
  }
  for (let from = 1n; ; ) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
    const upToHead = page.filter((e) => e.globalPosition <= last.globalPosition);
    if (upToHead.length > 0) yield upToHead.map(exportLine).join('');
    if (page.length < PAGE || upToHead.length < page.length) return;
    from = page[page.length - 1].globalPosition + 1n;
  }
}

/** How many events the log holds up to `head`: the head itself where positions are 1, 2, 3… */
async function countUpTo(store: EventStore, head: bigint, backend: ExportBackend): Promise<number> {
  if (backend !== 'kurrentdb') return Number(head);
  let count = 0;
  for (let from = 1n; ; ) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
    for (const event of page) if (event.globalPosition <= head) count++;
    if (page.length < PAGE || page[page.length - 1].globalPosition >= head) return count;
    from = page[page.length - 1].globalPosition + 1n;
  }
}
