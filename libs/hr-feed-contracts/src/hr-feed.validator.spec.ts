import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INJURY_NATURES } from '@app/reference-data';
import { HR_INJURY_DECLARATION_V2_SCHEMA } from './hr-injury-declaration.v2.schema.js';
import {
  parseHrFeedMessage,
  validateHrFeedMessage,
} from './hr-feed.validator.js';
import { HR_FEED_MAX_MESSAGE_BYTES } from './hr-feed.topics.js';

const examplesDir = fileURLToPath(new URL('./examples/', import.meta.url));
const example = (name: string): string =>
  readFileSync(`${examplesDir}${name}`, 'utf8');
const declaration = (): Record<string, any> =>
  JSON.parse(example('valid-declaration.json'));

/** What each shipped example must give: ok, or the JSON paths of its violations. */
const expectations: Record<string, true | string[]> = {
  'valid-declaration.json': true,
  'valid-declaration-commute.json': true,
  'valid-manifest.json': true,
  'invalid-enum.json': ['/injuryNature'],
  'invalid-missing-severity.json': ['/severity'],
  'invalid-not-json.txt': [''],
  'invalid-uscc-check-char.json': ['/employer/uscc'],
};

describe('HR feed v1 validation over the shipped examples', () => {
  it('covers every example file', () => {
    const files = readdirSync(examplesDir).filter((name) =>
      statSync(`${examplesDir}${name}`).isFile(),
    );
    expect(files.sort()).toEqual(Object.keys(expectations).sort());
  });

  it.each(Object.entries(expectations))('%s', (file, expected) => {
    const result = parseHrFeedMessage(example(file));
    if (expected === true) {
      expect(result).toEqual({ ok: true, message: JSON.parse(example(file)) });
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reasons.map((r) => r.path)).toEqual(expected);
      for (const reason of result.reasons)
        expect(reason.message).not.toHaveLength(0);
    }
  });

  it('names the allowed values of an enum', () => {
    const result = parseHrFeedMessage(example('invalid-enum.json'));
    expect(result).toEqual({
      ok: false,
      reasons: [
        {
          path: '/injuryNature',
          message: expect.stringContaining('"workplace"'),
        },
      ],
    });
  });

  it('explains a bad USCC check character with its position', () => {
    const result = parseHrFeedMessage(example('invalid-uscc-check-char.json'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reasons[0].message).toMatch(/18|check/i);
  });
});

describe('HR feed v1 validation reports every violation', () => {
  it('lists all problems of one record with their JSON paths, not only the first', () => {
    const record = declaration();
    delete record.severity;
    record.determination = 'maybe';
    record.feedWeek = '2024-W54';
    record.injuredAt = '2024-08-15 09:30';
    record.declaredAt = '2024-02-30';
    record.disabilityGrade = 11;
    record.worker.idNumber = '43038119900101123';
    record.employer.uscc = '914303810000010010';
    record.extra = 'x';

    const result = validateHrFeedMessage(record);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons.map((r) => r.path).sort()).toEqual(
      [
        '/severity',
        '/determination',
        '/feedWeek',
        '/injuredAt',
        '/declaredAt',
        '/disabilityGrade',
        '/worker/idNumber',
        '/employer/uscc',
        '/extra',
      ].sort(),
    );
  });

  it('accepts a null disability grade and a worker without ID number', () => {
    const record = declaration();
    record.disabilityGrade = null;
    delete record.worker.idNumber;
    expect(validateHrFeedMessage(record).ok).toBe(true);
  });

  it('rejects a declaration of an unknown schema version, naming the versions there are', () => {
    const record = { ...declaration(), schemaVersion: 3 };
    expect(validateHrFeedMessage(record)).toEqual({
      ok: false,
      reasons: [
        {
          path: '/schemaVersion',
          message: 'must be 1 or 2 (hr-injury-declaration.v1 or .v2)',
        },
      ],
    });
  });

  it('rejects a message of an unknown kind, or one that is not an object', () => {
    expect(validateHrFeedMessage({ ...declaration(), kind: 'memo' })).toEqual({
      ok: false,
      reasons: [{ path: '/kind', message: expect.any(String) }],
    });
    const notObject = validateHrFeedMessage([1, 2]);
    expect(notObject.ok).toBe(false);
    if (!notObject.ok) expect(notObject.reasons[0].path).toBe('');
  });

  it('rejects a manifest with a negative expected count', () => {
    const manifest = JSON.parse(example('valid-manifest.json'));
    manifest.expectedCount = -1;
    const result = validateHrFeedMessage(manifest);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reasons.map((r) => r.path)).toEqual(['/expectedCount']);
  });
});

