import { createHmac } from 'node:crypto';
import { validateUscc } from '@app/reference-data';

/**
 * workerRef: keyed pseudonym (HMAC-SHA256, hex) of a resident ID number. The raw number is never
 * stored; the same number gives the same ref under the same secret, so one worker's injuries can be
 * linked without knowing who they are. The final check letter is upper-cased first (x and X are the
 * same ID). Rotating the secret breaks linkage with earlier refs (docs/decisions/0013).
 */
export function pseudonymiseWorkerId(idNumber: string, secret: string): string {
  if (!secret) throw new Error('The worker pseudonym secret is not configured');
  return createHmac('sha256', secret)
    .update(idNumber.trim().toUpperCase(), 'utf8')
    .digest('hex');
}

/** Anything in free text that looks like a resident ID number (17 digits + digit or X). */
const ID_NUMBER_LIKE = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;

export function redactIdNumbers(text: string): string {
  return text.replace(ID_NUMBER_LIKE, '[id-number-redacted]');
}

/**
 * Stricter, for records kept in quarantine (docs/decisions/0030, 0197): a run of 17 or more digits, with
 * an optional trailing X, is redacted — a malformed record may carry an ID number glued to other
 * digits, and nothing of it may be kept. One exception: 18 characters that are a valid USCC (GB 32100
 * check character) and not a valid resident ID number (GB 11643 check digit) are the employer's code,
 * which the officer needs to follow up (e.g. 91430381000000000L, or an all-digit one).
 */
const DIGIT_RUN = /\d{17,}[0-9A-HJ-NPQRTUWXYa-z]?/g;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 11643 check character (0–9 or X) of a resident ID number's 17 digits. */
export function residentIdCheckChar(first17: string): string {
  const sum = ID_WEIGHTS.reduce(
    (total, weight, i) => total + weight * Number(first17[i]),
    0,
  );
  return '10X98765432'[sum % 11];
}

/** GB 11643: 17 digits and a check character (0–9 or X) over them. */
export function isResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  return residentIdCheckChar(value.slice(0, 17)) === value[17].toUpperCase();
}

export function redactDigitRuns(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    if (
      run.length === 18 &&
      validateUscc(run).valid &&
      !isResidentIdNumber(run)
    )
      return run;
    // A trailing letter other than X was not part of an ID number: it stays.
    return /[^\dXx]$/.test(run)
      ? `[id-number-redacted]${run.slice(-1)}`
      : '[id-number-redacted]';
  });
}
