import type { AccidentTypeRef } from '@app/reference-data';
import {
  DEFAULT_REFERENCE_DATA,
  accidentTypesMatch,
} from '@app/reference-data';
import {
  detectRecurrence,
  earlierCasesOf,
  type RecurrenceCandidate,
} from './recurrence.js';

const key = (a: AccidentTypeRef, b: AccidentTypeRef) =>
  accidentTypesMatch(DEFAULT_REFERENCE_DATA, a, b);
const MECH_86: AccidentTypeRef = {
  standard: 'GB6441-86',
  code: '03',
  name: '机械伤害',
};
const mech2025: AccidentTypeRef = {
  standard: 'GB6441-2025',
  code: 'WSA10004',
  name: '机械致害',
};
const FALL_86: AccidentTypeRef = {
  standard: 'GB6441-86',
  code: '09',
  name: '高处坠落',
};

const aCase = (
  overrides: Partial<RecurrenceCandidate> = {},
): RecurrenceCandidate => ({
  claimId: 'C-1',
  uscc: '91430381000001001Y',
  accidentType: MECH_86,
  injuredAt: '2024-01-10T10:00:00+08:00',
  ...overrides,
});

describe('detectRecurrence — same enterprise, same accident type, within 365 days', () => {
  it('finds the earlier case 365 days before (inclusive)', () => {
    // 2024-01-10 → 2025-01-09 is 365 days (2024 is a leap year)
    const found = detectRecurrence(
      [aCase()],
      aCase({ claimId: 'C-2', injuredAt: '2025-01-09T08:00:00+08:00' }),
      key,
    );
    expect(found).toEqual({
      previousClaimId: 'C-1',
      accidentType: MECH_86,
      daysBetween: 365,
    });
  });

  it('does not flag 366 days apart', () => {
    expect(
      detectRecurrence(
        [aCase()],
        aCase({ claimId: 'C-2', injuredAt: '2025-01-10T08:00:00+08:00' }),
        key,
      ),
    ).toBeUndefined();
  });

  it('counts calendar days in Asia/Shanghai, not 24-hour spans', () => {
    // 2025-01-09 23:30 CST is 2025-01-09T15:30Z; 2024-01-10 00:10 CST is 2024-01-09T16:10Z
    const found = detectRecurrence(
      [aCase({ injuredAt: '2024-01-09T16:10:00Z' })],
      aCase({ claimId: 'C-2', injuredAt: '2025-01-09T15:30:00Z' }),
      key,
    );
    expect(found?.daysBetween).toBe(365);
  });

  it('compares a GB 6441-86 type with its GB 6441-2025 successor', () => {
    const found = detectRecurrence(
      [aCase()],
      aCase({
        claimId: 'C-2',
        accidentType: mech2025,
        injuredAt: '2024-03-01T09:00:00+08:00',
      }),
      key,
    );
    expect(found).toEqual({
      previousClaimId: 'C-1',
      accidentType: mech2025,
      daysBetween: 51,
    });
  });

  it('matches a GB 6441-86 其他伤害 slip with a GB 6441-2025 跌落 case (其他伤害 split into 其他 and 跌落)', () => {
    const slip86: AccidentTypeRef = {
      standard: 'GB6441-86',
      code: '20',
      name: '其他伤害',
    };
    const trip2025: AccidentTypeRef = {
      standard: 'GB6441-2025',
      code: 'WSA10011',
      name: '跌落',
    };
    const found = detectRecurrence(
      [aCase({ accidentType: slip86, injuredAt: '2026-03-02T09:00:00+08:00' })],
      aCase({
        claimId: 'C-2',
        accidentType: trip2025,
        injuredAt: '2026-08-20T09:00:00+08:00',
      }),
      key,
    );
    expect(found).toEqual({
      previousClaimId: 'C-1',
      accidentType: trip2025,
      daysBetween: 171,
    });
  });

  it('ignores another enterprise, another type, a withdrawn case and a case without type', () => {
    const newCase = aCase({
      claimId: 'C-9',
      injuredAt: '2024-02-01T09:00:00+08:00',
    });
    expect(
      detectRecurrence(
        [
          aCase({ claimId: 'C-1', uscc: '914303810000010022' }),
          aCase({ claimId: 'C-2', accidentType: FALL_86 }),
          aCase({ claimId: 'C-3', withdrawn: true }),
          aCase({ claimId: 'C-4', accidentType: undefined }),
          aCase({ claimId: 'C-9' }),
        ],
        newCase,
        key,
      ),
    ).toBeUndefined();
    expect(
      detectRecurrence([aCase()], { ...newCase, accidentType: undefined }, key),
    ).toBeUndefined();
  });

  it('names the nearest earlier case when several match', () => {
    const found = detectRecurrence(
      [
        aCase({ claimId: 'C-1' }),
        aCase({ claimId: 'C-2', injuredAt: '2024-06-01T09:00:00+08:00' }),
      ],
      aCase({ claimId: 'C-3', injuredAt: '2024-07-01T09:00:00+08:00' }),
      key,
    );
    expect(found?.previousClaimId).toBe('C-2');
    expect(found?.daysBetween).toBe(30);
  });
});

describe('earlierCasesOf (what a case repeats, whatever the arrival order)', () => {
  const MECHANICAL = {
    standard: 'GB6441-86' as const,
    code: '03',
    name: '机械伤害',
  };
  const key = (a: { code: string }, b: { code: string }) => a.code === b.code;
  const c = (
    claimId: string,
    injuredAt: string,
    extra: Record<string, unknown> = {},
  ) => ({
    claimId,
    uscc: '91430381MA4L16JQ92',
    accidentType: MECHANICAL,
    injuredAt,
    ...extra,
  });
  const A = c('A', '2024-01-10T09:00:00+08:00');
  const B = c('B', '2024-06-10T09:00:00+08:00');
  const C = c('C', '2025-01-09T09:00:00+08:00');

  it('names every earlier injury of the same kind, earliest first, and never a later one', () => {
    expect(earlierCasesOf([A, B, C], C, key)).toEqual([
      { claimId: 'A', daysBetween: 365 },
      { claimId: 'B', daysBetween: 213 },
    ]);
    expect(earlierCasesOf([B, C], A, key)).toEqual([]);
    expect(earlierCasesOf([A], B, key)).toEqual([
      { claimId: 'A', daysBetween: 152 },
    ]);
  });

  it('does not count workers hurt in the same incident as a recurrence', () => {
    const first = c('W1', '2024-03-01T10:00:00+08:00', {
      incidentRef: 'INC-7',
    });
    const second = c('W2', '2024-03-01T10:00:00+08:00', {
      incidentRef: 'INC-7',
    });
    expect(earlierCasesOf([first], second, key)).toEqual([]);
  });
});
