import {
  GB4754_2017_SECTIONS,
  industryCodeProblem,
  isValidIndustryCode,
  sectionOfDivision,
} from './industry-code.js';

describe('isValidIndustryCode (GB/T 4754-2017)', () => {
  it.each([
    'A',
    'C',
    'T',
    'A01',
    'B06',
    'C13',
    'C131',
    'C1311',
    'C3411',
    'E4701',
    'F51',
    'K70',
    'S96',
    'T9700',
  ])('accepts %s', (code) => {
    expect(isValidIndustryCode(code)).toBe(true);
  });

  it.each(['', 'U', 'c13', 'C1', 'C13111', '13', 'CC13', 'C 13', 'Z01'])(
    'rejects the format of %j',
    (code) => {
      expect(isValidIndustryCode(code)).toBe(false);
      expect(industryCodeProblem(code)).toContain(
        'is not a GB/T 4754-2017 code',
      );
    },
  );

  it.each([
    ['C01', 'division 01 belongs to section A (农、林、牧、渔业), not C'],
    ['A13', 'division 13 belongs to section C (制造业), not A'],
    ['C4401', 'division 44 belongs to section D'],
    ['T9600', 'division 96 belongs to section S'],
    ['F50', 'division 50 belongs to section E (建筑业), not F'],
  ])('refuses %s whose division is in another section', (code, message) => {
    expect(isValidIndustryCode(code)).toBe(false);
    expect(industryCodeProblem(code)).toContain(message);
  });

  it.each(['C00', 'S98', 'T9900'])('refuses %s: no such division', (code) => {
    expect(industryCodeProblem(code)).toContain(
      'is not a GB/T 4754-2017 division (01–97)',
    );
  });

  it('has 20 sections covering divisions 01–97 exactly once, in order', () => {
    expect(GB4754_2017_SECTIONS.map((s) => s.letter).join('')).toBe(
      'ABCDEFGHIJKLMNOPQRST',
    );
    const divisions = GB4754_2017_SECTIONS.flatMap((s) =>
      Array.from(
        { length: s.divisions.to - s.divisions.from + 1 },
        (_, i) => s.divisions.from + i,
      ),
    );
    expect(divisions).toEqual(Array.from({ length: 97 }, (_, i) => i + 1));
    expect(sectionOfDivision(34)?.letter).toBe('C');
  });
});
