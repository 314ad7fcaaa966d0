import { createHash } from 'node:crypto';
import type { StoredEvent } from './event-store.port.js';

/** prevHash of the first event in the log. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: object keys sorted, no whitespace, bigints as decimal strings, undefined dropped.
 * The same value always gives the same bytes, so an auditor can recompute a hash offline.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`Cannot canonicalise a ${typeof value}`);
}

export type HashedFields = Omit<StoredEvent, 'prevHash' | 'hash'>;

/** hash = SHA-256(prevHash ‖ canonical JSON of the envelope without prevHash and hash). */
export function chainHash(prevHash: string, event: HashedFields): string {
  const envelope = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    streamName: event.streamName,
    streamPosition: event.streamPosition,
    globalPosition: event.globalPosition,
  };
  return createHash('sha256').update(prevHash).update(canonicalJson(envelope)).digest('hex');
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
    if (recomputed !== event.hash) return `hash does not match the event's content`;
    this.expectedPrev = event.hash;
    this.checked++;
    return undefined;
  }
}
