import {
  Accident,
  type ReportAccidentInput,
  type ReviseCasualtiesInput,
} from './accident.aggregate.js';
import type { AccidentEvent, AccidentReported } from './accident.events.js';
import { assertAccidentTypeStandard } from './accident-type-policy.js';
import { AccidentError } from './accident.errors.js';
import { specFor } from '@app/shared-kernel/testing';

const spec = specFor<AccidentEvent, Accident>(Accident.empty);

const aReport = (
  overrides: Partial<ReportAccidentInput> = {},
): ReportAccidentInput => ({
  accidentId: 'acc-1',
  uscc: '91430381000001001Y',
  zoneId: 'zone-2',
  accidentType: { standard: 'GB6441-86', code: '09', name: '高处坠落' },
  occurredAt: '2024-05-10T14:20:00+08:00',
  deaths: 1,
  seriousInjuries: 2,
  minorInjuries: 3,
  directLossYuan: 1_200_000,
  description: '脚手架坍塌，一人坠落死亡',
  ...overrides,
});
const reported = (
  overrides: Partial<ReportAccidentInput> = {},
): AccidentReported => ({
  type: 'AccidentReported',
  schemaVersion: 1,
  data: { ...aReport(overrides) },
});
const revised = (
  deaths: number,
  seriousInjuries: number,
  minorInjuries: number,
  reason = '伤者30日内死亡',
  window: { withinReportingWindow?: boolean; reportingWindowDays?: number } = {
    withinReportingWindow: true,
    reportingWindowDays: 30,
  },
): AccidentEvent => ({
  type: 'AccidentCasualtiesRevised',
  schemaVersion: 1,
  data: { deaths, seriousInjuries, minorInjuries, reason, ...window },
});
/** A revision on the accident's 20th day, under the 30-day window. */
const aRevision = (
  overrides: Partial<ReviseCasualtiesInput> = {},
): ReviseCasualtiesInput => ({
  deaths: 2,
  seriousInjuries: 1,
  minorInjuries: 3,
  reason: '伤者30日内死亡',
  changedAt: '2024-05-30T08:00:00+08:00',
  reportingWindowDays: 30,
  ...overrides,
});

describe('Accident — ReportAccident', () => {
  it('reports the accident with its casualties, loss and zone', () => {
    spec
      .given()
      .when((a) => a.report(aReport()))
      .then([reported()]);
  });

  it('allows an accident without an enterprise (no uscc)', () => {
    const { uscc: _omit, ...data } = aReport();
    spec
      .given()
      .when((a) => a.report({ ...aReport(), uscc: undefined }))
      .then([{ type: 'AccidentReported', schemaVersion: 1, data }]);
  });

  it('counts are whole numbers ≥ 0, the loss ≥ 0, and every field is named', () => {
    const error = spec
      .given()
      .when((a) =>
        a.report(
          aReport({
            deaths: -1,
            seriousInjuries: 1.5,
            minorInjuries: Number.NaN,
            directLossYuan: -5,
            description: '',
            occurredAt: 'yesterday',
          }),
        ),
      )
      .thenError('ACCIDENT_INVALID', 'invalid');
    expect(error.details.map((d) => d.path)).toEqual([
      'deaths',
      'seriousInjuries',
      'minorInjuries',
      'occurredAt',
      'directLossYuan',
      'description',
    ]);
  });

  it('zero casualties are allowed (a property-loss-only accident)', () => {
    spec
      .given()
      .when((a) =>
        a.report(aReport({ deaths: 0, seriousInjuries: 0, minorInjuries: 0 })),
      )
      .then([reported({ deaths: 0, seriousInjuries: 0, minorInjuries: 0 })]);
  });

  it('is reported once per accident id', () => {
    spec
      .given(reported())
      .when((a) => a.report(aReport()))
      .thenError('ACCIDENT_ALREADY_REPORTED', 'conflict');
  });
});

describe('Accident — ReviseAccidentCasualties', () => {
  it('records the new figures with the reason (e.g. a death within 30 days)', () => {
    spec
      .given(reported())
      .when((a) => a.reviseCasualties(aRevision()))
      .then([revised(2, 1, 3)]);
  });

  it('needs a reported accident', () => {
    spec
      .given()
      .when((a) => a.reviseCasualties(aRevision({ reason: 'x' })))
      .thenError('ACCIDENT_NOT_FOUND', 'not-found');
  });

  it('needs a reason and whole counts ≥ 0', () => {
    const error = spec
      .given(reported())
      .when((a) =>
        a.reviseCasualties(
          aRevision({
            deaths: -1,
            reason: ' ',
            changedAt: '2024-05-10T14:00:00+08:00',
          }),
        ),
      )
      .thenError('ACCIDENT_INVALID');
    expect(error.details.map((d) => d.path)).toEqual([
      'deaths',
      'reason',
      'effectiveAt',
    ]);
  });

  it('refuses a revision that changes nothing', () => {
    spec
      .given(reported())
      .when((a) =>
        a.reviseCasualties(
          aRevision({
            deaths: 1,
            seriousInjuries: 2,
            minorInjuries: 3,
            reason: '复核',
          }),
        ),
      )
      .thenError('ACCIDENT_CASUALTIES_UNCHANGED', 'conflict');
  });
});

