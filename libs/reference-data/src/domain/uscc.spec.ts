import { RuleViolation } from '@app/shared-kernel';
import {
  UsccInvalidError,
  assertValidUscc,
  normalizeUscc,
  usccCheckChar,
  validateUscc,
  withUsccCheckChar,
} from './uscc.js';

const VALID = '91110108551385082Q';

describe('validateUscc (GB 32100-2015)', () => {
  it('accepts the published example 91110108551385082Q', () => {
    expect(validateUscc(VALID)).toEqual({ valid: true });
  });

  it('accepts lower-case letters (checked as upper case)', () => {
    expect(validateUscc(VALID.toLowerCase())).toEqual({ valid: true });
    expect(normalizeUscc(' 91110108551385082q ')).toBe(VALID);
  });

  it('accepts codes whose check value is 0 (31 written as 0)', () => {
    expect(usccCheckChar('91430381000000023')).toBe('0');
    expect(validateUscc('914303810000000230')).toEqual({ valid: true });
  });

  it('completes 17 characters with their check character, and refuses a foreign character', () => {
    expect(withUsccCheckChar('91110108551385082')).toBe(VALID);
    expect(() => withUsccCheckChar('9111010855138508I')).toThrow(
      /USCC alphabet/,
    );
    expect(() => withUsccCheckChar('9111010855138508')).toThrow(
      /17 characters/,
    );
  });

  it.each([
    ['', 0],
    ['91110108551385082', 17],
    ['91110108551385082QQ', 19],
  ])(
    'rejects %j with USCC_INVALID_LENGTH and the length got',
    (code, length) => {
      const check = validateUscc(code);
      expect(check).toMatchObject({
        valid: false,
        code: 'USCC_INVALID_LENGTH',
      });
      expect(check.valid === false && check.message).toContain(`got ${length}`);
    },
  );

  it.each([
    ['I', 5],
    ['O', 1],
    ['S', 10],
    ['V', 17],
    ['Z', 3],
    ['-', 8],
  ])(
    "rejects the character '%s' at position %i with USCC_INVALID_CHARACTER",
    (char, position) => {
      const code = VALID.slice(0, position - 1) + char + VALID.slice(position);
      const check = validateUscc(code);
      expect(check).toMatchObject({
        valid: false,
        code: 'USCC_INVALID_CHARACTER',
        position,
      });
      expect(check.valid === false && check.message).toContain(
        `Character ${position}`,
      );
    },
  );

  it.each([
    ['9143A381MA4L16JQ92', 5, 'A'],
    ['91K30381MA4L16JQ92', 3, 'K'],
    ['9143038XMA4L16JQ92', 8, 'X'],
  ])(
    'rejects %s: a letter (position %i) in the region code, positions 3–8',
    (code, position, char) => {
      const check = validateUscc(code);
      expect(check).toMatchObject({
        valid: false,
        code: 'USCC_INVALID_REGION_CODE',
        position,
      });
      expect(check.valid === false && check.message).toContain(
        `Character ${position} ('${char}') is not a digit`,
      );
    },
  );

  it('accepts letters in the organisation code (positions 9–17)', () => {
    expect(validateUscc('91430381MA4L16JQ92')).toEqual({ valid: true });
  });

  it('rejects a wrong check character with USCC_INVALID_CHECK_CHAR, position 18 and the expected char', () => {
    const check = validateUscc('91110108551385082A');
    expect(check).toMatchObject({
      valid: false,
      code: 'USCC_INVALID_CHECK_CHAR',
      position: 18,
    });
    expect(check.valid === false && check.message).toContain("call for 'Q'");
  });

  it('detects a single mistyped digit through the check character', () => {
    expect(validateUscc('91110108551385083Q')).toMatchObject({
      code: 'USCC_INVALID_CHECK_CHAR',
    });
  });
});

describe('assertValidUscc', () => {
  it('passes a valid code', () => {
    expect(() => assertValidUscc(VALID)).not.toThrow();
  });

  it('throws an "invalid" domain error carrying the check code and position', () => {
    let caught: unknown;
    try {
      assertValidUscc('91110108551385082A');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsccInvalidError);
    expect(caught).not.toBeInstanceOf(RuleViolation);
    expect(caught).toMatchObject({
      code: 'USCC_INVALID_CHECK_CHAR',
      kind: 'invalid',
      position: 18,
    });
    expect((caught as UsccInvalidError).details).toEqual([
      { path: 'uscc', message: expect.stringContaining("'Q'") },
    ]);
  });
});
