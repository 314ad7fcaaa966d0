import { createHmac } from 'node:crypto';

/**
 * workerRef: keyed pseudonym (HMAC-SHA256, hex) of a resident ID number. The raw number is never
 * stored; the same number gives the same ref under the same secret, so one worker's injuries can be
 * linked without knowing who they are. The final check letter is upper-cased first (x and X are the
 * same ID). Rotating the secret breaks linkage with earlier refs (docs/decisions/0013).
 */
export function pseudonymiseWorkerId(idNumber: string, secret: string): string {
  if (!secret) throw new Error('The worker pseudonym secret is not configured');
  return createHmac('sha256', secret).update(idNumber.trim().toUpperCase(), 'utf8').digest('hex');
}

/** Anything in free text that looks like a resident ID number (17 digits + digit or X). */
const ID_NUMBER_LIKE = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;

export function redactIdNumbers(text: string): string {
  return text.replace(ID_NUMBER_LIKE, '[id-number-redacted]');
}

/**
 * Stricter, for records kept in quarantine (docs/decisions/0030): ANY run of 17 or more digits, with
 * an optional trailing X, is redacted — a malformed record may carry an ID number glued to other
 * digits, and nothing of it may be kept.
 */
const DIGIT_RUN = /\d{17,}[Xx]?/g;

export function redactDigitRuns(text: string): string {
  return text.replace(DIGIT_RUN, '[id-number-redacted]');
}
