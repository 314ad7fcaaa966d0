import { FactLog } from '../testing/facts.factory.js';
import {
  accidentReduction,
  figureFacts,
  previousPeriod,
} from './accident-reduction.js';
import { County } from './county.js';

const options = {
  productionSafetyNatures: ['workplace', 'work-preparation', 'business-trip'],
};
const P = { from: '2024-01-01', to: '2024-08-31' };
const A = '91110108551385082Q';
const B = '91430381MA4L1234X5';

describe('accident reduction (docs/metrics.md §1)', () => {
  it('gives the published changePercent, unrounded, for the Xiangxiang January–August 2024 figures', () => {
    const log = new FactLog();
    let n = 0;
    const accidents = (
      count: number,
      year: number,
      deaths: number,
      injured: number,
    ) => {
      for (let i = 0; i < count; i++) {
        log.accident(`a${n++}`, `${year}-03-01T10:00:00+08:00`, {
          deaths: i === 0 ? deaths : 0,
          minorInjuries: i === 0 ? injured : 0,
        });
      }
    };
    accidents(91, 2023, 77, 20);
    accidents(58, 2024, 45, 5);
    const report = accidentReduction(County.of(log.facts), P, options);
    expect(report.accidents).toEqual({
      current: 58,
      previous: 91,
      change: -33,
      changePercent: ((58 - 91) / 91) * 100,
    });
    expect(report.accidents.changePercent).toBeCloseTo(-36.2637, 4);
    expect(report.deaths.changePercent).toBeCloseTo(-41.5584, 4);
    expect(report.injured.changePercent).toBe(-75);
  });

  it('answers changePercent null when the previous period had none', () => {
    const log = new FactLog();
    log.accident('x', '2024-05-01T10:00:00+08:00');
    const report = accidentReduction(County.of(log.facts), P, options);
    expect(report.accidents).toEqual({
      current: 1,
      previous: 0,
      change: 1,
      changePercent: null,
    });
  });

  it('compares 29 February of a leap year with 28 February of the year before', () => {
    expect(previousPeriod({ from: '2024-02-29', to: '2024-02-29' })).toEqual({
      from: '2023-02-28',
      to: '2023-02-28',
    });
    const log = new FactLog();
    log.accident('leap', '2024-02-29T09:00:00+08:00');
    log.accident('before', '2023-02-28T09:00:00+08:00');
    log.accident('march', '2023-03-01T09:00:00+08:00');
    const report = accidentReduction(
      County.of(log.facts),
      { from: '2024-02-29', to: '2024-02-29' },
      options,
    );
    expect(report.accidents).toMatchObject({ current: 1, previous: 1 });
  });

  it('counts an accident just after midnight Asia/Shanghai on its local date, though UTC says the day before', () => {
    const log = new FactLog();
    log.accident('new-year', '2023-12-31T16:05:00Z'); // 2024-01-01 00:05 in Shanghai
    log.accident('old-year', '2023-12-31T15:55:00Z'); // 2023-12-31 23:55 in Shanghai
    const facts = figureFacts(County.of(log.facts), 'accidents', P, options);
    expect(facts.contributing.map((l) => l.key)).toEqual(['new-year']);
    expect(facts.excluded).toEqual([
      expect.objectContaining({
        key: 'old-year',
        reason: 'outside-period-asia-shanghai',
      }),
    ]);
  });

  it('sums the latest casualty revision, and a revision recorded later changes the figure only from then', () => {
    const log = new FactLog();
    log.accident('a1', '2024-03-01T10:00:00+08:00', {
      deaths: 1,
      seriousInjuries: 2,
    });
    log.add(
      {
        type: 'AccidentCasualtiesRevised',
        accidentId: 'a1',
        deaths: 2,
        seriousInjuries: 1,
        minorInjuries: 0,
      },
      '2024-03-20T10:00:00+08:00',
      '2024-10-01T00:00:00Z',
    );
    const now = accidentReduction(County.of(log.facts), P, options);
    expect([now.deaths.current, now.injured.current]).toEqual([2, 1]);
    const before = accidentReduction(
      County.of(log.facts, '2024-09-30T00:00:00Z'),
      P,
      options,
    );
    expect([before.deaths.current, before.injured.current]).toEqual([1, 2]);
  });

  it('counts an incident with three injured workers once, and its enterprise once', () => {
    const log = new FactLog();
    log.register(A, '2023-01-01T00:00:00+08:00');
    for (const claim of ['c1', 'c2', 'c3'])
      log.declare(claim, {
        uscc: A,
        injuredAt: '2024-04-02T10:00:00+08:00',
        incidentRef: 'INC-1',
      });
    log.declare('c4', { uscc: A, injuredAt: '2024-04-09T10:00:00+08:00' });
    const report = accidentReduction(County.of(log.facts), P, options);
    expect(report.aboveScaleWorkInjuryAccidents.current).toBe(2);
    expect(report.aboveScaleEnterprisesInvolved.current).toBe(1);
    expect(report.aboveScaleMedicalTreatmentClaims.current).toBe(4);
    const facts = figureFacts(
      County.of(log.facts),
      'aboveScaleWorkInjuryAccidents',
      P,
      options,
    );
    expect(
      facts.contributing.find((l) => l.key === 'incident:INC-1')?.fields
        .claimIds,
    ).toEqual(['c1', 'c2', 'c3']);
  });

  it('keeps commuting injuries and occupational disease out of the accident rows, but not out of medical-treatment claims', () => {
    const log = new FactLog();
    log.register(A, '2023-01-01T00:00:00+08:00');
    log.declare('commute', {
      uscc: A,
      injuredAt: '2024-04-02T08:00:00+08:00',
      injuryNature: 'commute',
    });
    log.declare('disease', {
      uscc: A,
      injuredAt: '2024-04-03T08:00:00+08:00',
      injuryNature: 'occupational-disease',
    });
    const county = County.of(log.facts);
    const accidents = figureFacts(
      county,
      'aboveScaleWorkInjuryAccidents',
      P,
      options,
    );
    expect(accidents.value).toBe(0);
    expect(accidents.excluded.map((l) => [l.key, l.reason])).toEqual([
      ['commute', 'commuting'],
      ['disease', 'occupational-disease'],
    ]);
    expect(
      figureFacts(county, 'aboveScaleMedicalTreatmentClaims', P, options).value,
    ).toBe(2);
  });

  it('leaves out withdrawn declarations, and follows corrections', () => {
    const log = new FactLog();
    log.register(A, '2023-01-01T00:00:00+08:00');
    log.declare('w', { uscc: A, injuredAt: '2024-04-02T08:00:00+08:00' });
    log.add(
      {
        type: 'InjuryDeclarationWithdrawn',
        claimId: 'w',
        feedWeek: '2024-W15',
        reason: 'not-recognised',
      },
      '2024-04-10T00:00:00+08:00',
    );
    log.declare('moved', { uscc: A, injuredAt: '2024-04-02T08:00:00+08:00' });
    // Corrected: it happened in 2023, and was no treatment claim.
    log.add(
      {
        type: 'InjuryDeclarationCorrected',
        claimId: 'moved',
        feedWeek: '2024-W16',
        changes: {
          injuredAt: '2023-04-02T08:00:00+08:00',
          medicalTreatmentClaim: false,
        },
      },
      '2024-04-15T00:00:00+08:00',
    );
    const county = County.of(log.facts);
    const report = accidentReduction(county, P, options);
    expect(report.aboveScaleWorkInjuryAccidents).toMatchObject({
      current: 0,
      previous: 1,
    });
    expect(report.aboveScaleMedicalTreatmentClaims).toMatchObject({
      current: 0,
      previous: 0,
    });
    expect(
      figureFacts(county, 'aboveScaleWorkInjuryAccidents', P, options).excluded,
    ).toEqual([expect.objectContaining({ key: 'w', reason: 'withdrawn' })]);
  });

  it('counts an enterprise that becomes above designated size mid-period only from then', () => {
    const log = new FactLog();
    log.register(B, '2023-01-01T00:00:00+08:00', {
      aboveDesignatedSize: false,
    });
    log.declare('before', { uscc: B, injuredAt: '2024-03-01T10:00:00+08:00' });
    log.add(
      { type: 'EnterpriseProfileUpdated', uscc: B, aboveDesignatedSize: true },
      '2024-05-01T00:00:00+08:00',
    );
    log.declare('after', { uscc: B, injuredAt: '2024-06-01T10:00:00+08:00' });
    const facts = figureFacts(
      County.of(log.facts),
      'aboveScaleMedicalTreatmentClaims',
      P,
      options,
    );
    expect(facts.contributing.map((l) => l.key)).toEqual(['after']);
    expect(facts.excluded).toEqual([
      expect.objectContaining({
        key: 'before',
        reason: 'below-designated-size-at-the-time',
      }),
    ]);
  });

  it("counts an unregistered employer's declarations once it registers, in the zone it registered into", () => {
    const log = new FactLog();
    log.declare(
      'early',
      { uscc: B, injuredAt: '2024-03-01T10:00:00+08:00' },
      '2024-03-08T00:00:00Z',
    );
    log.register(
      B,
      '2024-06-01T00:00:00+08:00',
      { zoneId: 'zone-3' },
      '2024-06-01T02:00:00Z',
    );
    const beforeRegistration = figureFacts(
      County.of(log.facts, '2024-05-01T00:00:00Z'),
      'aboveScaleWorkInjuryAccidents',
      P,
      options,
    );
    expect(beforeRegistration.value).toBe(0);
    expect(beforeRegistration.excluded).toEqual([
      expect.objectContaining({
        key: 'early',
        reason: 'employer-not-registered',
      }),
    ]);
    const county = County.of(log.facts);
    expect(
      figureFacts(
        county,
        'aboveScaleWorkInjuryAccidents',
        { ...P, zoneId: 'zone-3' },
        options,
      ).value,
    ).toBe(1);
  });

  it('attributes facts before a zone reassignment to the old zone', () => {
    const log = new FactLog();
    log.register(A, '2023-01-01T00:00:00+08:00', { zoneId: 'zone-1' });
    log.declare('old-zone', {
      uscc: A,
      injuredAt: '2024-02-01T10:00:00+08:00',
    });
    log.accident('acc-old', '2024-02-02T10:00:00+08:00', {}, 'zone-1', A);
    log.add(
      { type: 'EnterpriseZoneReassigned', uscc: A, toZoneId: 'zone-2' },
      '2024-04-01T00:00:00+08:00',
    );
    log.declare('new-zone', {
      uscc: A,
      injuredAt: '2024-05-01T10:00:00+08:00',
    });
    // Reported late, after the reassignment: the officer's form said zone-2, the enterprise was in zone-1.
    log.accident('acc-late', '2024-03-15T10:00:00+08:00', {}, 'zone-2', A);
    const county = County.of(log.facts);
    const zone1 = accidentReduction(
      county,
      { ...P, zoneId: 'zone-1' },
      options,
    );
    const zone2 = accidentReduction(
      county,
      { ...P, zoneId: 'zone-2' },
      options,
    );
    expect([
      zone1.aboveScaleWorkInjuryAccidents.current,
      zone2.aboveScaleWorkInjuryAccidents.current,
    ]).toEqual([1, 1]);
    expect([zone1.accidents.current, zone2.accidents.current]).toEqual([2, 0]);
  });

  it('explains deaths and injured as sums over the accidents that had them', () => {
    const log = new FactLog();
    log.accident('a', '2024-03-01T10:00:00+08:00', {
      deaths: 2,
      minorInjuries: 1,
    });
    log.accident('b', '2024-03-02T10:00:00+08:00', {
      deaths: 0,
      seriousInjuries: 3,
    });
    const county = County.of(log.facts);
    const deaths = figureFacts(county, 'deaths', P, options);
    expect(deaths.contributing.map((l) => [l.key, l.counts])).toEqual([
      ['a', 2],
    ]);
    const injured = figureFacts(county, 'injured', P, options);
    expect(injured.value).toBe(4);
    expect(injured.contributing.reduce((s, l) => s + l.counts, 0)).toBe(4);
  });
});
