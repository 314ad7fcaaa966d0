import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/shared-kernel';
import type { StoredEvent } from './event-store.port.js';

// The repository's one canonical JSON lives in the shared kernel; re-exported for the adapters.
export { canonicalJson } from '@app/shared-kernel';

/**
 * The hash chain exactly as docs/audit/hash-chain.md specifies it; change the document first.
 */

/** prevHash of the first event in the log (§4). */
export const GENESIS_HASH = '0'.repeat(64);

/** Name of the rule in export headers (§6). */
export const HASH_CHAIN_ALGORITHM = 'sha256-jcs-v1';

/**
 * Which number stands for the global position inside the hashed envelope (§5): the position itself
 * on SQLite and PostgreSQL; 0 on KurrentDB, which assigns commit positions only while writing.
 */
export type HashedPositionRule = 'global-position' | 'zero';

export type HashedFields = Omit<StoredEvent, 'prevHash' | 'hash'>;

/** The eight hashed members, positions as decimal strings, in the order the audit trail shows them. */
export type HashedEnvelope<Data = unknown> = Omit<
  HashedFields,
  'data' | 'streamPosition' | 'globalPosition'
> & { data: Data; streamPosition: string; globalPosition: string };

/** An event with its link in the chain: the hashed envelope, then prevHash and hash (§6 export lines). */
export type ChainedEnvelope = HashedEnvelope<StoredEvent['data']> &
  Pick<StoredEvent, 'prevHash' | 'hash'>;

/** The one shape in which the audit API answers an event and an export writes its line. */
export function chainedEnvelope(event: StoredEvent): ChainedEnvelope {
  return {
    ...hashedEnvelope(event),
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

/**
 * The eight envelope members that are hashed (§3); positions as decimal strings. `data` is whatever
 * the event holds (the envelope template of append-support.ts puts a placeholder text there).
 */
export function hashedEnvelope<Data>(
  event: Omit<HashedFields, 'data'> & { data: Data },
): HashedEnvelope<Data> {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    streamName: event.streamName,
    streamPosition: event.streamPosition.toString(),
    globalPosition: event.globalPosition.toString(),
  };
}

/** The exact text hashed (§2): the 64 hex digits of prevHash, then the JCS of the envelope. */
export function chainHashInput(prevHash: string, event: HashedFields): string {
  return `${prevHash}${canonicalJson(hashedEnvelope(event))}`;
}

/** hash = lowercase hex SHA-256 of the UTF-8 bytes of chainHashInput. */
export function chainHash(prevHash: string, event: HashedFields): string {
  return createHash('sha256')
    .update(chainHashInput(prevHash, event), 'utf8')
    .digest('hex');
}

/** Walks events in global order; reports the first whose prevHash or hash does not match. */
export class ChainVerifier {
  private expectedPrev = GENESIS_HASH;
  checked = 0;

  /** Returns a reason when the event breaks the chain, undefined when it holds. */
  check(event: StoredEvent): string | undefined {
    if (event.prevHash !== this.expectedPrev) {
      return `prevHash does not match the hash of the previous event`;
    }
    const recomputed = chainHash(event.prevHash, event);
    if (recomputed !== event.hash)
      return `hash does not match the event's content`;
    this.expectedPrev = event.hash;
    this.checked++;
    return undefined;
  }
}