describe('Accident — casualty revisions and the window of 条例 art. 13 (30 days; 7 for road traffic and fire)', () => {
  // The accident happened on 2024-05-10 (Asia/Shanghai): day 30 after it is 2024-06-09.
  it.each([
    [
      'on the 30th day after the accident, late in the evening',
      '2024-06-09T23:59:00+08:00',
      30,
      true,
    ],
    [
      'on the 31st day (just after midnight, Shanghai)',
      '2024-06-09T16:00:00Z',
      30,
      false,
    ],
    [
      'on the 7th day under the 7-day window',
      '2024-05-17T20:00:00+08:00',
      7,
      true,
    ],
    [
      'on the 8th day under the 7-day window',
      '2024-05-18T08:00:00+08:00',
      7,
      false,
    ],
    ['on the day of the accident itself', '2024-05-10T18:00:00+08:00', 7, true],
  ])(
    'a change %s (%s, %i-day window): within = %s',
    (_label, changedAt, days, within) => {
      spec
        .given(reported())
        .when((a) =>
          a.reviseCasualties(
            aRevision({ changedAt, reportingWindowDays: days }),
          ),
        )
        .then([
          revised(2, 1, 3, '伤者30日内死亡', {
            withinReportingWindow: within,
            reportingWindowDays: days,
          }),
        ]);
    },
  );

  it('records a late change too (never refused), and a change before the accident is invalid', () => {
    spec
      .given(reported())
      .when((a) =>
        a.reviseCasualties(
          aRevision({ changedAt: '2024-08-01T09:00:00+08:00' }),
        ),
      )
      .then([
        revised(2, 1, 3, '伤者30日内死亡', {
          withinReportingWindow: false,
          reportingWindowDays: 30,
        }),
      ]);
    const error = spec
      .given(reported())
      .when((a) =>
        a.reviseCasualties(
          aRevision({ changedAt: '2024-05-09T09:00:00+08:00' }),
        ),
      )
      .thenError('ACCIDENT_INVALID', 'invalid');
    expect(error.details).toEqual([
      {
        path: 'effectiveAt',
        message: expect.stringContaining('before the accident'),
      },
    ]);
  });

  it('derives the GB 6441-2025 degree of injury from the latest figures', () => {
    const degreeAfter = (...events: AccidentEvent[]) =>
      Accident.empty().loadFromHistory(events).injuryDegree.name;
    expect(
      degreeAfter(
        reported({ deaths: 0, seriousInjuries: 0, minorInjuries: 2 }),
      ),
    ).toBe('轻伤');
    expect(
      degreeAfter(
        reported({ deaths: 0, seriousInjuries: 1, minorInjuries: 2 }),
        revised(1, 0, 2),
      ),
    ).toBe('死亡事故');
    expect(
      degreeAfter(
        reported({ deaths: 0, seriousInjuries: 0, minorInjuries: 0 }),
      ),
    ).toBe('零伤亡');
  });
});

describe('Accident — grade from the latest figures (条例 art. 3)', () => {
  const gradeAfter = (...events: AccidentEvent[]) =>
    Accident.empty().loadFromHistory(events).grade.name;

  it('is 一般 below every threshold', () => {
    expect(
      gradeAfter(
        reported({ deaths: 2, seriousInjuries: 9, directLossYuan: 9_999_999 }),
      ),
    ).toBe('一般');
  });

  it('rises to 较大 when a revision brings deaths to 3', () => {
    expect(gradeAfter(reported({ deaths: 2 }), revised(3, 1, 3))).toBe('较大');
  });

  it('falls back when a later revision lowers the figures', () => {
    expect(
      gradeAfter(
        reported({ deaths: 2 }),
        revised(3, 1, 3),
        revised(2, 2, 3, '核实：一人系非事故死亡'),
      ),
    ).toBe('一般');
  });

  it('uses the direct loss too: ¥50M is 重大, ¥100M is 特别重大', () => {
    expect(
      gradeAfter(
        reported({ deaths: 0, seriousInjuries: 0, directLossYuan: 50_000_000 }),
      ),
    ).toBe('重大');
    expect(
      gradeAfter(
        reported({
          deaths: 0,
          seriousInjuries: 0,
          directLossYuan: 100_000_000,
        }),
      ),
    ).toBe('特别重大');
  });

  it('serious injuries: 10 is 较大, 50 is 重大, 100 is 特别重大', () => {
    expect(gradeAfter(reported({ deaths: 0, seriousInjuries: 10 }))).toBe(
      '较大',
    );
    expect(gradeAfter(reported({ deaths: 0, seriousInjuries: 50 }))).toBe(
      '重大',
    );
    expect(gradeAfter(reported({ deaths: 0, seriousInjuries: 100 }))).toBe(
      '特别重大',
    );
  });
});

describe('Accident type standard by date', () => {
  const old = { standard: 'GB6441-86' as const, code: '09', name: '高处坠落' };

  it('accepts GB 6441-86 up to the last instant of 2026-06-30 in Asia/Shanghai', () => {
    expect(() =>
      assertAccidentTypeStandard(
        old,
        '2026-06-30T23:59:59.999+08:00',
        '2026-07-01',
      ),
    ).not.toThrow();
  });

  it('requires GB 6441-2025 from 2026-07-01 (Asia/Shanghai)', () => {
    expect(() =>
      assertAccidentTypeStandard(old, '2026-06-30T16:00:00Z', '2026-07-01'),
    ).toThrow(AccidentError);
    expect(() =>
      assertAccidentTypeStandard(
        { standard: 'GB6441-2025', code: 'WSA10010', name: '高处坠落' },
        '2026-07-02T00:00:00+08:00',
        '2026-07-01',
      ),
    ).not.toThrow();
  });
});
