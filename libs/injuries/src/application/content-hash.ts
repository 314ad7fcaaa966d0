import { createHash } from 'node:crypto';

/** SHA-256 of a record's canonical text: part of a feed event's id (see docs/decisions/0012). */
export function contentHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
