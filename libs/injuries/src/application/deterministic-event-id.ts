import { createHash } from 'node:crypto';

/**
 * UUID (version 5 layout) from SHA-1 of a name: the same name always gives the same id. Feed-derived
 * events use names built from the claimId, the record's content hash and the stream version they
 * were decided at, so a redelivered Kafka message (even after a crash between append and offset
 * commit) can never be appended twice: the store ignores an eventId it already holds.
 */
const NAMESPACE = 'whole-staff-safety/injuries';

export function deterministicEventId(...parts: (string | number | bigint)[]): string {
  const bytes = createHash('sha1').update(NAMESPACE).update('\u0000').update(parts.map(String).join('\u0000')).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function contentHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
