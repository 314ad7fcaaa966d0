import { Accident, type ReportAccidentInput } from './accident.aggregate.js';
import type { AccidentEvent, AccidentReported } from './accident.events.js';
import { assertAccidentTypeStandard } from './accident-type-policy.js';
import { AccidentError } from './accident.errors.js';
import { specFor } from '@app/shared-kernel/testing';

const spec = specFor<AccidentEvent, Accident>(Accident.empty);

const aReport = (overrides: Partial<ReportAccidentInput> = {}): ReportAccidentInput => ({
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
const reported = (overrides: Partial<ReportAccidentInput> = {}): AccidentReported => ({
  type: 'AccidentReported',
  schemaVersion: 1,
  data: { ...aReport(overrides) },
});
const revised = (deaths: number, seriousInjuries: number, minorInjuries: number, reason = '伤者30日内死亡'): AccidentEvent => ({
  type: 'AccidentCasualtiesRevised',
  schemaVersion: 1,
  data: { deaths, seriousInjuries, minorInjuries, reason },
});

describe('Accident — ReportAccident', () => {
  it('reports the accident with its casualties, loss and zone', () => {
    spec.given().when((a) => a.report(aReport())).then([reported()]);
  });

  it('allows an accident without an enterprise (no uscc)', () => {
    const { uscc: _omit, ...data } = aReport();
    spec.given().when((a) => a.report({ ...aReport(), uscc: undefined })).then([{ type: 'AccidentReported', schemaVersion: 1, data }]);
  });

  it('counts are whole numbers ≥ 0, the loss ≥ 0, and every field is named', () => {
    const error = spec
      .given()
      .when((a) =>
        a.report(aReport({ deaths: -1, seriousInjuries: 1.5, minorInjuries: Number.NaN, directLossYuan: -5, description: '', occurredAt: 'yesterday' })),
      )
      .thenError('ACCIDENT_INVALID', 'invalid');
    expect(error.details.map((d) => d.path)).toEqual(['deaths', 'seriousInjuries', 'minorInjuries', 'occurredAt', 'directLossYuan', 'description']);
  });

  it('zero casualties are allowed (a property-loss-only accident)', () => {
    spec.given().when((a) => a.report(aReport({ deaths: 0, seriousInjuries: 0, minorInjuries: 0 }))).then([reported({ deaths: 0, seriousInjuries: 0, minorInjuries: 0 })]);
  });

  it('is reported once per accident id', () => {
    spec.given(reported()).when((a) => a.report(aReport())).thenError('ACCIDENT_ALREADY_REPORTED', 'conflict');
  });
});

describe('Accident — ReviseAccidentCasualties', () => {
  it('records the new figures with the reason (e.g. a death within 30 days)', () => {
    spec.given(reported()).when((a) => a.reviseCasualties({ deaths: 2, seriousInjuries: 1, minorInjuries: 3, reason: '伤者30日内死亡' })).then([revised(2, 1, 3)]);
  });

  it('needs a reported accident', () => {
    spec.given().when((a) => a.reviseCasualties({ deaths: 2, seriousInjuries: 1, minorInjuries: 3, reason: 'x' })).thenError('ACCIDENT_NOT_FOUND', 'not-found');
  });

  it('needs a reason and whole counts ≥ 0', () => {
    const error = spec
      .given(reported())
      .when((a) => a.reviseCasualties({ deaths: -1, seriousInjuries: 1, minorInjuries: 3, reason: ' ' }))
      .thenError('ACCIDENT_INVALID');
    expect(error.details.map((d) => d.path)).toEqual(['deaths', 'reason']);
  });

  it('refuses a revision that changes nothing', () => {
    spec.given(reported()).when((a) => a.reviseCasualties({ deaths: 1, seriousInjuries: 2, minorInjuries: 3, reason: '复核' })).thenError('ACCIDENT_CASUALTIES_UNCHANGED', 'conflict');
  });
});

describe('Accident — grade from the latest figures (条例 art. 3)', () => {
  const gradeAfter = (...events: AccidentEvent[]) => Accident.empty().loadFromHistory(events).grade.name;

  it('is 一般 below every threshold', () => {
    expect(gradeAfter(reported({ deaths: 2, seriousInjuries: 9, directLossYuan: 9_999_999 }))).toBe('一般');
  });

  it('rises to 较大 when a revision brings deaths to 3', () => {
    expect(gradeAfter(reported({ deaths: 2 }), revised(3, 1, 3))).toBe('较大');
  });

  it('falls back when a later revision lowers the figures', () => {
    expect(gradeAfter(reported({ deaths: 2 }), revised(3, 1, 3), revised(2, 2, 3, '核实：一人系非事故死亡'))).toBe('一般');
  });

  it('uses the direct loss too: ¥50M is 重大, ¥100M is 特别重大', () => {
    expect(gradeAfter(reported({ deaths: 0, seriousInjuries: 0, directLossYuan: 50_000_000 }))).toBe('重大');
    expect(gradeAfter(reported({ deaths: 0, seriousInjuries: 0, directLossYuan: 100_000_000 }))).toBe('特别重大');
  });

  it('serious injuries: 10 is 较大, 50 is 重大, 100 is 特别重大', () => {
    expect(gradeAfter(reported({ deaths: 0, seriousInjuries: 10 }))).toBe('较大');
    expect(gradeAfter(reported({ deaths: 0, seriousInjuries: 50 }))).toBe('重大');
    expect(gradeAfter(reported({ deaths: 0, seriousInjuries: 100 }))).toBe('特别重大');
  });
});

describe('Accident type standard by date', () => {
  const old = { standard: 'GB6441-86' as const, code: '09', name: '高处坠落' };

  it('accepts GB 6441-86 up to the last instant of 2026-06-30 in Asia/Shanghai', () => {
    expect(() => assertAccidentTypeStandard(old, '2026-06-30T23:59:59.999+08:00', '2026-07-01')).not.toThrow();
  });

  it('requires GB 6441-2025 from 2026-07-01 (Asia/Shanghai)', () => {
    expect(() => assertAccidentTypeStandard(old, '2026-06-30T16:00:00Z', '2026-07-01')).toThrow(AccidentError);
    expect(() =>
      assertAccidentTypeStandard({ standard: 'GB6441-2025', code: 'WSA10010', name: '高处坠落' }, '2026-07-02T00:00:00+08:00', '2026-07-01'),
    ).not.toThrow();
  });
});
