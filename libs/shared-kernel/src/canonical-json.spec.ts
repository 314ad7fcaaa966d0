import { canonicalJson, NotCanonicalJsonError } from './canonical-json.js';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts members by UTF-16 code units at every depth, so key order never changes a hash', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }),
    ).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    // U+1F600 is D83D DE00 in UTF-16: before U+E000, although its code point is higher.
    expect(canonicalJson({ '\ue000': 1, '😀': 2 })).toBe('{"😀":2,"\ue000":1}');
  });

  it('keeps text as UTF-8 and escapes only quote, backslash and control characters', () => {
    expect(canonicalJson('湘乡 "q" \\ \n\t\u0001\u007f\u2028')).toBe(
      '"湘乡 \\"q\\" \\\\ \\n\\t\\u0001\u007f\u2028"',
    );
  });

  it('writes numbers as ECMAScript does', () => {
    expect(canonicalJson([1.5, 40, 1e-7, 0.0000015, 1e21, 1e20, -0])).toBe(
      '[1.5,40,1e-7,0.0000015,1e+21,100000000000000000000,0]',
    );
  });

  it('drops undefined members, writes bigints and Dates as strings', () => {
    expect(
      canonicalJson({
        p: 12n,
        gone: undefined,
        at: new Date('2026-03-02T08:00:00Z'),
      }),
    ).toBe('{"at":"2026-03-02T08:00:00.000Z","p":"12"}');
  });

  it('refuses what JCS cannot write, naming where', () => {
    expect(() => canonicalJson({ a: ['ok', 'bad \ud800 text'] })).toThrow(
      NotCanonicalJsonError,
    );
    expect(() => canonicalJson({ a: ['ok', 'bad \ud800 text'] })).toThrow(
      '/a/1: text contains a lone UTF-16 surrogate',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(
      '/n: NaN is not a JSON number',
    );
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(
      NotCanonicalJsonError,
    );
    // A surrogate pair is one character and fine.
    expect(canonicalJson('😀')).toBe('"😀"');
  });
});
