import {
  FeedCsvHeaderError,
  mapFeedCsv,
  parseCsv,
} from './feed-batch-csv.mapper.js';

const HEADER =
  'claimId,employer.uscc,injuredAt,declaredAt,determination,injuryNature,severity,medicalTreatmentClaim';

describe('feed batch CSV', () => {
  it('reads RFC 4180: quotes, doubled quotes, quoted commas and line breaks, CRLF, BOM, blank lines', () => {
    const rows = parseCsv(
      '\ufeffa,b\r\n"x, y","say ""hi"""\n\n"two\nlines",\n',
    );
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('maps dotted columns to nested fields, converts booleans and grades, and takes the batch week', () => {
    const { records } = mapFeedCsv(
      `${HEADER},accidentType.standard,accidentType.code,disabilityGrade,worker.occupation\nC-1,91110108551385082Q,2026-02-25T09:30:00+08:00,2026-02-27,recognised,workplace,minor,是,GB6441-86,03,9,冲压工`,
      '2026-W09',
    );
    expect(records).toEqual([
      {
        value: {
          schemaVersion: 1,
          kind: 'declaration',
          claimId: 'C-1',
          feedWeek: '2026-W09',
          employer: { uscc: '91110108551385082Q' },
          injuredAt: '2026-02-25T09:30:00+08:00',
          declaredAt: '2026-02-27',
          determination: 'recognised',
          injuryNature: 'workplace',
          severity: 'minor',
          medicalTreatmentClaim: true,
          accidentType: { standard: 'GB6441-86', code: '03' },
          disabilityGrade: 9,
          worker: { occupation: '冲压工' },
        },
      },
    ]);
  });

  it('a row with the wrong number of fields or an unclosed quote still becomes a record, with its mapping reasons', () => {
    const { records } = mapFeedCsv(
      `${HEADER}\nC-1,91110108551385082Q\nC-2,"unclosed`,
      '2026-W09',
    );
    expect(records[0].mappingErrors).toEqual([
      { path: '', message: 'CSV line 2 has 2 fields; the header has 8' },
    ]);
    expect(records[1].mappingErrors?.[0].message).toMatch(
      /line 3: a quoted field is not closed/,
    );
  });

  it('refuses a header with unknown, repeated or missing columns', () => {
    expect(() => mapFeedCsv('claimId,claimId,shoeSize\n', '2026-W09')).toThrow(
      FeedCsvHeaderError,
    );
    try {
      mapFeedCsv('claimId,claimId,shoeSize\n', '2026-W09');
    } catch (error) {
      const paths = (error as FeedCsvHeaderError).errors.map((e) => e.message);
      expect(paths).toEqual(
        expect.arrayContaining([
          'column "claimId" appears twice',
          'unknown column "shoeSize"',
          'required column "severity" is missing',
        ]),
      );
    }
    expect(() => mapFeedCsv('', '2026-W09')).toThrow(FeedCsvHeaderError);
  });
});