describe('HR feed v1 size limit (64 KiB of UTF-8)', () => {
  const padded = (bytes: number): string => {
    const record = declaration();
    delete record.narrative;
    const base = Buffer.byteLength(
      JSON.stringify({ ...record, narrative: '' }),
      'utf8',
    );
    record.narrative = 'a'.repeat(bytes - base);
    return JSON.stringify(record);
  };

  it('accepts exactly 65536 bytes as far as size is concerned', () => {
    const raw = padded(HR_FEED_MAX_MESSAGE_BYTES);
    expect(Buffer.byteLength(raw)).toBe(HR_FEED_MAX_MESSAGE_BYTES);
    const result = parseHrFeedMessage(raw);
    // the long narrative still breaks maxLength 2000, but nothing says "too large"
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reasons).toEqual([
        { path: '/narrative', message: expect.any(String) },
      ]);
  });

  it('rejects 65537 bytes before parsing, counting multi-byte characters as bytes', () => {
    const raw = padded(HR_FEED_MAX_MESSAGE_BYTES + 1);
    const result = parseHrFeedMessage(Buffer.from(raw, 'utf8'));
    expect(result).toEqual({
      ok: false,
      reasons: [{ path: '', message: expect.stringContaining('65536') }],
    });

    const chinese = JSON.stringify({
      ...declaration(),
      narrative: '伤'.repeat(22_000),
    }); // 3 bytes each
    expect(parseHrFeedMessage(chinese)).toEqual({
      ok: false,
      reasons: [{ path: '', message: expect.stringContaining('bytes') }],
    });
  });

  it('rejects bytes that are not UTF-8', () => {
    const result = parseHrFeedMessage(new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(result).toEqual({
      ok: false,
      reasons: [{ path: '', message: 'is not valid UTF-8' }],
    });
  });
});

describe('HR feed v2 (工伤保险条例 natures) over the shipped v2 examples', () => {
  const v2Dir = `${examplesDir}v2/`;
  const v2Example = (name: string): string =>
    readFileSync(`${v2Dir}${name}`, 'utf8');
  const v2Expectations: Record<string, true | string[]> = {
    'valid-declaration.json': true,
    'valid-declaration-business-trip.json': true,
    'valid-declaration-deemed-sudden-death.json': true,
    'valid-manifest.json': true,
    'invalid-deemed-workplace.json': ['/determination'],
    'invalid-v1-nature-in-v2.json': ['/injuryNature'],
  };

  it('covers every v2 example file', () => {
    expect(readdirSync(v2Dir).sort()).toEqual(
      Object.keys(v2Expectations).sort(),
    );
  });

  it.each(Object.entries(v2Expectations))('%s', (file, expected) => {
    const result = parseHrFeedMessage(v2Example(file));
    if (expected === true) {
      expect(result).toEqual({
        ok: true,
        message: JSON.parse(v2Example(file)),
      });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.reasons.map((r) => r.path)).toEqual(expected);
    }
  });

  it('lists exactly the injury natures of the reference data', () => {
    expect(
      HR_INJURY_DECLARATION_V2_SCHEMA.$defs.declaration.properties.injuryNature
        .enum,
    ).toEqual(INJURY_NATURES);
  });

  it('explains a deemed determination that does not fit the nature', () => {
    const result = parseHrFeedMessage(
      v2Example('invalid-deemed-workplace.json'),
    );
    expect(result).toEqual({
      ok: false,
      reasons: [
        {
          path: '/determination',
          message: expect.stringContaining(
            "'deemed' (视同工伤) applies only to the natures of 工伤保险条例 art. 15",
          ),
        },
      ],
    });
  });

  it('refuses recognised for an art. 15 nature, and accepts pending or not-recognised for any nature', () => {
    const deemed = JSON.parse(
      v2Example('valid-declaration-deemed-sudden-death.json'),
    );
    expect(
      validateHrFeedMessage({ ...deemed, determination: 'recognised' }),
    ).toEqual({
      ok: false,
      reasons: [
        {
          path: '/determination',
          message: expect.stringContaining("'sudden-death-48h' is art. 15(一)"),
        },
      ],
    });
    expect(
      validateHrFeedMessage({ ...deemed, determination: 'pending' }).ok,
    ).toBe(true);
    expect(
      validateHrFeedMessage({ ...deemed, determination: 'not-recognised' }).ok,
    ).toBe(true);
  });

  it('still accepts a v1 record without checking the determination (v1 had no art. 15 natures but sudden-illness)', () => {
    expect(
      validateHrFeedMessage({
        ...declaration(),
        determination: 'deemed',
        injuryNature: 'other',
      }).ok,
    ).toBe(true);
  });
});
