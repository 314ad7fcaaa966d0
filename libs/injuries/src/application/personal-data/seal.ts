import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { canonicalJson } from '@app/shared-kernel';
import type { SealedPersonalData } from '../../domain/personal-data.js';

/**
 * AES-256-GCM over the canonical JSON of the personal fields. The IV is derived from the key and the
 * event id: an event id always names the same content (ids are derived from it), so a retried append
 * produces the same bytes and the store's idempotency check holds (docs/decisions/0160); two events
 * never share an IV under one key. Subject and event id are authenticated data, so a sealed part
 * cannot be moved to another event or worker.
 */
export function sealPersonalData(
  key: Buffer,
  subject: string,
  eventId: string,
  fields: Record<string, unknown>,
): SealedPersonalData {
  const iv = createHmac('sha256', key)
    .update(`iv\u0000${eventId}`)
    .digest()
    .subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(subject, eventId));
  const ciphertext = Buffer.concat([
    cipher.update(canonicalJson(fields), 'utf8'),
    cipher.final(),
  ]);
  return {
    alg: 'A256GCM',
    subject,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Throws when the key, subject or event id do not match (GCM authentication). */
export function openPersonalData(
  key: Buffer,
  sealed: SealedPersonalData,
  eventId: string,
): Record<string, unknown> {
  const decipher = createDecipheriv(
    'aes-256-gcm',
    key,
    Buffer.from(sealed.iv, 'base64'),
  );
  decipher.setAAD(aad(sealed.subject, eventId));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const text = Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

const aad = (subject: string, eventId: string): Buffer =>
  Buffer.from(`${subject}\u0000${eventId}`, 'utf8');
