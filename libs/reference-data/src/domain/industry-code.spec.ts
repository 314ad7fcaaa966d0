import { isValidIndustryCode } from './industry-code.js';

describe('isValidIndustryCode (GB/T 4754-2017 format)', () => {
  it.each(['A', 'C', 'T', 'C13', 'C131', 'C1311', 'F51', 'T9600'])('accepts %s', (code) => {
    expect(isValidIndustryCode(code)).toBe(true);
  });

  it.each(['', 'U', 'c13', 'C1', 'C13111', '13', 'CC13', 'C 13', 'Z01'])('rejects %j', (code) => {
    expect(isValidIndustryCode(code)).toBe(false);
  });
});
