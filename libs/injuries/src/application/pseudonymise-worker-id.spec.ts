import { createHmac } from 'node:crypto';
import {
  isResidentIdNumber,
  pseudonymiseWorkerId,
  redactDigitRuns,
  redactIdNumbers,
} from './pseudonymise-worker-id.js';
import { deterministicEventId } from '@app/shared-kernel';

describe('pseudonymiseWorkerId', () => {
  it('is HMAC-SHA256 hex of the ID number under the secret, stable, case-insensitive on the check letter', () => {
    const ref = pseudonymiseWorkerId('43038119900101123X', 'k1');
    expect(ref).toBe(
      createHmac('sha256', 'k1').update('43038119900101123X').digest('hex'),
    );
    expect(pseudonymiseWorkerId('43038119900101123x', 'k1')).toBe(ref);
    expect(pseudonymiseWorkerId('43038119900101123X', 'k2')).not.toBe(ref);
    expect(ref).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to run without a secret', () => {
    expect(() => pseudonymiseWorkerId('430381199001011234', '')).toThrow(
      /secret/,
    );
  });

  it('redacts ID-number-like runs in free text, not shorter or longer digit runs', () => {
    expect(redactIdNumbers('工号 430381199001011234 受伤')).toBe(
      '工号 [id-number-redacted] 受伤',
    );
    expect(redactIdNumbers('电话 13800138000，单号 12345678901234567890')).toBe(
      '电话 13800138000，单号 12345678901234567890',
    );
  });
});

describe('deterministicEventId', () => {
  it('gives the same UUID (v5 layout) for the same parts, another for other parts', () => {
    const id = deterministicEventId(
      'XX-1',
      'hash',
      -1n,
      0,
      'InjuryDeclarationReceived',
    );
    expect(id).toBe(
      deterministicEventId('XX-1', 'hash', -1n, 0, 'InjuryDeclarationReceived'),
    );
    expect(id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(
      deterministicEventId('XX-1', 'hash', 0n, 0, 'InjuryDeclarationReceived'),
    ).not.toBe(id);
  });
});

describe('quarantine redaction keeps the employer USCC and removes ID numbers', () => {
  it('redacts an ID number with a valid check digit, alone or glued to digits, and keeps an 18-digit code that is not one', () => {
    const idNumber = '430381199001011234'; // valid GB 11643 check digit
    const uscc = '91430381000000000L'; // valid USCC whose first 17 characters are digits
    expect(isResidentIdNumber(idNumber)).toBe(true);
    expect(isResidentIdNumber('430381200001011239')).toBe(false);
    // Not a valid USCC either: a mistyped ID number is still redacted.
    expect(redactDigitRuns('worker 430381200001011239')).toBe(
      'worker [id-number-redacted]',
    );
    expect(redactDigitRuns(`employer ${uscc}, worker ${idNumber}`)).toBe(
      `employer ${uscc}, worker [id-number-redacted]`,
    );
    expect(redactDigitRuns(`glued 99${idNumber}`)).toBe(
      'glued [id-number-redacted]',
    );
    expect(redactDigitRuns('17 digits 43038119900101123')).toBe(
      '17 digits [id-number-redacted]',
    );
    expect(redactDigitRuns('letters keep 91430381MA4L16JQ92')).toBe(
      'letters keep 91430381MA4L16JQ92',
    );
  });
});
