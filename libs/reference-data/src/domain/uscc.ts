import { DomainError } from '@app/shared-kernel';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters from the 31-character alphabet `0-9 A-H J-N P-R T U W-Y` (I, O, S, V and Z are
 * excluded). The 18th character is a check character:
 *   check value = 31 − (Σ value(char_i) × weight_i  mod 31), with 31 written as 0,
 * over the first 17 characters, weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
 * (3^(i−1) mod 31).
 * Positions 3–8 are the registering authority's administrative-division code (登记管理机关行政区划码,
 * GB/T 2260): six digits, never letters, even though letters are allowed elsewhere.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
export const USCC_LENGTH = 18;

export type UsccErrorCode =
  | 'USCC_INVALID_LENGTH'
  | 'USCC_INVALID_CHARACTER'
  | 'USCC_INVALID_REGION_CODE'
  | 'USCC_INVALID_CHECK_CHAR';

/** 1-based positions of the administrative-division code. */
export const USCC_REGION_POSITIONS = { from: 3, to: 8 } as const;

export type UsccCheck =
  | { valid: true }
  | {
      valid: false;
      code: UsccErrorCode;
      /** 1-based position of the character at fault (absent for a length error). */
      position?: number;
      message: string;
    };

/** The check character the first 17 characters call for; undefined if they hold a foreign char. */
export function usccCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]);
    if (value < 0) return undefined;
    sum += value * USCC_WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[check];
}

/**
 * The whole 18-character code for its first 17 characters: the one way to put a check character on a
 * code (the demo county and the test fixtures make codes with it). Throws on a character outside the
 * alphabet, which no caller means to pass.
 */
export function withUsccCheckChar(first17: string): string {
  const check = first17.length === 17 ? usccCheckChar(first17) : undefined;
  if (check === undefined)
    throw new Error(`'${first17}' is not 17 characters of the USCC alphabet`);
  return first17 + check;
}

/**
 * Validates a USCC. Letters are accepted in lower case (people type them so) and checked as upper
 * case; callers that store the code should store `normalizeUscc(code)`.
 */
export function validateUscc(code: string): UsccCheck {
  if (typeof code !== 'string' || code.length !== USCC_LENGTH) {
    const length = typeof code === 'string' ? code.length : 0;
    return {
      valid: false,
      code: 'USCC_INVALID_LENGTH',
      message: `A unified social credit code has ${USCC_LENGTH} characters; got ${length}`,
    };
  }
  const upper = code.toUpperCase();
  for (let i = 0; i < USCC_LENGTH; i++) {
    if (!USCC_ALPHABET.includes(upper[i])) {
      return {
        valid: false,
        code: 'USCC_INVALID_CHARACTER',
        position: i + 1,
        message:
          `Character ${i + 1} ('${code[i]}') is not allowed in a unified social credit code ` +
          `(allowed: 0-9 A-H J-N P-R T U W-Y)`,
      };
    }
  }
  for (
    let position = USCC_REGION_POSITIONS.from;
    position <= USCC_REGION_POSITIONS.to;
    position++
  ) {
    const char = code[position - 1];
    if (char < '0' || char > '9') {
      return {
        valid: false,
        code: 'USCC_INVALID_REGION_CODE',
        position,
        message:
          `Character ${position} ('${char}') is not a digit: positions 3–8 of a unified social credit code are the ` +
          `registering authority's administrative-division code (GB/T 2260, six digits), got '${code.slice(2, 8)}'`,
      };
    }
  }
  const expected = usccCheckChar(upper.slice(0, 17)) as string;
  if (upper[17] !== expected) {
    return {
      valid: false,
      code: 'USCC_INVALID_CHECK_CHAR',
      position: 18,
      message: `Check character (position 18) is '${code[17]}' but the first 17 characters call for '${expected}'`,
    };
  }
  return { valid: true };
}

export function normalizeUscc(code: string): string {
  return code.trim().toUpperCase();
}

export class UsccInvalidError extends DomainError {
  readonly kind = 'invalid' as const;
  readonly code: UsccErrorCode;
  readonly position?: number;

  constructor(check: Extract<UsccCheck, { valid: false }>, path = 'uscc') {
    super(check.message, [{ path, message: check.message }]);
    this.code = check.code;
    this.position = check.position;
  }
}

/** Throws UsccInvalidError (kind 'invalid', code from the check) unless the code is valid. */
export function assertValidUscc(code: string, path = 'uscc'): void {
  const check = validateUscc(code);
  if (!check.valid) throw new UsccInvalidError(check, path);
}
